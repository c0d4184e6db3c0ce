package dev.helpdesk.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven by its chromedriver (both installed by .ci/run with apt), with no
 * outside network lookups; see ../shared/notes/browser-tests.md. One per test class.
 */
public final class Browser {
  private Browser() {}

  public static ChromeDriver start(int width, int height) throws IOException {
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + Files.createTempDirectory("chromium-it"),
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, o);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return driver;
  }

  /** Saves a screenshot under target/screenshots (kept as a test artifact). */
  public static Path screenshot(ChromeDriver driver, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path to = dir.resolve(name + ".png");
    Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
    return to;
  }

  /**
   * Waits up to 20 s for {@code until} to give something (elements re-rendered meanwhile are found
   * again); on a timeout, what the page looked like goes beside the other screenshots as {@code
   * <name>-failed-<time>.png}.
   */
  public static <T> T waitFor(
      ChromeDriver driver, String name, java.util.function.Function<WebDriver, T> until) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(20))
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .ignoring(NumberFormatException.class)
          .until(until);
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        screenshot(driver, name + "-failed-" + System.currentTimeMillis());
      } catch (IOException ignored) {
        // the timeout is the error to report
      }
      throw e;
    }
  }
}
