package dev.helpdesk.domain.model.channel;

import dev.helpdesk.domain.model.ticket.Attachment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A mail that could not become a message (no sender, unreadable, too large, a bounce for nothing we
 * sent): kept raw with the reason, for admins, so it neither blocks the mailbox nor disappears.
 */
@Entity
@Table(name = "quarantined_mail")
public class QuarantinedMail {
  @Id
  @GeneratedValue(generator = "quarantined_mail_seq")
  @SequenceGenerator(
      name = "quarantined_mail_seq",
      sequenceName = "quarantined_mail_seq",
      allocationSize = 10)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "channel_account_id")
  private ChannelAccount account;

  @Column(nullable = false)
  private String folder;

  @Column(name = "uid_validity", nullable = false)
  private long uidValidity;

  @Column(nullable = false)
  private long uid;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column(nullable = false)
  private String reason;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "raw_attachment_id")
  private Attachment raw;

  @Column(name = "quarantined_at", nullable = false)
  private Instant quarantinedAt;

  protected QuarantinedMail() {}

  public QuarantinedMail(
      ChannelAccount account,
      String folder,
      long uidValidity,
      long uid,
      long size,
      String reason,
      Attachment raw,
      Instant at) {
    this.account = account;
    this.folder = folder;
    this.uidValidity = uidValidity;
    this.uid = uid;
    this.size = size;
    this.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    this.raw = raw;
    this.quarantinedAt = at;
  }

  public Long getId() {
    return id;
  }

  public ChannelAccount getAccount() {
    return account;
  }

  public String getFolder() {
    return folder;
  }

  public long getUidValidity() {
    return uidValidity;
  }

  public long getUid() {
    return uid;
  }

  public long getSize() {
    return size;
  }

  public String getReason() {
    return reason;
  }

  public Attachment getRaw() {
    return raw;
  }

  public Instant getQuarantinedAt() {
    return quarantinedAt;
  }
}
