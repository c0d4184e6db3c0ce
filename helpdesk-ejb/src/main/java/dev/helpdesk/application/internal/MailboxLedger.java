package dev.helpdesk.application.internal;

import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.channel.MailboxState;
import dev.helpdesk.domain.model.channel.QuarantinedMail;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * A mailbox's bookkeeping, each step committed on its own: where reading stands (UIDVALIDITY, last
 * UID), the outcome of each poll, and quarantined mails.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MailboxLedger {
  @PersistenceContext EntityManager em;
  @Inject AttachmentStore attachments;

  /** Where a folder's reading stands: (uidValidity or null, lastUid). */
  public record Position(Long uidValidity, long lastUid) {
    public long resumeAfter(long validity) {
      return uidValidity != null && uidValidity == validity ? lastUid : 0;
    }
  }

  public Position position(long accountId, String folder) {
    MailboxState s = find(accountId, folder, LockModeType.NONE);
    if (s == null) {
      s = new MailboxState(em.getReference(ChannelAccount.class, accountId), folder);
      em.persist(s);
    }
    return new Position(s.getUidValidity(), s.getLastUid());
  }

  /** Mails up to {@code uid} are stored: never read them again (unless UIDVALIDITY changes). */
  public void advance(long accountId, String folder, long validity, long uid, int count) {
    find(accountId, folder, LockModeType.PESSIMISTIC_WRITE)
        .advance(validity, uid, count, Instant.now());
  }

  /** Forgets how far the folder was read: the next poll reads it all again. */
  public void rewind(long accountId, String folder) {
    em.createQuery(
            "update MailboxState s set s.lastUid = 0, s.version = s.version + 1"
                + " where s.account.id = :a and s.folder = :f")
        .setParameter("a", accountId)
        .setParameter("f", folder)
        .executeUpdate();
  }

  public void polled(long accountId, String folder, String error) {
    MailboxState s = find(accountId, folder, LockModeType.PESSIMISTIC_WRITE);
    if (s != null) {
      s.polled(Instant.now(), error);
    }
  }

  /** Keeps a mail that cannot become a message; once per (folder, UIDVALIDITY, UID). */
  public void quarantine(
      long accountId,
      String folder,
      long validity,
      long uid,
      long size,
      byte[] raw,
      String reason) {
    boolean known =
        !em.createQuery(
                "select q.id from QuarantinedMail q where q.account.id = :a and q.folder = :f"
                    + " and q.uidValidity = :v and q.uid = :u",
                Long.class)
            .setParameter("a", accountId)
            .setParameter("f", folder)
            .setParameter("v", validity)
            .setParameter("u", uid)
            .getResultList()
            .isEmpty();
    if (known) {
      return;
    }
    em.persist(
        new QuarantinedMail(
            em.getReference(ChannelAccount.class, accountId),
            folder,
            validity,
            uid,
            size,
            reason,
            raw == null ? null : attachments.storeWithinLimit(raw),
            Instant.now()));
  }

  private MailboxState find(long accountId, String folder, LockModeType lock) {
    List<MailboxState> found =
        em.createQuery(
                "select s from MailboxState s where s.account.id = :a and s.folder = :f",
                MailboxState.class)
            .setParameter("a", accountId)
            .setParameter("f", folder)
            .setLockMode(lock)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }
}
