package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent's workspace in a real browser: sign in, a ticket arriving live, note, reply with its
 * delivery status, assign and solve by keyboard, search, script in a message that never runs, and
 * the Arabic right-to-left layout. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
class InboxBrowserIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start(1366, 860);
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
  String login;
  long agentId;

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
    var team = admin.post("api/v1/teams", Map.of("name", "Checkout " + run));
    assertEquals(201, team.status(), team.body());
    login = "eve" + run;
    var agent =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                login,
                "displayName",
                "Eve " + run,
                "password",
                "agent-password",
                "roles",
                List.of("AGENT"),
                "teamIds",
                List.of(team.json().getJsonNumber("id").longValue())));
    assertEquals(201, agent.status(), agent.body());
    agentId = agent.json().getJsonNumber("id").longValue();
    browser.manage().deleteAllCookies();
  }

  @Test
  void anAgentWorksALiveTicketFromTheKeyboard() throws Exception {
    signIn();
    click(By.cssSelector("[data-view='unassigned']"));
    waitFor(d -> d.findElement(By.id("list-title")).getText().equals("Unassigned"));

    // a message arrives while the inbox is open: its row appears without a reload
    var r =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId", "inbox-" + run,
                "conversationId", "inbox-" + run,
                "from",
                    Map.of(
                        "email",
                        "mallory-" + run + "@example.com",
                        "name",
                        "Mallory <img src=x onerror=window.__xss=1>"),
                "subject", "Card declined " + run,
                "text", "Payment failed <script>window.__xss=2</script> zebra" + run,
                "html",
                    "<p>Payment <b>failed</b></p><script>window.parent.__xss=3</script>"
                        + "<img src=x onerror=\"window.parent.__xss=4\">"));
    assertEquals(201, r.status(), r.body());
    long ticket = r.json().getJsonNumber("ticketId").longValue();
    By row = By.cssSelector("#tickets [data-id='" + ticket + "'] a");
    waitFor(d -> !d.findElements(row).isEmpty());
    assertTrue(
        browser.findElement(row).getText().contains("Card declined " + run),
        "the row shows the subject");
    click(row);
    waitFor(d -> !d.findElements(By.cssSelector(".timeline .msg.in")).isEmpty());
    WebElement inbound = browser.findElement(By.cssSelector(".timeline .msg.in"));
    assertTrue(
        inbound.getText().contains("<script>window.__xss=2</script>"),
        "markup in a message is shown as text: " + inbound.getText());
    // why the ticket is where it is: routing's one entry on the timeline, in words
    WebElement routed =
        waitFor(
            d ->
                d.findElements(By.cssSelector(".timeline li.event")).stream()
                    .filter(e -> e.getText().contains("routed: topic PAYMENT ("))
                    .findFirst()
                    .orElse(null));
    assertFalse(routed.getText().contains("ROUTED"), routed.getText());
    // the e-mail's HTML: sanitised again and shown in a frame that may run nothing
    click(By.cssSelector(".msg.in details.html summary"));
    WebElement frame = waitFor(d -> d.findElement(By.cssSelector(".msg.in iframe.html-frame")));
    assertEquals("", frame.getAttribute("sandbox"));
    String srcdoc = frame.getAttribute("srcdoc");
    assertTrue(srcdoc.contains("<b>failed</b>"), srcdoc);
    assertFalse(srcdoc.contains("<script") || srcdoc.contains("onerror"), srcdoc);

    // n: an internal note
    keys("n");
    keys("Checked the payment logs " + run);
    ctrlEnter();
    waitFor(
        d ->
            d.findElement(By.cssSelector(".timeline .msg.note"))
                .getText()
                .contains("payment logs " + run));
    keys(Keys.ESCAPE);

    // r: a public reply, then its delivery status
    keys("r");
    keys("Please try again, it should work now.");
    ctrlEnter();
    waitFor(
        d ->
            d.findElements(By.cssSelector(".timeline .msg.out:not(.note) .delivery")).stream()
                .anyMatch(e -> e.getText().equals("sent")));
    keys(Keys.ESCAPE);

    // a: assign to me; e: solve
    keys("a");
    waitFor(
        d ->
            new Select(d.findElement(By.name("assignee")))
                .getFirstSelectedOption()
                .getAttribute("value")
                .equals(Long.toString(agentId)));
    keys("e");
    waitFor(
        d ->
            new Select(d.findElement(By.name("status")))
                .getFirstSelectedOption()
                .getAttribute("value")
                .equals("SOLVED"));
    var details = admin.get("api/v1/tickets/" + ticket).json();
    assertEquals("SOLVED", details.getJsonObject("ticket").getString("status"));
    assertEquals(
        agentId,
        details.getJsonObject("ticket").getJsonObject("assignee").getJsonNumber("id").longValue());
    Browser.screenshot(browser, "inbox-en");

    // /: search finds it by a word of its message
    keys("/");
    keys("zebra" + run);
    keys(Keys.ENTER);
    waitFor(d -> d.findElement(By.id("list-title")).getText().contains("zebra" + run));
    waitFor(d -> !d.findElements(row).isEmpty());
    assertEquals(1, browser.findElements(By.cssSelector("#tickets .row")).size());

    assertNull(browser.executeScript("return window.__xss"), "no script from the message ran");
  }

  @Test
  void theWorkspaceTurnsArabicAndRightToLeft() throws Exception {
    signIn();
    new Select(browser.findElement(By.id("language"))).selectByValue("ar");
    waitFor(d -> "rtl".equals(d.findElement(By.tagName("html")).getAttribute("dir")));
    waitFor(d -> d.findElement(By.cssSelector("[data-view='mine']")).getText().contains("تذاكري"));
    long views = x(".views");
    long list = x(".list-pane");
    long ticket = x(".ticket-pane");
    assertTrue(
        views > list && list > ticket,
        "views on the right, then the list, then the ticket: " + views + " " + list + " " + ticket);
    // the choice is the agent's: a new sign-in comes back in Arabic
    assertEquals("ar", admin.get("api/v1/agents/" + agentId).json().getString("uiLanguage"));
    var r =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                "inbox-ar-" + run,
                "conversationId",
                "inbox-ar-" + run,
                "from",
                Map.of("email", "noura-" + run + "@example.com", "name", "نورة"),
                "text",
                "لم يصل طلبي رقم 1234 بعد، متى يصل؟"));
    long id = r.json().getJsonNumber("ticketId").longValue();
    click(By.cssSelector("[data-view='unassigned']"));
    By row = By.cssSelector("#tickets [data-id='" + id + "'] a");
    waitFor(d -> !d.findElements(row).isEmpty());
    click(row);
    waitFor(
        d ->
            d.findElement(By.cssSelector(".timeline .msg.in .msg-text"))
                .getText()
                .contains("لم يصل طلبي"));
    assertEquals(
        "auto",
        browser.findElement(By.cssSelector(".timeline .msg.in .msg-text")).getAttribute("dir"));
    Browser.screenshot(browser, "inbox-ar");
  }

  private void signIn() {
    browser.get(base.toString());
    waitFor(d -> d.findElement(By.name("login")).isDisplayed());
    browser.findElement(By.name("login")).sendKeys(login);
    browser.findElement(By.name("password")).sendKeys("agent-password", Keys.ENTER);
    waitFor(d -> !d.findElements(By.cssSelector(".connection.connected")).isEmpty());
  }

  private long x(String css) {
    return ((Number)
            browser.executeScript(
                "return document.querySelector(arguments[0]).getBoundingClientRect().x", css))
        .longValue();
  }

  /** Clicks once the element is there; a list or view re-rendered live meanwhile is found again. */
  private void click(By by) {
    waitFor(
        d -> {
          d.findElement(by).click();
          return true;
        });
  }

  private void ctrlEnter() {
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
  }

  private void keys(CharSequence keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  private static <T> T waitFor(
      java.util.function.Function<org.openqa.selenium.WebDriver, T> until) {
    try {
      return new WebDriverWait(browser, Duration.ofSeconds(20))
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(until);
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        // what the page looked like when it did not happen, next to the other screenshots
        Browser.screenshot(browser, "inbox-failed-" + System.currentTimeMillis());
      } catch (java.io.IOException ignored) {
        // the timeout is the error to report
      }
      throw e;
    }
  }
}
