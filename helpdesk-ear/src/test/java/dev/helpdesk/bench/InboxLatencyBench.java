package dev.helpdesk.bench;

import dev.helpdesk.it.Api;
import dev.helpdesk.it.Browser;
import dev.helpdesk.it.Deployments;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 5's live-inbox figure: {@code bench.inbox.messages} (200) inbound messages posted through
 * the API, one every {@code bench.inbox.interval-ms} (50) ms, to 20 conversations, while a
 * manager's workspace is open in headless chromium on the "All open" view. For each, the time from
 * the event's commit (the journal stamps it in the committing transaction) to the moment its row
 * was rendered in the tab (both clocks are this machine's). Prints p50/p99, writes
 * target/bench/<db>/inbox-results.txt, asserts nothing about time.
 */
@Tag("bench")
@ExtendWith(ArquillianExtension.class)
class InboxLatencyBench {
  static final int MESSAGES = Integer.getInteger("bench.inbox.messages", 200);
  static final int INTERVAL_MS = Integer.getInteger("bench.inbox.interval-ms", 50);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;

  @Test
  void fromCommitToTheAgentsTab() throws Exception {
    Api admin = Api.admin(base);
    String run = Long.toString(System.nanoTime(), 36);
    ChromeDriver browser = Browser.start(1366, 860);
    try {
      browser.get(base.toString());
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(d -> d.findElement(By.name("login")).isDisplayed());
      browser.findElement(By.name("login")).sendKeys("admin");
      browser.findElement(By.name("password")).sendKeys(Api.ADMIN_PASSWORD, Keys.ENTER);
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(d -> !d.findElements(By.cssSelector(".connection.connected")).isEmpty());
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .ignoring(org.openqa.selenium.WebDriverException.class)
          .until(
              d -> {
                d.findElement(By.cssSelector("[data-view='all']")).click();
                return true;
              });
      // warm-up: 20 messages, not counted
      post(admin, "warm" + run, 20);
      Thread.sleep(2000);
      browser.executeScript("window.helpdeskArrivals = []");
      post(admin, run, MESSAGES);
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(
              d ->
                  ((Number)
                              ((org.openqa.selenium.JavascriptExecutor) d)
                                  .executeScript(
                                      "return window.helpdeskArrivals.filter(a => a.message).length"))
                          .intValue()
                      >= MESSAGES);
      @SuppressWarnings("unchecked")
      List<Number> ms =
          (List<Number>)
              browser.executeScript(
                  "return window.helpdeskArrivals.filter(a => a.message).map(a => a.shown - a.at)");
      long[] sorted = ms.stream().mapToLong(Number::longValue).sorted().toArray();
      String line =
          String.format(
              "inbound message committed -> its row shown in an open agent tab: %d messages, p50 %d ms, p99 %d ms, max %d ms (one every %d ms, %d cores)",
              sorted.length,
              sorted[sorted.length / 2],
              sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
              sorted[sorted.length - 1],
              INTERVAL_MS,
              Runtime.getRuntime().availableProcessors());
      System.out.println(
          "\n==== BENCH RESULTS (" + System.getProperty("it.db") + ") ====\n" + line + "\n====\n");
      Path dir = Path.of(System.getProperty("helpdesk.bench.dir", "target/bench"));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("inbox-results.txt"), line + "\n");
      Browser.screenshot(browser, "bench-inbox");
      if (sorted.length < MESSAGES) {
        throw new AssertionError(
            "only " + sorted.length + " of " + MESSAGES + " arrived: " + Arrays.toString(sorted));
      }
    } finally {
      browser.quit();
    }
  }

  private void post(Api admin, String run, int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      var r =
          admin.post(
              "api/v1/inbound",
              Map.of(
                  "externalId", "lat-" + run + "-" + i,
                  "conversationId", "lat-" + run + "-" + (i % 20),
                  "from", Map.of("email", "lat-" + (i % 20) + "@example.com"),
                  "text", "Is my order " + i + " on its way?"));
      if (r.status() != 201) {
        throw new AssertionError(r.toString());
      }
      Thread.sleep(INTERVAL_MS);
    }
  }
}
