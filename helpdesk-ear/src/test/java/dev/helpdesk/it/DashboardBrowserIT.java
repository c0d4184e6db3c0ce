package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The manager dashboard in real chromium: live tiles that follow new tickets without a reload,
 * charts drawn, the per-agent table with the reply just given, and the same page in Arabic, right
 * to left. Screenshots: target/screenshots/dashboard-en.png, dashboard-ar.png.
 */
@ExtendWith(ArquillianExtension.class)
public class DashboardBrowserIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start(1366, 1800);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @ArquillianResource URL base;
  final String run = Long.toString(System.nanoTime(), 36);

  long inbound(Api admin, String text) {
    Map<String, Object> body = new HashMap<>();
    body.put("externalId", run + "-" + System.nanoTime());
    body.put("from", Map.of("email", "dash." + System.nanoTime() + "@example.com", "name", "Dana"));
    body.put("text", text);
    Api.Response r = admin.post("api/v1/inbound", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  @Test
  void aManagerSeesLiveTilesChartsAndAgentsInEnglishAndArabic() throws Exception {
    Api admin = Api.admin(base);
    long answered = inbound(admin, "Is my order on its way? " + run);
    assertEquals(
        202,
        admin
            .post("api/v1/tickets/" + answered + "/replies", Map.of("text", "Yes, it shipped."))
            .status());
    String me = admin.get("api/v1/auth/me").json().getString("displayName");

    browser.manage().deleteAllCookies();
    browser.get(base.toString());
    waitFor(d -> d.findElement(By.name("login")).isDisplayed());
    browser.findElement(By.name("login")).sendKeys("admin");
    browser.findElement(By.name("password")).sendKeys(Api.ADMIN_PASSWORD, Keys.ENTER);
    waitFor(d -> !d.findElements(By.cssSelector(".connection.connected")).isEmpty());
    browser.get(base + "dashboard.html?lang=en");
    waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
    waitFor(d -> d.findElement(By.id("live")).getText().equals("Live"));

    String frt = tile("frtMedian");
    assertNotEquals("—", frt, "a first response was given today");
    long open = Long.parseLong(tile("open").replace(",", ""));
    assertTrue(
        (Boolean)
            browser.executeScript("return !!Chart.getChart(document.getElementById('chart-hour'))"),
        "the hour chart is drawn");
    String table = browser.findElement(By.cssSelector("#table tbody")).getText();
    assertTrue(table.contains(me), table);
    assertTrue(
        (Boolean)
            browser.executeScript(
                "return !!Chart.getChart(document.getElementById('chart-trend'))"),
        "the created/solved trend is drawn");
    assertTrue(
        Long.parseLong(tile("pCreated").replace(",", "")) >= 1,
        "created in the period: " + tile("pCreated"));
    assertFalse(
        browser.findElements(By.cssSelector("#heat tbody td[title*=':00']")).isEmpty(),
        "the heatmap has a cell for the hour the shopper wrote");

    // a new ticket arrives: the open tile follows without a reload
    inbound(admin, "My coupon does not work " + run);
    waitFor(d -> Long.parseLong(tile("open").replace(",", "")) > open);
    Browser.screenshot(browser, "dashboard-en");

    browser.get(base + "dashboard.html?lang=ar");
    waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
    assertEquals("rtl", browser.findElement(By.tagName("html")).getAttribute("dir"));
    assertEquals(
        "مفتوحة",
        browser.findElement(By.cssSelector("[data-tile=open] .k")).getText(),
        "tiles in Arabic");
    Browser.screenshot(browser, "dashboard-ar");
  }

  private static String tile(String key) {
    return browser.findElement(By.cssSelector("[data-tile=" + key + "] .v")).getText();
  }

  private static <T> T waitFor(Function<WebDriver, T> until) {
    return Browser.waitFor(browser, "dashboard", until);
  }
}
