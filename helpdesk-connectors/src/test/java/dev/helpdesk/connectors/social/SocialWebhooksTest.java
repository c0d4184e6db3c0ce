package dev.helpdesk.connectors.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.connectors.instagram.InstagramConnector;
import dev.helpdesk.connectors.messenger.MessengerConnector;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.DeliveryUpdate;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.connectors.telegram.TelegramWebhook;
import dev.helpdesk.connectors.whatsapp.WhatsAppWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The networks' webhook payloads, as their documentation shows them, read into messages. */
class SocialWebhooksTest {
  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static final String WHATSAPP =
      """
      {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
       "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
        "contacts":[{"profile":{"name":"سارة"},"wa_id":"966501234567"}],
        "messages":[{"from":"966501234567","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"وين طلبي رقم 1042؟"}},
                    {"from":"966501234567","id":"wamid.R1","timestamp":"1749416390","type":"reaction","reaction":{"message_id":"wamid.X","emoji":"👍"}},
                    {"from":"966501234567","id":"wamid.I1","timestamp":"1749416399","type":"image","image":{"caption":"the receipt","mime_type":"image/jpeg","id":"1003383421387256"},"context":{"from":"15550783881","id":"wamid.OURS"}}]}}]}]}
      """;

  @Test
  void aWhatsAppMessageBecomesAMessageFromThePhoneNumberWithTheProfileName() {
    WebhookBatch batch = WhatsAppWebhook.parse(b(WHATSAPP));
    assertEquals(Set.of("106540352242922"), batch.accounts());
    assertEquals(2, batch.messages().size(), "the text and the image; the reaction is no message");
    assertEquals(1, batch.ignored());
    InboundMessage m = batch.messages().get(0);
    assertEquals(Channel.WHATSAPP, m.channel());
    assertEquals("106540352242922", m.channelAccount());
    assertEquals("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", m.externalId());
    assertEquals(IdentityKind.PHONE, m.sender().kind());
    assertEquals("+966501234567", m.sender().value());
    assertEquals("سارة", m.sender().displayName());
    assertEquals("وين طلبي رقم 1042؟", m.text());
    assertEquals(Instant.ofEpochSecond(1749416383), m.sentAt());
    assertEquals(List.of("whatsapp:106540352242922:966501234567"), m.threadKeys());
    InboundMessage image = batch.messages().get(1);
    assertEquals("[image] the receipt", image.text());
    assertTrue(image.threadKeys().contains("wamid.OURS"), "a reply to our message threads by it");
  }

  @Test
  void whatsAppStatusesReportDeliveredReadAndFailedWithTheReason() {
    WebhookBatch batch =
        WhatsAppWebhook.parse(
            b(
                """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
                 "statuses":[{"id":"wamid.A","status":"sent","timestamp":"1","recipient_id":"9665"},
                             {"id":"wamid.A","status":"delivered","timestamp":"2","recipient_id":"9665"},
                             {"id":"wamid.A","status":"read","timestamp":"3","recipient_id":"9665"},
                             {"id":"wamid.B","status":"failed","timestamp":"4","recipient_id":"9665",
                              "errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message",
                                         "error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}]}}]}]}
                """));
    assertEquals(
        List.of(
            new DeliveryUpdate(Channel.WHATSAPP, "wamid.A", DeliveryUpdate.State.DELIVERED, null),
            new DeliveryUpdate(Channel.WHATSAPP, "wamid.A", DeliveryUpdate.State.READ, null)),
        batch.updates().subList(0, 2));
    DeliveryUpdate failed = batch.updates().get(2);
    assertEquals(DeliveryUpdate.State.FAILED, failed.state());
    assertTrue(
        failed
            .reason()
            .startsWith("WhatsApp error 131047: Message failed to send because more than 24 hours"),
        failed.reason());
    assertTrue(batch.messages().isEmpty());
  }

  @Test
  void messengerMessagesCarryThePageAndThePageScopedSenderAndSkipOurEchoes() {
    WebhookBatch batch =
        MessengerConnector.WEBHOOK.parse(
            b(
                """
                {"object":"page","entry":[{"id":"108842271234567","time":1749416383000,"messaging":[
                  {"sender":{"id":"6543210987654321"},"recipient":{"id":"108842271234567"},"timestamp":1749416383000,
                   "message":{"mid":"m_AbC123","text":"Is there a coupon for first orders?"}},
                  {"sender":{"id":"108842271234567"},"recipient":{"id":"6543210987654321"},"timestamp":1749416384000,
                   "message":{"mid":"m_OurEcho","is_echo":true,"text":"Yes: WELCOME10"}},
                  {"sender":{"id":"6543210987654321"},"recipient":{"id":"108842271234567"},"timestamp":1749416385000,
                   "delivery":{"mids":["m_OurEcho"],"watermark":1749416384000}},
                  {"sender":{"id":"6543210987654321"},"recipient":{"id":"108842271234567"},"timestamp":1749416386000,
                   "message":{"mid":"m_Pic","attachments":[{"type":"image","payload":{"url":"https://scontent.example/pic.jpg"}}]}}]}]}
                """));
    assertEquals(Set.of("108842271234567"), batch.accounts());
    assertEquals(2, batch.messages().size());
    InboundMessage m = batch.messages().get(0);
    assertEquals(Channel.MESSENGER, m.channel());
    assertEquals("m_AbC123", m.externalId());
    assertEquals("messenger:6543210987654321", m.sender().value());
    assertNull(m.sender().displayName(), "Messenger's webhook names nobody");
    assertEquals(List.of("messenger:108842271234567:6543210987654321"), m.threadKeys());
    assertEquals(Instant.ofEpochMilli(1749416383000L), m.sentAt());
    assertEquals("[image] https://scontent.example/pic.jpg", batch.messages().get(1).text());
    assertEquals(
        List.of(
            new DeliveryUpdate(
                Channel.MESSENGER, "m_OurEcho", DeliveryUpdate.State.DELIVERED, null)),
        batch.updates());
    assertEquals(1, batch.ignored(), "the echo of our own reply");
  }

  @Test
  void instagramSpeaksTheSameFormatUnderItsOwnObject() {
    String body =
        """
        {"object":"instagram","entry":[{"id":"17841400000000000","time":1749416383000,"messaging":[
          {"sender":{"id":"1234567890"},"recipient":{"id":"17841400000000000"},"timestamp":1749416383000,
           "message":{"mid":"aWdfZAG1","text":"هل يوجد شحن مجاني؟"}}]}]}
        """;
    InboundMessage m = InstagramConnector.WEBHOOK.parse(b(body)).messages().get(0);
    assertEquals(Channel.INSTAGRAM, m.channel());
    assertEquals("instagram:1234567890", m.sender().value());
    assertEquals("هل يوجد شحن مجاني؟", m.text());
    var wrongNetwork =
        assertThrows(
            InvalidPayloadException.class, () -> MessengerConnector.WEBHOOK.parse(b(body)));
    assertEquals("\"object\" is instagram, expected \"page\"", wrongNetwork.getMessage());
  }

  @Test
  void aTelegramPrivateMessageIsReadAndEverythingElseIgnored() {
    WebhookBatch batch =
        TelegramWebhook.parse(
            "store_help_bot",
            b(
                """
                {"update_id":918273645,"message":{"message_id":77,
                 "from":{"id":5551234,"is_bot":false,"first_name":"Omar","last_name":"Haddad","username":"omarh","language_code":"ar"},
                 "chat":{"id":5551234,"first_name":"Omar","type":"private"},"date":1749416383,"text":"متى يصل طلبي؟"}}
                """));
    InboundMessage m = batch.messages().get(0);
    assertEquals(Channel.TELEGRAM, m.channel());
    assertEquals("store_help_bot", m.channelAccount());
    assertEquals("5551234:77", m.externalId());
    assertEquals("telegram:5551234", m.sender().value());
    assertEquals("Omar Haddad", m.sender().displayName());
    assertEquals("ar", m.metadata().get("language"));
    assertEquals(List.of("telegram:store_help_bot:5551234"), m.threadKeys());

    WebhookBatch group =
        TelegramWebhook.parse(
            "store_help_bot",
            b(
                """
                {"update_id":918273646,"message":{"message_id":9,"from":{"id":1,"first_name":"A"},
                 "chat":{"id":-100200,"title":"Fans","type":"supergroup"},"date":1749416383,"text":"hi all"}}
                """));
    assertTrue(group.messages().isEmpty());
    assertEquals(1, group.ignored());
  }

  @Test
  void whatIsNotJsonOrLacksAnIdIsRefusedPrecisely() {
    var notJson =
        assertThrows(InvalidPayloadException.class, () -> WhatsAppWebhook.parse(b("{\"object\":")));
    assertTrue(notJson.isMalformed());
    assertTrue(notJson.getMessage().startsWith("the body is not valid JSON"), notJson.getMessage());
    var noId =
        assertThrows(
            InvalidPayloadException.class,
            () ->
                MessengerConnector.WEBHOOK.parse(
                    b(
                        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"2\"},\"message\":{\"text\":\"x\"}}]}]}")));
    assertFalse(noId.isMalformed());
    assertEquals("messaging[].message.mid is missing", noId.getMessage());
    assertThrows(InvalidPayloadException.class, () -> TelegramWebhook.parse("bot", b("[1,2]")));
  }

  @Test
  void signaturesAreCheckedAgainstTheRawBody() {
    byte[] body = b(WHATSAPP);
    String header = Hmac.headerHex("app-secret-123", body);
    assertTrue(Hmac.matchesHex("app-secret-123", body, header));
    assertFalse(Hmac.matchesHex("another-secret", body, header));
    assertFalse(Hmac.matchesHex("app-secret-123", b(WHATSAPP.replace("1042", "1043")), header));
    assertFalse(Hmac.matchesHex("app-secret-123", body, "sha256=zz"));
    assertFalse(Hmac.matchesHex("app-secret-123", body, null));
    assertFalse(Hmac.matchesHex("", body, header), "no secret, no trust");
  }
}
