package dev.helpdesk.bench;

import dev.helpdesk.it.Browser;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workspace's first paint: a signed-in manager reloads the inbox ("All open") in headless
 * chromium; from navigation start to the first rendered ticket list (the page's own {@code
 * inbox-painted} performance mark). Twelve loads, the first two are warm-up.
 */
final class FirstPaint {
  private FirstPaint() {}

  /** The ten measured loads in ms, sorted. */
  static long[] measure(URL base, String adminPassword) throws Exception {
    ChromeDriver browser = Browser.start(1366, 860);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base.toString());
      wait.until(d -> d.findElement(By.name("login")).isDisplayed());
      browser.findElement(By.name("login")).sendKeys("admin");
      browser.findElement(By.name("password")).sendKeys(adminPassword, Keys.ENTER);
      wait.until(d -> !d.findElements(By.cssSelector(".connection.connected")).isEmpty());
      long[] ms = new long[12];
      for (int i = 0; i < ms.length; i++) {
        // the "All open" view: a full page of the 100,000 tickets
        browser.get(base + "#all");
        browser.navigate().refresh();
        wait.until(
            d ->
                (Boolean)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return performance.getEntriesByName('inbox-painted').length > 0"));
        ms[i] =
            ((Number)
                    browser.executeScript(
                        "return performance.getEntriesByName('inbox-painted')[0].startTime"))
                .longValue();
      }
      Browser.screenshot(browser, "bench-inbox-first-paint");
      long[] measured = Arrays.copyOfRange(ms, 2, ms.length);
      Arrays.sort(measured);
      return measured;
    } finally {
      browser.quit();
    }
  }
}
