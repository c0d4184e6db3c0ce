package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
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
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shopper's side in a real browser: the demo checkout page with the widget embedded, a message
 * sent from it, the agent's reply seen in it; in English and in Arabic (right to left). Screenshots
 * go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
class ChatWidgetBrowserIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start(1280, 860);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @ArquillianResource URL base;
  Api admin;
  String widget;

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
    widget = "browser-" + Long.toString(System.nanoTime(), 36);
    assertEquals(
        201,
        admin
            .post(
                "api/v1/channel-accounts",
                Map.of(
                    "channel",
                    "CHAT",
                    "address",
                    widget,
                    "name",
                    "Demo Store",
                    "settings",
                    Map.of("preChat", "none", "faqBot", "false")))
            .status());
    browser.manage().deleteAllCookies();
  }

  @Test
  void aShopperAsksFromTheCheckoutAndSeesTheAgentsReply() throws Exception {
    String question = "My card was declined, can I pay another way? " + widget;
    SearchContext chat = openChat("en");
    send(chat, question);
    waitFor(
        () -> text(chat, ".hd-mine .hd-receipt").contains("Delivered"), "the delivered receipt");

    long ticket = ticketWith(question);
    JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
    assertEquals("A-1042", details.getString("orderRef"), "the page's cart came along");
    admin.post(
        "api/v1/tickets/" + ticket + "/replies",
        Map.of("text", "Yes: Apple Pay and cash on delivery work too."));
    waitFor(() -> text(chat, ".hd-agent .hd-text").contains("Apple Pay"), "the agent's reply");
    Browser.screenshot(browser, "chat-widget-en");
  }

  @Test
  void theAgentSeesTheShoppersCartBesideTheChat() throws Exception {
    String question = "Which courier do you use for Riyadh? " + widget;
    SearchContext chat = openChat("en");
    send(chat, question);
    long ticket = ticketWith(question);
    String login = "mia" + Long.toString(System.nanoTime(), 36);
    var manager =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                login,
                "displayName",
                "Mia",
                "password",
                "agent-password",
                "roles",
                java.util.List.of("MANAGER")));
    assertEquals(201, manager.status(), manager.body());

    // the workspace in another tab of the same browser
    String shopper = browser.getWindowHandle();
    browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    try {
      browser.get(base.toString());
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(d -> d.findElement(By.name("login")).isDisplayed());
      browser.findElement(By.name("login")).sendKeys(login);
      browser.findElement(By.name("password")).sendKeys("agent-password", Keys.ENTER);
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(d -> !d.findElements(By.cssSelector(".connection.connected")).isEmpty());
      browser.get(base + "#ticket/" + ticket);
      waitFor(
          () ->
              browser.findElements(By.cssSelector(".context")).stream()
                  .anyMatch(e -> e.getText().contains("453.00 SAR")),
          "the cart total in the contact panel");
      String context = browser.findElement(By.cssSelector(".context")).getText();
      assertTrue(context.contains("A-1042"), "the order number: " + context);
      assertTrue(context.contains("cart-demo-7"), "the cart: " + context);
      assertTrue(context.contains("payment"), "the checkout step: " + context);
      assertTrue(context.contains("demo/checkout.html"), "the page: " + context);
      assertEquals(
          "Shopper",
          browser.findElement(By.cssSelector(".contact-name")).getText(),
          "an anonymous shopper is named as such");
      Browser.screenshot(browser, "chat-ticket-cart");
    } finally {
      browser.close();
      browser.switchTo().window(shopper);
    }
  }

  @Test
  void inArabicTheWidgetIsRightToLeftOnTheLeft() throws Exception {
    String question = "تم رفض بطاقتي، هل يمكنني الدفع عند الاستلام؟ " + widget;
    SearchContext chat = openChat("ar");
    WebElement wrap = chat.findElement(By.cssSelector(".hd-wrap"));
    assertEquals("rtl", wrap.getCssValue("direction"));
    WebElement launcher = chat.findElement(By.cssSelector(".hd-launcher"));
    assertTrue(
        launcher.getRect().getX() < 640,
        "the launcher sits bottom-left in RTL: " + launcher.getRect());
    send(chat, question);
    waitFor(
        () -> text(chat, ".hd-mine .hd-receipt").contains("تم التسليم"), "the delivered receipt");
    long ticket = ticketWith(question);
    assertEquals(
        "ar",
        admin.get("api/v1/tickets/" + ticket).json().getJsonObject("ticket").getString("language"));
    admin.post(
        "api/v1/tickets/" + ticket + "/replies", Map.of("text", "نعم، الدفع عند الاستلام متاح."));
    waitFor(() -> text(chat, ".hd-agent .hd-text").contains("الاستلام"), "the agent's reply");
    Browser.screenshot(browser, "chat-widget-ar");

    // solved: the satisfaction card, in Arabic; the shopper rates 5 with a comment
    assertEquals(
        200,
        admin.put("api/v1/tickets/" + ticket + "/status", Map.of("status", "SOLVED")).status());
    waitFor(() -> !chat.findElements(By.cssSelector(".hd-csat")).isEmpty(), "the survey card");
    assertTrue(text(chat, ".hd-bot .hd-text").contains("كيف كانت خدمتنا"), text(chat, ".hd-bot"));
    chat.findElement(By.cssSelector(".hd-csat-score[data-score='5']")).click();
    chat.findElement(By.cssSelector(".hd-csat-comment")).sendKeys("خدمة سريعة، شكراً");
    chat.findElement(By.cssSelector(".hd-csat-send")).click();
    waitFor(() -> text(chat, ".hd-csat-done").contains("شكراً"), "the thanks for the rating");
    Browser.screenshot(browser, "chat-widget-csat-ar");
    assertTrue(admin.timeline(ticket).contains("5/5 “خدمة سريعة، شكراً”"));
  }

  /**
   * The survey link a shopper gets by e-mail (or a social message) opens a page in the ticket's
   * language that records the clicked score and takes a comment.
   */
  @Test
  void theSurveyLinkOpensAPageInTheShoppersLanguage() throws Exception {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("externalId", widget + "-mail");
    body.put("from", Map.of("email", widget + "@example.com", "name", "Huda"));
    body.put("text", "متى يصل طلبي؟ طلبته قبل أسبوع ولم يصلني شيء حتى الآن " + widget);
    long ticket = admin.post("api/v1/inbound", body).json().getJsonNumber("ticketId").longValue();
    admin.post(
        "api/v1/tickets/" + ticket + "/replies",
        Map.of("text", "يصل غداً إن شاء الله.", "status", "SOLVED"));
    String survey =
        Poll.until(
            () ->
                admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages").stream()
                    .map(m -> m.asJsonObject().getString("text", ""))
                    .filter(t -> t.contains("csat.html"))
                    .findFirst()
                    .orElse(""),
            t -> !t.isEmpty(),
            "the survey message (after the 1 s delay of the tests)");
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("(http\\S+score=2)").matcher(survey);
    assertTrue(link.find(), survey);
    browser.get(link.group(1));
    waitFor(
        () -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded")),
        "the survey page");
    assertEquals("rtl", browser.findElement(By.tagName("html")).getAttribute("dir"));
    assertEquals("كيف كانت خدمتنا؟", browser.findElement(By.id("question")).getText());
    waitFor(
        () -> browser.findElement(By.id("status")).getText().contains("حُفظ تقييمك"),
        "the clicked score saved");
    assertEquals(
        "true",
        browser
            .findElement(By.cssSelector("#scores button[data-score='2']"))
            .getAttribute("aria-pressed"));
    browser.findElement(By.id("comment")).sendKeys("تأخر الرد قليلاً");
    browser.findElement(By.id("send")).click();
    waitFor(
        () -> admin.timeline(ticket).contains("2/5 “تأخر الرد قليلاً”"),
        "the comment on the ticket's timeline");
    Browser.screenshot(browser, "csat-page-ar");
  }

  @Test
  void whileTypingTheShopperSeesArticlesAndOneAnswersTheQuestion() throws Exception {
    FaqEvaluationIT.importDemoArticles(admin);
    SearchContext chat = openChat("ar");
    WebElement input = chat.findElement(By.cssSelector(".hd-input"));
    input.sendKeys("كم رسوم الشحن");
    waitFor(
        () -> text(chat, ".hd-suggestion").contains("كم تكلفة الشحن"),
        "the shipping-cost article among the suggestions");
    Browser.screenshot(browser, "chat-widget-suggestions-ar");
    chat.findElements(By.cssSelector(".hd-suggestion")).stream()
        .filter(b -> b.getText().contains("كم تكلفة الشحن"))
        .findFirst()
        .orElseThrow()
        .click();
    waitFor(() -> text(chat, ".hd-article-body").contains("200"), "the article opened inline");
    chat.findElement(By.cssSelector(".hd-article .hd-answered")).click();
    waitFor(() -> text(chat, ".hd-bot .hd-text").contains("يسعدنا"), "the thanks for self-service");
    assertTrue(
        chat.findElement(By.cssSelector(".hd-article")).getAttribute("hidden") != null,
        "the article closed");
  }

  @Test
  void scriptInAMessageIsShownAsText() throws Exception {
    String payload = "<img src=x onerror=\"document.title='pwned'\"> " + widget;
    SearchContext chat = openChat("en");
    send(chat, payload);
    long ticket = ticketWith(widget);
    admin.post(
        "api/v1/tickets/" + ticket + "/replies",
        Map.of("text", "<script>document.title='pwned'</script>"));
    waitFor(() -> text(chat, ".hd-agent .hd-text").contains("<script>"), "the reply shown as text");
    assertTrue(!browser.getTitle().contains("pwned"), "no script ran: " + browser.getTitle());
  }

  @Test
  void theTranscriptSurvivesAReloadAndThePanelFitsAPhone() throws Exception {
    String question = "Do you deliver on Fridays? " + widget;
    SearchContext chat = openChat("en");
    send(chat, question);
    waitFor(
        () -> text(chat, ".hd-mine .hd-receipt").contains("Delivered"), "the delivered receipt");
    long ticket = ticketWith(question);
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Yes, until 22:00."));
    waitFor(() -> text(chat, ".hd-agent .hd-text").contains("22:00"), "the agent's reply");

    // another page of the checkout, on a phone
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      browser.navigate().refresh();
      SearchContext again =
          new WebDriverWait(browser, Duration.ofSeconds(20))
              .until(d -> d.findElement(By.id("helpdesk-chat")))
              .getShadowRoot();
      waitFor(
          () ->
              !again.findElements(By.cssSelector(".hd-panel")).isEmpty()
                  && again.findElement(By.cssSelector(".hd-panel")).isDisplayed(),
          "the panel, still open after the reload");
      waitFor(
          () ->
              text(again, ".hd-mine .hd-text").contains("Fridays")
                  && text(again, ".hd-agent .hd-text").contains("22:00"),
          "the transcript after the reload");
      WebElement panel = again.findElement(By.cssSelector(".hd-panel"));
      Browser.screenshot(browser, "chat-widget-phone");
      long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth");
      assertTrue(
          panel.getRect().getX() >= 0
              && panel.getRect().getX() + panel.getRect().getWidth() <= viewport,
          "the panel fits a "
              + viewport
              + " px wide screen: x "
              + panel.getRect().getX()
              + ", width "
              + panel.getRect().getWidth());
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 860));
    }
  }

  @Test
  void aShopperAttachesAScreenshotAndSeesIt() throws Exception {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.nio.file.Path png = java.nio.file.Files.createTempFile("declined-", ".png");
    javax.imageio.ImageIO.write(image, "png", png.toFile());
    SearchContext chat = openChat("en");
    send(chat, "Here is what the payment page says " + widget);
    waitFor(() -> text(chat, ".hd-mine .hd-receipt").contains("Delivered"), "the first message");
    long ticket = ticketWith(widget);
    chat.findElement(By.cssSelector(".hd-file-input")).sendKeys(png.toString());
    waitFor(
        () ->
            !chat.findElements(By.cssSelector(".hd-mine img[src*='api/v1/chat/files/']")).isEmpty(),
        "the image in the transcript");
    WebElement img = chat.findElement(By.cssSelector(".hd-mine img"));
    waitFor(
        () ->
            ((Number) browser.executeScript("return arguments[0].naturalWidth", img)).intValue()
                == 40,
        "the image loaded from its signed link");
    JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
    assertTrue(details.toString().contains(png.getFileName().toString()), "the agent has the file");
  }

  private SearchContext openChat(String lang) {
    browser.get(base + "demo/checkout.html?lang=" + lang + "&widget=" + widget);
    browser.executeScript("localStorage.clear()");
    browser.navigate().refresh();
    WebElement host =
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(d -> d.findElement(By.id("helpdesk-chat")));
    SearchContext root = host.getShadowRoot();
    root.findElement(By.cssSelector(".hd-launcher")).click();
    waitFor(() -> root.findElement(By.cssSelector(".hd-panel")).isDisplayed(), "the chat panel");
    return root;
  }

  private void send(SearchContext chat, String text) {
    WebElement input = chat.findElement(By.cssSelector(".hd-input"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private long ticketWith(String text) {
    return Poll.until(
        () -> {
          for (var i :
              admin.get("api/v1/tickets?channel=CHAT&limit=20").json().getJsonArray("items")) {
            JsonObject t = i.asJsonObject();
            if (t.getString("preview", "").contains(text)) {
              return t.getJsonNumber("id").longValue();
            }
          }
          return -1L;
        },
        id -> id > 0,
        "the chat ticket");
  }

  private static String text(SearchContext root, String css) {
    return root.findElements(By.cssSelector(css)).stream()
        .map(WebElement::getText)
        .reduce("", (a, b) -> a + "\n" + b);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
