package dev.helpdesk.connectors.email;

import dev.helpdesk.connectors.spi.InboundMessage;
import java.util.List;

/**
 * An e-mail read by {@link EmailParser}.
 *
 * @param message what the core ingests
 * @param automatic why no machine should answer it ({@link Automatic#NONE} for a person's mail)
 * @param bounce the delivery failure it reports, when it is a bounce; null otherwise
 * @param skippedAttachments attachments not kept (over the size limit), as "name (n bytes)"
 */
public record ParsedEmail(
    InboundMessage message, Automatic automatic, Bounce bounce, List<String> skippedAttachments) {

  public ParsedEmail {
    skippedAttachments = List.copyOf(skippedAttachments);
  }

  /** Why a mail must not get an automatic answer. */
  public enum Automatic {
    /** Written by a person: an acknowledgement may be sent. */
    NONE,
    /** Auto-Submitted other than "no", an out-of-office or vacation reply. */
    AUTO_REPLY,
    /** Precedence bulk/list/junk or a mailing list (List-Id). */
    BULK,
    /** The sender asked for no automatic replies (X-Auto-Response-Suppress). */
    SUPPRESSED,
    /** A delivery status notification from a mailer daemon. */
    BOUNCE
  }

  /**
   * A delivery failure report.
   *
   * @param originalMessageId Message-ID of the mail that could not be delivered, may be null
   * @param recipient the address that failed, may be null
   * @param reason status and diagnostic, for the ticket's timeline
   */
  public record Bounce(String originalMessageId, String recipient, String reason) {}
}
