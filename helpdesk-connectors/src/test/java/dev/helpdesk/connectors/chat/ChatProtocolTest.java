package dev.helpdesk.connectors.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.connectors.chat.ChatProtocol.Hello;
import dev.helpdesk.connectors.chat.ChatProtocol.Send;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ChatProtocolTest {
  static final int MAX = 1024;

  @Test
  void helloCarriesTokenLastSequenceIdentityAndCheckoutContext() {
    Hello h =
        (Hello)
            ChatProtocol.parse(
                """
                {"type":"hello","token":"abc.def","lastSeq":7,"lang":"AR",
                 "identity":{"name":"Huda","email":" Huda@Example.COM ","signature":"00"},
                 "context":{"cartId":"c-9","orderNumber":"A1001","cartTotal":149.5,"currency":"SAR",
                            "checkoutStep":"payment","pageUrl":"https://shop.test/checkout","other":"x"}}
                """,
                MAX);
    assertEquals("abc.def", h.token());
    assertEquals(7, h.lastSeq());
    assertEquals("ar", h.language());
    assertEquals("huda@example.com", h.identity().email());
    assertEquals("149.5", h.context().get("cartTotal"));
    assertEquals("payment", h.context().get("checkoutStep"));
    assertNull(h.context().get("other"), "unknown context keys are dropped");
  }

  @Test
  void sendDecodesItsFiles() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    Send s =
        (Send)
            ChatProtocol.parse(
                "{\"type\":\"send\",\"key\":\"k-1\",\"text\":\"  hi  \",\"attachments\":[{\"name\":\"a.png\",\"type\":\"image/png\",\"data\":\""
                    + Base64.getEncoder().encodeToString(png)
                    + "\"}]}",
                MAX);
    assertEquals("hi", s.text());
    assertArrayEquals(png, s.attachments().get(0).data());
  }

  @Test
  void refusesWhatIsNotAFrameWithACode() {
    assertEquals("malformed", code("{not json"));
    assertEquals("malformed", code("[1,2]"));
    assertEquals("malformed", code("{\"text\":\"no type\"}"));
    assertEquals("unknown-type", code("{\"type\":\"shout\"}"));
    assertEquals("invalid", code("{\"type\":\"send\",\"text\":\"no key\"}"));
    assertEquals("invalid", code("{\"type\":\"send\",\"key\":\"k\",\"text\":\"  \"}"));
    assertEquals("invalid", code("{\"type\":\"read\",\"seq\":-1}"));
    assertEquals("invalid-email", code("{\"type\":\"contact\",\"email\":\"not-an-address\"}"));
  }

  @Test
  void refusesTooLongTextNamingTheKey() {
    ChatProtocolException e =
        assertThrows(
            ChatProtocolException.class,
            () ->
                ChatProtocol.parse(
                    "{\"type\":\"send\",\"key\":\"k9\",\"text\":\"" + "x".repeat(4001) + "\"}",
                    MAX));
    assertEquals("too-long", e.code());
    assertEquals("k9", e.key());
  }

  @Test
  void refusesFilesOfOtherTypesAndOverTheLimit() {
    String big = Base64.getEncoder().encodeToString(new byte[MAX + 1]);
    assertEquals(
        "file-too-large",
        code(
            "{\"type\":\"send\",\"key\":\"k\",\"attachments\":[{\"name\":\"a.png\",\"type\":\"image/png\",\"data\":\""
                + big
                + "\"}]}"));
    assertEquals(
        "file-type",
        code(
            "{\"type\":\"send\",\"key\":\"k\",\"attachments\":[{\"name\":\"a.exe\",\"type\":\"application/x-msdownload\",\"data\":\"AA==\"}]}"));
  }

  @Test
  void errorFramesAreJson() {
    assertInstanceOf(
        jakarta.json.JsonObject.class,
        jakarta.json.Json.createReader(
                new java.io.StringReader(ChatProtocol.error("invalid", "a \"quoted\" reason", "k")))
            .readValue());
  }

  private static String code(String frame) {
    return assertThrows(ChatProtocolException.class, () -> ChatProtocol.parse(frame, MAX)).code();
  }
}
