package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The routing page in real chromium: an admin writes a rule with the form, sees it in the list,
 * tries a message against it, and gets the server's reason when a rule cannot run. Screenshot:
 * target/screenshots/routing-admin.png.
 */
@ExtendWith(ArquillianExtension.class)
public class RoutingAdminBrowserIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start(1366, 1000);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @ArquillianResource URL base;
  Api admin;
  final String run = Long.toString(System.nanoTime(), 36);
  String team;

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
    team = "Payments " + run;
    assertEquals(201, admin.post("api/v1/teams", Map.of("name", team)).status());
    browser.manage().deleteAllCookies();
  }

  @AfterEach
  void tearDown() {
    // rules are global: leave none to the other tests
    for (var v : (JsonArray) admin.get("api/v1/routing/rules").structure()) {
      JsonObject r = v.asJsonObject();
      if (r.getString("name").contains(run)) {
        admin.delete("api/v1/routing/rules/" + r.getJsonNumber("id").longValue());
      }
    }
  }

  @Test
  void anAdminWritesARuleTriesAMessageOnItAndIsToldWhyABadRuleIsRefused() throws Exception {
    browser.get(base.toString());
    waitFor(d -> d.findElement(By.name("login")).isDisplayed());
    browser.findElement(By.name("login")).sendKeys("admin");
    browser.findElement(By.name("password")).sendKeys(Api.ADMIN_PASSWORD, Keys.ENTER);
    WebElement link =
        waitFor(d -> d.findElement(By.cssSelector("#manage a[href$='routing.html']")));
    waitFor(d -> link.isDisplayed());
    link.click();

    waitFor(d -> d.findElement(By.id("app")).isDisplayed());
    browser.findElement(By.id("new")).click();
    browser.findElement(By.name("name")).sendKeys("Declined cards " + run);
    browser.findElement(By.id("add-condition")).click();
    new Select(browser.findElement(By.cssSelector(".condition [name=values]")))
        .selectByVisibleText("PAYMENT");
    new Select(browser.findElement(By.cssSelector(".action [name=value]")))
        .selectByVisibleText(team);
    browser.findElement(By.cssSelector("#form button[type=submit]")).click();
    waitFor(d -> d.findElement(By.id("msg")).getText().equals("Saved."));
    waitFor(d -> d.findElement(By.id("rules")).getText().contains("Declined cards " + run));

    browser.findElement(By.id("dry-text")).sendKeys("my card was declined twice, what do I do?");
    browser.findElement(By.id("dry-run")).click();
    String out = waitFor(d -> textWhen(d, "#dry-out", "Declined cards " + run));
    assertTrue(out.contains("PAYMENT"), out);
    assertTrue(out.contains(team), out);
    browser.executeScript("document.querySelector('#dry-out').scrollIntoView({block: 'end'})");
    Browser.screenshot(browser, "routing-admin");

    // a rule whose regular expression cannot compile: the server's reason, the form kept
    browser.findElement(By.id("new")).click();
    browser.findElement(By.name("name")).sendKeys("Broken " + run);
    browser.findElement(By.id("add-condition")).click();
    new Select(browser.findElement(By.cssSelector(".condition [name=field]")))
        .selectByVisibleText("Text matches");
    browser.findElement(By.cssSelector(".condition [name=values]")).sendKeys("order ([0-9");
    browser.findElement(By.cssSelector("#form button[type=submit]")).click();
    String error = waitFor(d -> textWhen(d, "#msg.error", "regular expression"));
    assertTrue(error.contains("regular expression"), error);
    assertEquals("Broken " + run, browser.findElement(By.name("name")).getAttribute("value"));
  }

  private static String textWhen(WebDriver d, String css, String wanted) {
    String text = d.findElement(By.cssSelector(css)).getText();
    return text.contains(wanted) ? text : null;
  }

  /**
   * The SLA page: an admin writes a policy in minutes, makes it urgent tickets' default, and is
   * told why a policy in use cannot be deleted. Screenshot: target/screenshots/sla-admin.png.
   */
  @Test
  void anAdminWritesAnSlaPolicyAndMakesItTheDefaultOfUrgentTickets() throws Exception {
    browser.get(base.toString());
    waitFor(d -> d.findElement(By.name("login")).isDisplayed());
    browser.findElement(By.name("login")).sendKeys("admin");
    browser.findElement(By.name("password")).sendKeys(Api.ADMIN_PASSWORD, Keys.ENTER);
    WebElement link = waitFor(d -> d.findElement(By.cssSelector("#manage a[href$='sla.html']")));
    waitFor(d -> link.isDisplayed());
    link.click();
    waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));

    String name = "Gold " + run;
    browser.findElement(By.id("new")).click();
    browser.findElement(By.name("name")).sendKeys(name);
    browser.findElement(By.name("firstResponse")).sendKeys("30");
    browser.findElement(By.name("resolution")).sendKeys("2");
    new Select(browser.findElement(By.name("resolutionUnit"))).selectByVisibleText("days");
    browser.findElement(By.cssSelector("#form button[type=submit]")).click();
    WebElement row =
        waitFor(d -> d.findElement(By.cssSelector("#policies tr[data-policy='" + name + "']")));
    assertTrue(row.getText().contains("30 min") && row.getText().contains("2 days"), row.getText());

    Select urgent =
        new Select(
            browser.findElement(By.xpath("//div[@id='priorities']//label[span='Urgent']/select")));
    urgent.selectByVisibleText(name);
    waitFor(d -> d.findElement(By.id("defaults-msg")).getText().equals("Saved"));
    assertEquals(
        name,
        admin.get("api/v1/sla-defaults").json().getJsonObject("priorities").getString("URGENT"));
    Browser.screenshot(browser, "sla-admin");

    // in use: the delete is refused with the reason
    browser.executeScript("window.confirm = () => true");
    browser
        .findElement(By.cssSelector("#policies tr[data-policy='" + name + "'] button.danger"))
        .click();
    waitFor(d -> d.findElement(By.id("defaults-msg")).getText().contains("priority URGENT"));
    Map<String, Object> none = new java.util.HashMap<>();
    none.put("policy", null);
    assertEquals(204, admin.put("api/v1/priorities/URGENT/sla", none).status());
  }

  private static <T> T waitFor(Function<WebDriver, T> until) {
    return Browser.waitFor(browser, "routing-admin", until);
  }
}
