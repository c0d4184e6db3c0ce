package dev.helpdesk.connectors.spi;

import java.util.List;
import java.util.Map;

/**
 * A reply to send on a channel.
 *
 * @param messageId the core's id of the stored message (for logs and idempotent delivery)
 * @param channel the channel to send on
 * @param account settings of the channel account to send from (address, credentials, URLs)
 * @param recipient who receives it
 * @param ticketReference the ticket's human reference, e.g. {@code 1042}
 * @param subject subject, may be null
 * @param text plain text
 * @param html HTML body, may be null
 * @param inReplyTo external id of the message this replies to, may be null
 * @param threadKeys every external id of the conversation so far
 * @param authorName display name of the agent replying
 * @param attachments files sent with the reply
 * @param automatic true for a message no person wrote (an acknowledgement): channels that can say
 *     so do (e-mail: {@code Auto-Submitted: auto-replied})
 */
public record OutboundMessage(
    long messageId,
    Channel channel,
    Map<String, String> account,
    SenderIdentity recipient,
    long ticketReference,
    String subject,
    String text,
    String html,
    String inReplyTo,
    List<String> threadKeys,
    String authorName,
    List<OutboundAttachment> attachments,
    boolean automatic) {

  public OutboundMessage {
    account = account == null ? Map.of() : Map.copyOf(account);
    threadKeys = threadKeys == null ? List.of() : List.copyOf(threadKeys);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A file sent with a reply. */
  public record OutboundAttachment(String filename, String contentType, byte[] data) {}
}
