package dev.helpdesk.domain.model.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * How far a mailbox folder has been read: the folder's UIDVALIDITY and the last UID whose mail is
 * stored (ingested or quarantined). It only moves forward after the mails are committed, so a crash
 * re-reads at most one chunk, which the Message-ID dedupe absorbs.
 */
@Entity
@Table(name = "mailbox_state")
public class MailboxState {
  @Id
  @GeneratedValue(generator = "mailbox_state_seq")
  @SequenceGenerator(
      name = "mailbox_state_seq",
      sequenceName = "mailbox_state_seq",
      allocationSize = 10)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "channel_account_id")
  private ChannelAccount account;

  @Column(nullable = false)
  private String folder;

  @Column(name = "uid_validity")
  private Long uidValidity;

  @Column(name = "last_uid", nullable = false)
  private long lastUid;

  @Column(name = "fetched_total", nullable = false)
  private long fetchedTotal;

  @Column(name = "last_poll_at")
  private Instant lastPollAt;

  @Column(name = "last_success_at")
  private Instant lastSuccessAt;

  @Column(name = "last_error")
  private String lastError;

  @Version private long version;

  protected MailboxState() {}

  public MailboxState(ChannelAccount account, String folder) {
    this.account = account;
    this.folder = folder;
  }

  public void advance(long validity, long uid, int count, Instant now) {
    if (uidValidity == null || uidValidity != validity) {
      uidValidity = validity;
      lastUid = 0;
    }
    lastUid = Math.max(lastUid, uid);
    fetchedTotal += count;
    lastSuccessAt = now;
    lastError = null;
  }

  public void polled(Instant now, String error) {
    lastPollAt = now;
    if (error != null) {
      lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
    } else {
      lastSuccessAt = now;
      lastError = null;
    }
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

  public Long getUidValidity() {
    return uidValidity;
  }

  public long getLastUid() {
    return lastUid;
  }

  public long getFetchedTotal() {
    return fetchedTotal;
  }

  public Instant getLastPollAt() {
    return lastPollAt;
  }

  public Instant getLastSuccessAt() {
    return lastSuccessAt;
  }

  public String getLastError() {
    return lastError;
  }
}
