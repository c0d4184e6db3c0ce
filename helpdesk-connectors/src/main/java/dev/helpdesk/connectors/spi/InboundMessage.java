package dev.helpdesk.connectors.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message as a channel received it, in channel-neutral form: the one thing a connector hands to
 * the core.
 *
 * @param channel the channel it arrived on
 * @param channelAccount the account it arrived at (a mailbox address, a widget key, a page id)
 * @param externalId the channel's own id of the message (Message-ID, webhook message id); the core
 *     stores each (channel, externalId) once
 * @param threadKeys ids of earlier messages or conversations this one continues (In-Reply-To,
 *     References, chat session, social conversation id)
 * @param sender who sent it
 * @param subject subject line, may be null (chat, social)
 * @param text plain text as the shopper wrote it
 * @param html sanitised HTML, may be null
 * @param attachments attachments, possibly empty
 * @param sentAt when the sender sent it, may be null
 * @param metadata channel context: order/cart reference, checkout step, page URL, language
 * @param fullText the whole text when {@code text} is a trimmed view of it (an e-mail without its
 *     quoted history and signature), else null
 * @param raw the message exactly as received (an e-mail's RFC 822 bytes), kept for audit; may be
 *     null
 */
public record InboundMessage(
    Channel channel,
    String channelAccount,
    String externalId,
    List<String> threadKeys,
    SenderIdentity sender,
    String subject,
    String text,
    String html,
    List<InboundAttachment> attachments,
    Instant sentAt,
    Map<String, String> metadata,
    String fullText,
    byte[] raw) {

  /** Metadata keys the core understands; channels may add others. */
  public static final String ORDER_REF = "orderRef";

  public static final String CART_REF = "cartRef";
  public static final String CHECKOUT_STEP = "checkoutStep";
  public static final String PAGE_URL = "pageUrl";
  public static final String LANGUAGE = "language";

  public InboundMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sender, "sender");
    if (externalId == null || externalId.isBlank()) {
      throw new IllegalArgumentException("externalId is required");
    }
    threadKeys = threadKeys == null ? List.of() : List.copyOf(threadKeys);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    text = text == null ? "" : text;
    if (fullText != null && fullText.equals(text)) {
      fullText = null;
    }
  }

  /** A message whose text is all there is and that keeps no raw form (API, chat, social). */
  public InboundMessage(
      Channel channel,
      String channelAccount,
      String externalId,
      List<String> threadKeys,
      SenderIdentity sender,
      String subject,
      String text,
      String html,
      List<InboundAttachment> attachments,
      Instant sentAt,
      Map<String, String> metadata) {
    this(
        channel,
        channelAccount,
        externalId,
        threadKeys,
        sender,
        subject,
        text,
        html,
        attachments,
        sentAt,
        metadata,
        null,
        null);
  }
}
