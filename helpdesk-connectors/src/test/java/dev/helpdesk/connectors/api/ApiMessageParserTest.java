package dev.helpdesk.connectors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiMessageParserTest {
  private final ApiMessageParser parser = new ApiMessageParser();

  private static String fixture(String name) throws IOException {
    try (InputStream in = ApiMessageParserTest.class.getResourceAsStream("/api/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesAnArabicHtmlMessageIntoSanitisedChannelNeutralForm() throws IOException {
    InboundMessage m = parser.parse(fixture("arabic-order-question.json"));

    assertEquals(Channel.API, m.channel());
    assertEquals("store-backend", m.channelAccount());
    assertEquals("store-backend/crm-7-1", m.externalId(), "ids are scoped by the integration");
    assertEquals(List.of("store-backend/crm-7"), m.threadKeys());
    assertEquals(IdentityKind.EMAIL, m.sender().kind());
    assertEquals("layla.hassan@example.com", m.sender().value(), "e-mail is lower-cased");
    assertEquals("ليلى حسن", m.sender().displayName());
    assertEquals("أين طلبي رقم 1001؟", m.subject());
    assertFalse(m.html().contains("script"), m.html());
    assertFalse(m.html().contains("onerror"), m.html());
    assertTrue(m.html().contains("<b>طلبي</b>"), m.html());
    assertEquals("مرحبا، لم يصل طلبي بعد.", m.text(), "text derived from HTML");
    assertEquals(Instant.parse("2026-11-20T09:15:00Z"), m.sentAt());
    assertEquals("1001", m.metadata().get(InboundMessage.ORDER_REF));
    assertEquals("249.5", m.metadata().get("cartTotal"));
  }

  @Test
  void reportsWhereJsonIsMalformed() {
    var e =
        assertThrows(
            InvalidPayloadException.class, () -> parser.parse("{\"externalId\": \"a\",\n  oops}"));
    assertTrue(e.isMalformed());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void namesTheMissingField() {
    var noId =
        assertThrows(
            InvalidPayloadException.class,
            () -> parser.parse("{\"from\":{\"email\":\"a@b.co\"},\"text\":\"hi\"}"));
    assertFalse(noId.isMalformed());
    assertEquals("externalId is required", noId.getMessage());

    var noSender =
        assertThrows(
            InvalidPayloadException.class,
            () -> parser.parse("{\"externalId\":\"1\",\"from\":{\"name\":\"x\"},\"text\":\"hi\"}"));
    assertEquals("from needs an email, phone or externalId", noSender.getMessage());

    var noText =
        assertThrows(
            InvalidPayloadException.class,
            () -> parser.parse("{\"externalId\":\"1\",\"from\":{\"email\":\"a@b.co\"}}"));
    assertEquals("text or html is required", noText.getMessage());
  }

  @Test
  void rejectsWrongTypesAndBadValues() {
    assertEquals(
        "subject must be a string",
        assertThrows(
                InvalidPayloadException.class,
                () ->
                    parser.parse(
                        "{\"externalId\":\"1\",\"from\":{\"email\":\"a@b.co\"},\"text\":\"x\",\"subject\":5}"))
            .getMessage());
    assertTrue(
        assertThrows(
                InvalidPayloadException.class,
                () ->
                    parser.parse(
                        "{\"externalId\":\"1\",\"from\":{\"email\":\"not-mail\"},\"text\":\"x\"}"))
            .getMessage()
            .startsWith("from.email is not an e-mail address"));
    assertTrue(
        assertThrows(
                InvalidPayloadException.class,
                () ->
                    parser.parse(
                        "{\"externalId\":\"1\",\"from\":{\"email\":\"a@b.co\"},\"text\":\"x\",\"sentAt\":\"yesterday\"}"))
            .getMessage()
            .startsWith("sentAt is not an ISO-8601 instant"));
    assertTrue(
        assertThrows(InvalidPayloadException.class, () -> parser.parse("[1,2]")).isMalformed());
  }

  @Test
  void twoIntegrationsMayUseTheSameIds() {
    String json =
        "{\"externalId\":\"1\",\"from\":{\"email\":\"a@b.co\"},\"text\":\"hi\",\"channelAccount\":\"%s\"}";
    assertEquals("shop-a/1", parser.parse(String.format(json, "shop-a")).externalId());
    assertEquals("shop-b/1", parser.parse(String.format(json, "shop-b")).externalId());
    assertEquals("1", ApiMessageParser.unscoped("shop-a/1"));
    assertThrows(InvalidPayloadException.class, () -> parser.parse(String.format(json, "a/b")));
  }

  @Test
  void phoneSendersAreNormalised() {
    InboundMessage m =
        parser.parse(
            "{\"externalId\":\"w1\",\"from\":{\"phone\":\"+971 (50) 123-4567\"},\"text\":\"hi\"}");
    assertEquals(IdentityKind.PHONE, m.sender().kind());
    assertEquals("+971501234567", m.sender().value());
    assertEquals("api", m.channelAccount(), "default account");
  }
}
