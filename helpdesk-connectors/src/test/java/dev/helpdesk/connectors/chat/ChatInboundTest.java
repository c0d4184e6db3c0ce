package dev.helpdesk.connectors.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatInboundTest {
  final Map<String, String> cart =
      Map.of("cartId", "c-9", "orderNumber", "A1001", "checkoutStep", "payment");

  @Test
  void anAnonymousShopperIsTheirVisitorIdAndCarriesTheCart() {
    InboundMessage m =
        ChatInbound.of(
            "shop",
            "conv-1",
            "v-1",
            null,
            "Huda",
            "huda@example.com",
            "payment",
            "en",
            cart,
            new ChatProtocol.Send("k1", "my card was declined", List.of()),
            Instant.now());
    assertEquals(IdentityKind.VISITOR, m.sender().kind());
    assertEquals("shop:v-1", m.sender().value());
    assertEquals("chat:conv-1:k1", m.externalId());
    assertEquals(List.of("chat:conv-1"), m.threadKeys());
    assertEquals("unverified", m.metadata().get(ChatInbound.IDENTITY));
    assertEquals("huda@example.com", m.metadata().get(ChatInbound.SHOPPER_EMAIL));
    assertEquals("A1001", m.metadata().get(InboundMessage.ORDER_REF));
    assertEquals("c-9", m.metadata().get(InboundMessage.CART_REF));
    assertEquals("payment", m.metadata().get(InboundMessage.CHECKOUT_STEP));
    assertEquals("conv-1", ChatInbound.conversationOf(m.externalId()));
  }

  @Test
  void aVerifiedShopperIsTheContactOfTheirEmail() {
    InboundMessage m =
        ChatInbound.of(
            "shop",
            "conv-1",
            "v-1",
            "huda@example.com",
            "Huda",
            null,
            null,
            "en",
            cart,
            new ChatProtocol.Send("k1", "hi", List.of()),
            Instant.now());
    assertEquals(IdentityKind.EMAIL, m.sender().kind());
    assertEquals("verified", m.metadata().get(ChatInbound.IDENTITY));
  }

  @Test
  void arabicTextIsArabicWhateverThePageSays() {
    assertEquals("ar", ChatInbound.language("en", "تم رفض بطاقتي"));
    assertEquals("en", ChatInbound.language("ar", "my card was declined"));
    assertEquals("ar", ChatInbound.language("ar", "123"));
  }
}
