package dev.helpdesk.connectors.chat;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundAttachment;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A shopper's chat message as the core's {@link InboundMessage}. */
public final class ChatInbound {
  /** Metadata: "verified" when the store signed the shopper's e-mail, else "unverified". */
  public static final String IDENTITY = "identity";

  /** Metadata: the e-mail a shopper typed (unverified) or the store signed (verified). */
  public static final String SHOPPER_EMAIL = "shopperEmail";

  public static final String CART_TOTAL = "cartTotal";
  public static final String CURRENCY = "currency";
  public static final String TOPIC = "topic";
  public static final String WIDGET = "widget";

  private ChatInbound() {}

  /** The thread key of a conversation: every message of it carries this key. */
  public static String conversationKey(String conversation) {
    return "chat:" + conversation;
  }

  /** The widget's idempotency key of a shopper's message, from its external id; else null. */
  public static String keyOf(String externalId) {
    return externalId == null || !externalId.startsWith("chat:")
        ? null
        : externalId.substring(externalId.lastIndexOf(':') + 1);
  }

  /** The external id of a shopper's message: its idempotency key within the conversation. */
  public static String externalId(String conversation, String key) {
    return "chat:" + conversation + ":" + key;
  }

  /** The conversation a chat external id belongs to, or null. */
  public static String conversationOf(String externalId) {
    if (externalId == null || !externalId.startsWith("chat:")) {
      return null;
    }
    int colon = externalId.indexOf(':', 5);
    return colon < 0 ? externalId.substring(5) : externalId.substring(5, colon);
  }

  /**
   * The message.
   *
   * @param widgetKey the widget (the channel account's address)
   * @param conversation the conversation id
   * @param visitor the visitor id (identifies an anonymous shopper)
   * @param verifiedEmail the e-mail the store signed, or null: a verified shopper is the contact of
   *     that address, across channels
   * @param name the shopper's name, may be null
   * @param typedEmail an unverified e-mail the shopper typed, may be null
   * @param context cart/order/page context (keys of {@link ChatProtocol#CONTEXT_KEYS})
   */
  public static InboundMessage of(
      String widgetKey,
      String conversation,
      String visitor,
      String verifiedEmail,
      String name,
      String typedEmail,
      String topic,
      String language,
      Map<String, String> context,
      ChatProtocol.Send send,
      Instant at) {
    SenderIdentity sender =
        verifiedEmail != null
            ? new SenderIdentity(IdentityKind.EMAIL, verifiedEmail, name)
            : new SenderIdentity(IdentityKind.VISITOR, widgetKey + ":" + visitor, name);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(WIDGET, widgetKey);
    meta.put(IDENTITY, verifiedEmail != null ? "verified" : "unverified");
    if (verifiedEmail != null || typedEmail != null) {
      meta.put(SHOPPER_EMAIL, verifiedEmail != null ? verifiedEmail : typedEmail);
    }
    put(meta, InboundMessage.CART_REF, context.get("cartId"));
    put(meta, InboundMessage.ORDER_REF, context.get("orderNumber"));
    put(meta, CART_TOTAL, context.get("cartTotal"));
    put(meta, CURRENCY, context.get("currency"));
    put(meta, InboundMessage.CHECKOUT_STEP, context.get("checkoutStep"));
    put(meta, InboundMessage.PAGE_URL, context.get("pageUrl"));
    put(meta, TOPIC, topic);
    put(meta, InboundMessage.LANGUAGE, language(language, send.text()));
    List<InboundAttachment> files =
        send.attachments().stream()
            .map(f -> new InboundAttachment(f.name(), f.contentType(), f.data(), null))
            .toList();
    return new InboundMessage(
        Channel.CHAT,
        widgetKey,
        externalId(conversation, send.key()),
        List.of(conversationKey(conversation)),
        sender,
        null,
        send.text(),
        null,
        files,
        at,
        meta);
  }

  /** Arabic text is Arabic whatever the page says; else the page's language. */
  static String language(String pageLanguage, String text) {
    long arabic = text.codePoints().filter(c -> c >= 0x0600 && c <= 0x06FF).count();
    long letters = text.codePoints().filter(Character::isLetter).count();
    if (letters > 0 && arabic * 2 >= letters) {
      return "ar";
    }
    if (letters > 0 && arabic == 0 && "ar".equals(pageLanguage)) {
      return "en";
    }
    return pageLanguage == null ? null : pageLanguage.startsWith("ar") ? "ar" : "en";
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }
}
