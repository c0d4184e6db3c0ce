package dev.helpdesk.connectors.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.connectors.messenger.MessengerConnector;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.OutboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.connectors.telegram.TelegramConnector;
import dev.helpdesk.connectors.whatsapp.WhatsAppConnector;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replies sent to a local server that answers as the networks' send APIs document: the request each
 * network expects, the id it answers, and its refusals as permanent or retried failures.
 */
class SocialSendTest {
  static OutboundMessage reply(
      Channel c, Map<String, String> account, SenderIdentity to, String text) {
    return new OutboundMessage(
        1, c, account, to, 1042, null, text, null, null, List.of(), "Sam", List.of(), false);
  }

  static JsonObject json(String s) {
    return JsonHttp.JSON.createReader(new StringReader(s)).readObject();
  }

  @Test
  void whatsAppPostsTextToTheNumbersMessagesWithTheToken() throws Exception {
    try (FakeNetwork graph =
        new FakeNetwork()
            .answers(
                200,
                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"966501234567\",\"wa_id\":\"966501234567\"}],\"messages\":[{\"id\":\"wamid.OUT1\"}]}")) {
      var receipt =
          new WhatsAppConnector()
              .send(
                  reply(
                      Channel.WHATSAPP,
                      Map.of(
                          "address",
                          "106540352242922",
                          "accessToken",
                          "EAAG-token",
                          "apiBaseUrl",
                          graph.url() + "/v21.0"),
                      new SenderIdentity(IdentityKind.PHONE, "+966 50 123 4567", "سارة"),
                      "طلبك في الطريق"));
      assertEquals("wamid.OUT1", receipt.externalId());
      FakeNetwork.Request r = graph.requests.get(0);
      assertEquals("/v21.0/106540352242922/messages", r.path());
      assertEquals("Bearer EAAG-token", r.authorization());
      JsonObject body = json(r.body());
      assertEquals("whatsapp", body.getString("messaging_product"));
      assertEquals("966501234567", body.getString("to"));
      assertEquals("طلبك في الطريق", body.getJsonObject("text").getString("body"));
    }
  }

  @Test
  void aRefusalIsPermanentWithTheNetworksReasonAndAnOutageIsRetried() throws Exception {
    try (FakeNetwork graph = new FakeNetwork()) {
      var account = Map.of("address", "1", "accessToken", "t", "apiBaseUrl", graph.url());
      var to = new SenderIdentity(IdentityKind.PHONE, "+15551234567", null);
      graph.answers(
          400,
          "{\"error\":{\"message\":\"(#131030) Recipient phone number not in allowed list\",\"type\":\"OAuthException\",\"code\":131030}}");
      var refused =
          assertThrows(
              DeliveryException.class,
              () -> new WhatsAppConnector().send(reply(Channel.WHATSAPP, account, to, "hi")));
      assertTrue(refused.isPermanent());
      assertEquals(
          "WhatsApp refused the message (400): (#131030) Recipient phone number not in allowed list",
          refused.getMessage());
      graph.answers(503, "");
      var outage =
          assertThrows(
              DeliveryException.class,
              () -> new WhatsAppConnector().send(reply(Channel.WHATSAPP, account, to, "hi")));
      assertFalse(outage.isPermanent());
      graph.answers(429, "{\"error\":{\"message\":\"rate limit\"}}");
      assertFalse(
          assertThrows(
                  DeliveryException.class,
                  () -> new WhatsAppConnector().send(reply(Channel.WHATSAPP, account, to, "hi")))
              .isPermanent());
    }
  }

  @Test
  void anAccountWithoutItsTokenFailsAtOnceNamingTheSetting() {
    var to = new SenderIdentity(IdentityKind.PHONE, "+15551234567", null);
    var missing =
        assertThrows(
            DeliveryException.class,
            () ->
                new WhatsAppConnector()
                    .send(reply(Channel.WHATSAPP, Map.of("address", "1065"), to, "hi")));
    assertTrue(missing.isPermanent(), "retrying cannot help");
    assertEquals("WhatsApp account 1065 has no accessToken", missing.getMessage());
  }

  @Test
  void messengerSendsAResponseToThePageScopedIdAndSplitsALongText() throws Exception {
    try (FakeNetwork graph =
        new FakeNetwork()
            .answers(200, "{\"recipient_id\":\"6543210987654321\",\"message_id\":\"m_OUT\"}")) {
      String text = "word ".repeat(500).strip(); // 2,499 characters: two messages
      var receipt =
          new MessengerConnector()
              .send(
                  reply(
                      Channel.MESSENGER,
                      Map.of(
                          "address",
                          "108842271234567",
                          "accessToken",
                          "page-token",
                          "apiBaseUrl",
                          graph.url()),
                      new SenderIdentity(IdentityKind.SOCIAL, "messenger:6543210987654321", null),
                      text));
      assertEquals("m_OUT", receipt.externalId());
      assertEquals(2, graph.requests.size());
      FakeNetwork.Request r = graph.requests.get(0);
      assertEquals("/me/messages", r.path());
      assertEquals("Bearer page-token", r.authorization());
      JsonObject body = json(r.body());
      assertEquals("6543210987654321", body.getJsonObject("recipient").getString("id"));
      assertEquals("RESPONSE", body.getString("messaging_type"));
      String first = body.getJsonObject("message").getString("text");
      String second = json(graph.requests.get(1).body()).getJsonObject("message").getString("text");
      assertTrue(first.length() <= 2000 && first.endsWith("word"), first.length() + " chars");
      assertEquals(text, first + " " + second, "nothing lost at the cut");
    }
  }

  @Test
  void telegramSendsToTheChatAndNeverNamesTheTokenInAnError() throws Exception {
    try (FakeNetwork bot =
        new FakeNetwork()
            .answers(
                200,
                "{\"ok\":true,\"result\":{\"message_id\":78,\"chat\":{\"id\":5551234,\"type\":\"private\"},\"date\":1749416390,\"text\":\"hi\"}}")) {
      var account =
          Map.of(
              "address",
              "store_help_bot",
              "botToken",
              "123456:ABC-secret",
              "apiBaseUrl",
              bot.url());
      var to = new SenderIdentity(IdentityKind.SOCIAL, "telegram:5551234", "Omar");
      var receipt = new TelegramConnector().send(reply(Channel.TELEGRAM, account, to, "Tomorrow."));
      assertEquals("5551234:78", receipt.externalId());
      FakeNetwork.Request r = bot.requests.get(0);
      assertEquals("/bot123456:ABC-secret/sendMessage", r.path());
      assertEquals("5551234", json(r.body()).getString("chat_id"));
      assertEquals("Tomorrow.", json(r.body()).getString("text"));

      bot.answers(
          403,
          "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
      var blocked =
          assertThrows(
              DeliveryException.class,
              () -> new TelegramConnector().send(reply(Channel.TELEGRAM, account, to, "Hello?")));
      assertTrue(blocked.isPermanent());
      assertEquals(
          "Telegram refused the message (403): Forbidden: bot was blocked by the user",
          blocked.getMessage());
      assertFalse(blocked.getMessage().contains("ABC-secret"));
    }
  }
}
