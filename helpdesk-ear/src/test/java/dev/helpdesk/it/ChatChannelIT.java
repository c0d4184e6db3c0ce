package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.helpdesk.connectors.chat.ChatSigning;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
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

/**
 * The live-chat channel end to end with a real WebSocket client on /ws/chat: each test connects
 * from a store page (Origin) to its own widget, as the checkout widget does.
 */
@ExtendWith(ArquillianExtension.class)
class ChatChannelIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static GreenMail mail;

  @BeforeAll
  static void startMailServer() {
    mail = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  @AfterAll
  static void stopMailServer() {
    mail.stop();
  }

  static final String SECRET = "it-widget-secret-0123456789";

  @ArquillianResource URL base;
  Api admin;
  String widget;
  String origin;

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
    String run = Long.toString(System.nanoTime(), 36);
    widget = "shop-" + run;
    origin = "https://" + widget + ".test";
    Api.Response r =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "CHAT",
                "address",
                widget,
                "name",
                "Shop " + run,
                "settings",
                Map.of(
                    "allowedOrigins",
                    origin,
                    "secret",
                    SECRET,
                    "preChat",
                    "name,email",
                    "faqBot",
                    "false")));
    assertEquals(201, r.status(), r.toString());
  }

  ChatClient shopper() throws Exception {
    return ChatClient.connect(base, widget, origin);
  }

  /** A new anonymous shopper, connected and welcomed. */
  ChatClient greeted() throws Exception {
    ChatClient c = shopper();
    c.send(hello(null, 0, Map.of()));
    c.next("welcome");
    return c;
  }

  static JsonObject hello(String token, int lastSeq, Map<String, Object> extra) {
    var b =
        Json.createObjectBuilder().add("type", "hello").add("lastSeq", lastSeq).add("lang", "en");
    if (token != null) {
      b.add("token", token);
    }
    extra.forEach((k, v) -> b.add(k, Api.toJson(v)));
    return b.build();
  }

  static JsonObject say(String key, String text) {
    return Json.createObjectBuilder().add("type", "send").add("key", key).add("text", text).build();
  }

  static final Map<String, Object> CART =
      Map.of(
          "cartId", "cart-77",
          "orderNumber", "A-1042",
          "cartTotal", 249.9,
          "currency", "SAR",
          "checkoutStep", "payment",
          "pageUrl", "https://shop.test/checkout/payment");

  @Test
  void aShoppersMessageBecomesATicketCarryingTheCart() throws Exception {
    try (ChatClient c = shopper()) {
      c.send(hello(null, 0, Map.of("context", CART)));
      JsonObject welcome = c.next("welcome");
      assertFalse(welcome.getString("token").isBlank());
      assertEquals("anonymous", welcome.getString("identity"));
      c.send(say("k1", "My card was declined at the payment step"));
      JsonObject ack = c.next("ack");
      assertEquals(1, ack.getInt("seq"));
      JsonObject echoed = c.next("message");
      assertEquals("shopper", echoed.getString("from"));
      assertEquals("k1", echoed.getString("key"));

      long ticket = ack.getJsonNumber("ticket").longValue();
      JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
      assertEquals("CHAT", details.getJsonObject("ticket").getString("channel"));
      assertEquals("A-1042", details.getString("orderRef"));
      assertEquals("cart-77", details.getString("cartRef"));
      JsonObject chat = admin.get("api/v1/tickets/" + ticket + "/chat").json();
      assertEquals("payment", chat.getJsonObject("context").getString("checkoutStep"));
      assertEquals("249.9", chat.getJsonObject("context").getString("cartTotal"));
      assertEquals("SAR", chat.getJsonObject("context").getString("currency"));
      assertTrue(chat.getBoolean("shopperOnline"));
    }
  }

  @Test
  void theAgentsReplyReachesTheShopperWithTheAgentsName() throws Exception {
    try (ChatClient c = greeted()) {
      c.send(say("k1", "Is there a coupon for first orders?"));
      long ticket = c.next("ack").getJsonNumber("ticket").longValue();

      Api.Response r =
          admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Yes: WELCOME10."));
      assertEquals(202, r.status(), r.toString());
      JsonObject reply = c.next(f -> "agent".equals(f.getString("from", "")), "agent message");
      assertEquals("Yes: WELCOME10.", reply.getString("text"));
      assertEquals(2, reply.getInt("seq"));
      assertFalse(reply.getString("author").isBlank());
      Poll.until(
          () -> admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages"),
          m -> "SENT".equals(m.getJsonObject(1).getString("deliveryStatus")),
          "the reply to show SENT");
    }
  }

  /**
   * CSAT in the chat (docs/metrics.md): solving the chat puts a survey card in the widget at once;
   * the shopper's score and comment are stored; a survey of another conversation or a score out of
   * range gets an error frame and the connection stays usable.
   */
  @Test
  void solvingAChatOffersASurveyCardTheShopperAnswers() throws Exception {
    try (ChatClient c = greeted()) {
      c.send(say("k1", "Did my coupon apply?"));
      long ticket = c.next("ack").getJsonNumber("ticket").longValue();
      Api.Response r =
          admin.post(
              "api/v1/tickets/" + ticket + "/replies",
              Map.of("text", "Yes, 10% off.", "status", "SOLVED"));
      assertEquals(202, r.status(), r.toString());
      JsonObject card =
          c.next(f -> f.containsKey("survey") && !f.isNull("survey"), "the survey card");
      assertEquals("bot", card.getString("from"));
      String survey = card.getString("survey");

      c.send(
          Json.createObjectBuilder()
              .add("type", "csat")
              .add("survey", survey)
              .add("score", 7)
              .build());
      assertEquals("invalid", c.next("error").getString("code"));
      c.send(
          Json.createObjectBuilder()
              .add("type", "csat")
              .add("survey", "someone-elses-survey")
              .add("score", 5)
              .build());
      assertEquals("not-found", c.next("error").getString("code"));
      c.send(
          Json.createObjectBuilder()
              .add("type", "csat")
              .add("survey", survey)
              .add("score", 2)
              .add("comment", "It took long")
              .build());
      JsonObject saved = c.next("csat-saved");
      assertEquals(2, saved.getInt("score"));
      assertTrue(admin.timeline(ticket).contains("2/5 “It took long”"));
      JsonObject row =
          ((jakarta.json.JsonArray)
                  admin
                      .get(
                          "api/v1/metrics/csat?channel=CHAT&from="
                              + java.time.Instant.now().minusSeconds(60))
                      .structure())
              .getJsonObject(0);
      assertTrue(row.getJsonNumber("answered").longValue() >= 1, row.toString());
    }
  }

  @Test
  void aReconnectingWidgetGetsWhatItMissedExactlyOnce() throws Exception {
    String token;
    long ticket;
    try (ChatClient c = shopper()) {
      c.send(hello(null, 0, Map.of()));
      token = c.next("welcome").getString("token");
      c.send(say("k1", "When will my order ship?"));
      ticket = c.next("ack").getJsonNumber("ticket").longValue();
      c.next("message");
    }
    // while the shopper is away, two replies
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "It ships today."));
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Tracking follows."));
    Poll.until(
        () -> admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages"),
        m -> m.size() == 3 && !"QUEUED".equals(m.getJsonObject(2).getString("deliveryStatus")),
        "both replies delivered");

    try (ChatClient c = shopper()) {
      c.send(hello(token, 1, Map.of()));
      JsonObject welcome = c.next("welcome");
      assertTrue(welcome.containsKey("conversation"), "the same visitor resumes its conversation");
      List<JsonObject> frames = c.drain(1500);
      List<Integer> seqs =
          frames.stream()
              .filter(f -> "message".equals(f.getString("type")))
              .map(f -> f.getInt("seq"))
              .toList();
      assertEquals(List.of(2, 3), seqs, "missed messages, in order, once: " + frames);
    }
    try (ChatClient c = shopper()) {
      c.send(hello(token, 3, Map.of()));
      c.next("welcome");
      assertTrue(
          c.drain(1000).stream().noneMatch(f -> "message".equals(f.getString("type"))),
          "nothing is sent twice to a client that has everything");
    }
  }

  @Test
  void theSendingTabShowsItsOwnMessageOnceAsEveryOtherTabOfTheShopperDoes() throws Exception {
    try (ChatClient a = shopper()) {
      a.send(hello(null, 0, Map.of()));
      String token = a.next("welcome").getString("token");
      a.send(say("k1", "Is there a coupon?"));
      a.next("ack");
      a.next("message");
      try (ChatClient b = shopper()) {
        // a second tab of the same shopper, up to date
        b.send(hello(token, 1, Map.of()));
        b.next("welcome");
        // a follow-up from the first tab: the first tab builds it from what it sent, the second
        // reads it from the database; both show the same message, once
        a.send(say("k2", "Also: can I pay on delivery? مع الشكر"));
        List<JsonObject> onA =
            a.drain(1500).stream().filter(f -> "message".equals(f.getString("type"))).toList();
        List<JsonObject> onB =
            b.drain(500).stream().filter(f -> "message".equals(f.getString("type"))).toList();
        assertEquals(1, onA.size(), "the sending tab: " + onA);
        assertEquals(1, onB.size(), "the other tab: " + onB);
        JsonObject own = onA.get(0);
        JsonObject read = onB.get(0);
        assertEquals(2, own.getInt("seq"));
        assertEquals("Also: can I pay on delivery? مع الشكر", own.getString("text"));
        for (String field :
            List.of("conversation", "seq", "id", "from", "author", "text", "key", "status")) {
          assertEquals(read.get(field), own.get(field), field);
        }
        assertEquals(
            java.time.Instant.parse(read.getString("at")).toEpochMilli(),
            java.time.Instant.parse(own.getString("at")).toEpochMilli(),
            "the time shown");
      }
    }
  }

  @Test
  void aRepeatedSendIsStoredOnce() throws Exception {
    try (ChatClient c = greeted()) {
      c.send(say("same-key", "hello?"));
      JsonObject first = c.next("ack");
      c.send(say("same-key", "hello?"));
      JsonObject second = c.next("ack");
      assertTrue(second.getBoolean("duplicate"));
      assertEquals(first.getInt("seq"), second.getInt("seq"));
      long ticket = first.getJsonNumber("ticket").longValue();
      assertEquals(1, admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages").size());
    }
  }

  @Test
  void aSignedIdentityIsVerifiedAndAForgedOneIsNot() throws Exception {
    String email = "huda-" + widget + "@example.com";
    try (ChatClient c = shopper()) {
      c.send(
          hello(
              null,
              0,
              Map.of(
                  "identity",
                  Map.of(
                      "name",
                      "Huda",
                      "email",
                      email,
                      "signature",
                      ChatSigning.identitySignature(SECRET, email)))));
      assertEquals("verified", c.next("welcome").getString("identity"));
      c.send(say("k1", "Where is my parcel?"));
      long ticket = c.next("ack").getJsonNumber("ticket").longValue();
      JsonObject contact = admin.get("api/v1/tickets/" + ticket).json().getJsonObject("contact");
      assertTrue(contact.toString().contains(email), contact.toString());
      assertEquals(
          "verified", admin.get("api/v1/tickets/" + ticket + "/chat").json().getString("identity"));
    }
    String victim = "victim-" + widget + "@example.com";
    try (ChatClient c = shopper()) {
      c.send(
          hello(
              null,
              0,
              Map.of(
                  "identity",
                  Map.of(
                      "name",
                      "Not Huda",
                      "email",
                      victim,
                      "signature",
                      ChatSigning.identitySignature("a-guessed-secret-000", victim)))));
      assertEquals("unverified", c.next("welcome").getString("identity"));
      c.send(say("k1", "Give me their order"));
      long ticket = c.next("ack").getJsonNumber("ticket").longValue();
      JsonObject chat = admin.get("api/v1/tickets/" + ticket + "/chat").json();
      assertEquals("unverified", chat.getString("identity"));
      JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
      assertFalse(
          details.getJsonObject("contact").getJsonArray("identities").toString().contains("EMAIL"),
          "a forged identity does not make the shopper the contact of that address: " + details);
    }
  }

  @Test
  void aPageOfAnotherOriginOrAnUnknownWidgetIsRefused() throws Exception {
    assertEquals(403, ChatClient.refusedWith(base, widget, "https://evil.test"));
    assertEquals(403, ChatClient.refusedWith(base, widget, null));
    assertEquals(404, ChatClient.refusedWith(base, "no-such-widget", origin));
  }

  @Test
  void badFramesGetAnErrorFrameAndTheConnectionSurvives() throws Exception {
    try (ChatClient c = shopper()) {
      c.send("{this is not json");
      assertEquals("malformed", c.next("error").getString("code"));
      c.send(say("k0", "too early"));
      assertEquals("not-ready", c.next("error").getString("code"));
      c.send(hello(null, 0, Map.of()));
      c.next("welcome");
      c.send("{\"type\":\"launch-missiles\"}");
      assertEquals("unknown-type", c.next("error").getString("code"));
      c.send(say("long", "x".repeat(4001)));
      JsonObject tooLong = c.next("error");
      assertEquals("too-long", tooLong.getString("code"));
      assertEquals("long", tooLong.getString("key"));
      c.send("{\"type\":\"ping\"}");
      c.next("pong");
      c.send(say("k1", "<script>alert(1)</script> still here"));
      JsonObject m = c.next("message");
      assertEquals("<script>alert(1)</script> still here", m.getString("text"), "text stays text");
    }
  }

  @Test
  void aFrameOverTheLimitClosesTheSocketWith1009() throws Exception {
    try (ChatClient c = greeted()) {
      c.send(
          "{\"type\":\"send\",\"key\":\"big\",\"text\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}");
      assertEquals(1009, c.closeCode());
    }
  }

  @Test
  void aShopperSendingTooFastIsSlowedDown() throws Exception {
    try (ChatClient c = greeted()) {
      for (int i = 0; i < 14; i++) {
        c.send(say("r" + i, "message " + i));
      }
      JsonObject limited = c.next("error");
      assertEquals("rate-limited", limited.getString("code"));
    }
  }

  @Test
  void theShopperSeesTypingAndReadReceiptsAndTheAgentSeesWhatWasRead() throws Exception {
    try (ChatClient c = greeted()) {
      c.send(say("k1", "Can I change my address?"));
      JsonObject ack = c.next("ack");
      long ticket = ack.getJsonNumber("ticket").longValue();
      assertEquals(204, admin.post("api/v1/tickets/" + ticket + "/typing", Map.of()).status());
      assertFalse(c.next("typing").getString("author").isBlank());
      assertEquals(204, admin.post("api/v1/tickets/" + ticket + "/read", Map.of()).status());
      assertEquals(1, c.next("read").getInt("seq"));

      admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Yes, until it ships."));
      JsonObject reply = c.next(f -> "agent".equals(f.getString("from", "")), "agent message");
      c.send("{\"type\":\"read\",\"seq\":" + reply.getInt("seq") + "}");
      Poll.until(
          () -> admin.get("api/v1/tickets/" + ticket + "/chat").json().getInt("shopperReadSeq"),
          s -> s == reply.getInt("seq"),
          "the shopper's read position");
    }
  }

  @Test
  void aReplyToAShopperWhoLeftIsEmailedWhenTheyGaveTheirAddress() throws Exception {
    String email = "away-" + widget + "@example.com";
    long ticket;
    try (ChatClient c = greeted()) {
      c.send(say("k1", "Do you ship to Jeddah?"));
      ticket = c.next("ack").getJsonNumber("ticket").longValue();
      c.send(
          Json.createObjectBuilder()
              .add("type", "contact")
              .add("name", "Sara")
              .add("email", email)
              .build());
      c.next("contact-saved");
    }
    Poll.until(
        () -> admin.get("api/v1/tickets/" + ticket + "/chat").json().getBoolean("shopperOnline"),
        online -> !online,
        "the shopper to count as gone");
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Yes, in 2 days."));
    MimeMessage sent =
        Poll.until(
            () ->
                List.of(mail.getReceivedMessages()).stream()
                    .filter(m -> recipientIs(m, email))
                    .findFirst()
                    .orElse(null),
            m -> m != null,
            "the reply by e-mail");
    assertTrue(sent.getSubject().contains("[#" + ticket + "]"), sent.getSubject());
    assertTrue(com.icegreen.greenmail.util.GreenMailUtil.getBody(sent).contains("Yes, in 2 days."));
  }

  @Test
  void aShopperSendsAnImageAndTheWidgetGetsASignedLinkToIt() throws Exception {
    byte[] png =
        java.util.Base64.getDecoder()
            .decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    try (ChatClient c = greeted()) {
      c.send(
          Json.createObjectBuilder()
              .add("type", "send")
              .add("key", "img")
              .add("text", "this is the error I get")
              .add(
                  "attachments",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("name", "declined.png")
                              .add("type", "image/png")
                              .add("data", java.util.Base64.getEncoder().encodeToString(png))))
              .build());
      JsonObject m = c.next("message");
      JsonObject file = m.getJsonArray("files").getJsonObject(0);
      assertEquals("declined.png", file.getString("name"));
      Api.Response download = Api.anonymous(base).get(file.getString("url"));
      assertEquals(200, download.status());
      assertEquals("image/png", download.contentType());
      String forged = file.getString("url").replaceFirst("sig=[^&]+", "sig=forged");
      assertEquals(404, Api.anonymous(base).get(forged).status());

      c.send(
          Json.createObjectBuilder()
              .add("type", "send")
              .add("key", "exe")
              .add(
                  "attachments",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("name", "invoice.exe")
                              .add("type", "application/x-msdownload")
                              .add("data", "TVqQAAMAAAAEAAAA")))
              .build());
      assertEquals("file-type", c.next("error").getString("code"));
    }
  }

  @Test
  void writingAgainAfterTheTicketWasClosedOpensANewConversation() throws Exception {
    try (ChatClient c = greeted()) {
      c.send(say("k1", "Thanks, all good."));
      JsonObject first = c.next("ack");
      long ticket = first.getJsonNumber("ticket").longValue();
      assertEquals(
          200,
          admin.put("api/v1/tickets/" + ticket + "/status", Map.of("status", "CLOSED")).status());
      c.send(say("k2", "Actually, one more question"));
      JsonObject second = c.next("ack");
      assertNotEquals(ticket, second.getJsonNumber("ticket").longValue());
      assertNotEquals(first.getString("conversation"), second.getString("conversation"));
      assertEquals(1, second.getInt("seq"), "a new conversation counts from 1");
      assertEquals(
          1,
          admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages").size(),
          "nothing was added to the closed ticket");
      c.send(say("k3", "and another"));
      assertEquals(
          second.getJsonNumber("ticket").longValue(),
          c.next("ack").getJsonNumber("ticket").longValue(),
          "the next message stays on the new ticket");
    }
  }

  @Test
  void widgetsHearAtOnceWhenAnAgentComesOnlineAndGoesAgain() throws Exception {
    JsonObject config = Api.anonymous(base).get("api/v1/chat/widgets/" + widget).json();
    try (ChatClient c = shopper()) {
      c.send(hello(null, 0, Map.of()));
      assertEquals(config.getBoolean("agentsOnline"), c.next("welcome").getBoolean("agentsOnline"));
      assertFalse(config.getBoolean("agentsOnline"), "nobody is online in the test server");
      try {
        admin.put("api/v1/agents/me/availability", Map.of("availability", "ONLINE"));
        assertFalse(
            c.next("presence").getBoolean("agentsOnline"),
            "online by the toggle, but nobody has the workspace open");
        try (ChatClient workspace = ChatClient.staff(base, admin.token(), null)) {
          workspace.next("welcome");
          assertTrue(c.next("presence").getBoolean("agentsOnline"));
          assertTrue(
              Api.anonymous(base)
                  .get("api/v1/chat/widgets/" + widget)
                  .json()
                  .getBoolean("agentsOnline"));
        }
        assertFalse(c.next("presence").getBoolean("agentsOnline"), "the last workspace was closed");
      } finally {
        admin.put("api/v1/agents/me/availability", Map.of("availability", "OFFLINE"));
      }
    }
    assertNotEquals(200, Api.anonymous(base).get("api/v1/chat/widgets/no-such-widget").status());
  }

  private static boolean recipientIs(MimeMessage m, String email) {
    try {
      return m.getAllRecipients() != null && m.getAllRecipients()[0].toString().contains(email);
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
  }
}
