package dev.helpdesk.application;

import dev.helpdesk.application.internal.AttachmentStore;
import dev.helpdesk.application.internal.MailboxLedger;
import dev.helpdesk.connectors.email.EmailParser;
import dev.helpdesk.connectors.email.ImapMailbox;
import dev.helpdesk.connectors.email.MalformedEmailException;
import dev.helpdesk.connectors.email.ParsedEmail;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.channel.MailboxState;
import dev.helpdesk.domain.model.channel.QuarantinedMail;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The e-mail channel's inbound half: reads a mailbox's new mails by UID, turns each into a message
 * through the one inbound path ({@link IngestService}), and moves the mailbox's position on only
 * after they are stored. A mail that can't be read is quarantined, a bounce marks the reply it
 * reports FAILED; neither stops the mails after it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxService {
  private static final Logger LOG = Logger.getLogger(MailboxService.class.getName());

  /** Mails fetched, parsed and stored together (one IMAP round trip, one transaction). */
  static final int CHUNK = Integer.getInteger("helpdesk.mail.chunk", 50);

  /** Larger mails are quarantined unread: {@code helpdesk.mail.max-message-bytes} (40 MiB). */
  static final long MAX_MESSAGE_BYTES =
      Long.getLong("helpdesk.mail.max-message-bytes", 40L * 1024 * 1024);

  /** One poll per mailbox at a time on this node (the timer and "poll now" may meet). */
  private static final Map<Long, ReentrantLock> POLLING = new ConcurrentHashMap<>();

  @PersistenceContext EntityManager em;
  @Inject IngestService ingest;
  @Inject MailboxLedger ledger;
  @Inject DeliveryService delivery;

  /** What a poll did. */
  public record PollResult(
      long accountId,
      String address,
      int fetched,
      int created,
      int appended,
      int duplicates,
      int quarantined,
      int bounces,
      String error) {}

  /** A mailbox and where its reading stands. */
  public record MailboxView(
      long accountId,
      String address,
      String name,
      boolean active,
      String imapHost,
      String folder,
      int pollSeconds,
      Long uidValidity,
      long lastUid,
      long fetchedTotal,
      Instant lastPollAt,
      Instant lastSuccessAt,
      String lastError,
      long quarantined) {}

  /** A quarantined mail, for admins. */
  public record QuarantineView(
      long id,
      long accountId,
      String mailbox,
      String folder,
      long uid,
      long sizeBytes,
      String reason,
      boolean rawKept,
      Instant quarantinedAt) {}

  /** Polls one mailbox now: every new mail, chunk by chunk. */
  public PollResult poll(long accountId) {
    ChannelAccount account = em.find(ChannelAccount.class, accountId);
    if (account == null || account.getChannel() != Channel.EMAIL) {
      throw new NotFoundException("mailbox", accountId);
    }
    ReentrantLock lock = POLLING.computeIfAbsent(accountId, id -> new ReentrantLock());
    if (!lock.tryLock()) {
      return new Tally().result(account, "a poll is already running");
    }
    try {
      return read(account);
    } finally {
      lock.unlock();
    }
  }

  private PollResult read(ChannelAccount account) {
    long id = account.getId();
    Map<String, String> settings = account.getSettings();
    ImapMailbox.Settings where = ImapMailbox.Settings.of(settings);
    String folder = where.folder();
    MailboxLedger.Position position = ledger.position(id, folder);
    EmailParser parser = new EmailParser(AttachmentStore.maxBytes());
    Tally n = new Tally();
    try (ImapMailbox box = ImapMailbox.open(where)) {
      long validity = box.uidValidity();
      long after = position.resumeAfter(validity);
      if (position.uidValidity() != null && after == 0 && position.lastUid() > 0) {
        LOG.warning(
            "mailbox "
                + account.getAddress()
                + " "
                + folder
                + ": UIDVALIDITY changed ("
                + position.uidValidity()
                + " -> "
                + validity
                + "), reading the folder again; stored mails are recognised by Message-ID");
      }
      while (true) {
        List<ImapMailbox.FetchedMail> chunk = box.fetchAfter(after, CHUNK, MAX_MESSAGE_BYTES);
        if (chunk.isEmpty()) {
          break;
        }
        List<InboundMessage> messages = new ArrayList<>(chunk.size());
        List<ImapMailbox.FetchedMail> sources = new ArrayList<>(chunk.size());
        for (ImapMailbox.FetchedMail mail : chunk) {
          if (mail.raw() == null) {
            quarantine(
                account,
                folder,
                validity,
                mail,
                "message of "
                    + mail.size()
                    + " bytes is over the limit of "
                    + MAX_MESSAGE_BYTES
                    + " bytes");
            n.quarantined++;
            continue;
          }
          ParsedEmail parsed;
          try {
            parsed = parser.parse(mail.raw(), account.getAddress());
          } catch (MalformedEmailException e) {
            quarantine(account, folder, validity, mail, e.getMessage());
            n.quarantined++;
            continue;
          }
          if (parsed.bounce() != null) {
            n.bounces++;
            if (!delivery.bounced(
                Channel.EMAIL, parsed.bounce().originalMessageId(), parsed.bounce().reason())) {
              quarantine(
                  account,
                  folder,
                  validity,
                  mail,
                  "bounce for a message this helpdesk did not send ("
                      + parsed.bounce().originalMessageId()
                      + "): "
                      + parsed.bounce().reason());
              n.quarantined++;
            }
            continue;
          }
          messages.add(parsed.message());
          sources.add(mail);
        }
        for (IngestResult r : store(account, folder, validity, messages, sources)) {
          if (r == null) {
            n.quarantined++;
          } else if (r.duplicate()) {
            n.duplicates++;
          } else if (r.ticketCreated()) {
            n.created++;
          } else {
            n.appended++;
          }
        }
        n.fetched += chunk.size();
        after = chunk.get(chunk.size() - 1).uid();
        ledger.advance(id, folder, validity, after, chunk.size());
      }
      ledger.polled(id, folder, null);
      PollResult result = n.result(account, null);
      if (n.fetched > 0) {
        LOG.info("mailbox " + account.getAddress() + ": " + result);
      }
      return result;
    } catch (jakarta.mail.MessagingException | java.io.IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warning("mailbox " + account.getAddress() + " " + folder + ": " + error);
      ledger.polled(id, folder, error);
      return n.result(account, error);
    }
  }

  /** What a poll has done so far. */
  private static final class Tally {
    int fetched;
    int created;
    int appended;
    int duplicates;
    int quarantined;
    int bounces;

    PollResult result(ChannelAccount a, String error) {
      return new PollResult(
          a.getId(),
          a.getAddress(),
          fetched,
          created,
          appended,
          duplicates,
          quarantined,
          bounces,
          error);
    }
  }

  /**
   * Stores a chunk in one transaction; if that fails, one by one, quarantining the mail that fails
   * (a null result) so the rest still land.
   */
  private List<IngestResult> store(
      ChannelAccount account,
      String folder,
      long validity,
      List<InboundMessage> messages,
      List<ImapMailbox.FetchedMail> sources) {
    try {
      return ingest.ingestAll(messages);
    } catch (RuntimeException batch) {
      List<IngestResult> out = new ArrayList<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        try {
          out.add(ingest.ingest(messages.get(i)));
        } catch (RuntimeException e) {
          quarantine(account, folder, validity, sources.get(i), "not stored: " + e.getMessage());
          out.add(null);
        }
      }
      return out;
    }
  }

  private void quarantine(
      ChannelAccount account,
      String folder,
      long validity,
      ImapMailbox.FetchedMail mail,
      String reason) {
    LOG.warning(
        "mailbox "
            + account.getAddress()
            + " "
            + folder
            + " UID "
            + mail.uid()
            + " quarantined: "
            + reason);
    ledger.quarantine(
        account.getId(), folder, validity, mail.uid(), mail.size(), mail.raw(), reason);
  }

  /**
   * Reads the whole folder again on the next poll (after restoring a mailbox from a backup, or to
   * pick up mails an earlier version could not read): mails already stored are recognised by their
   * Message-ID and skipped, quarantined ones stay quarantined once.
   */
  public void resync(long accountId) {
    ChannelAccount account = em.find(ChannelAccount.class, accountId);
    if (account == null || account.getChannel() != Channel.EMAIL) {
      throw new NotFoundException("mailbox", accountId);
    }
    ledger.rewind(accountId, account.getSettings().getOrDefault("imap.folder", "INBOX"));
  }

  /** Every mailbox, with where its reading stands. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public List<MailboxView> mailboxes() {
    List<MailboxView> out = new ArrayList<>();
    for (ChannelAccount a :
        em.createQuery(
                "select a from ChannelAccount a where a.channel = :c order by a.address",
                ChannelAccount.class)
            .setParameter("c", Channel.EMAIL)
            .getResultList()) {
      Map<String, String> s = a.getSettings();
      String folder = s.getOrDefault("imap.folder", "INBOX");
      List<MailboxState> st =
          em.createQuery(
                  "select s from MailboxState s where s.account = :a and s.folder = :f",
                  MailboxState.class)
              .setParameter("a", a)
              .setParameter("f", folder)
              .getResultList();
      MailboxState state = st.isEmpty() ? null : st.get(0);
      long q =
          em.createQuery("select count(q) from QuarantinedMail q where q.account = :a", Long.class)
              .setParameter("a", a)
              .getSingleResult();
      out.add(
          new MailboxView(
              a.getId(),
              a.getAddress(),
              a.getName(),
              a.isActive(),
              s.get("imap.host"),
              folder,
              pollSeconds(s),
              state == null ? null : state.getUidValidity(),
              state == null ? 0 : state.getLastUid(),
              state == null ? 0 : state.getFetchedTotal(),
              state == null ? null : state.getLastPollAt(),
              state == null ? null : state.getLastSuccessAt(),
              state == null ? null : state.getLastError(),
              q));
    }
    return out;
  }

  /** Seconds between polls of a mailbox: {@code pollSeconds} (default 60, at least 1). */
  public static int pollSeconds(Map<String, String> settings) {
    try {
      return Math.max(1, Integer.parseInt(settings.getOrDefault("pollSeconds", "60").strip()));
    } catch (NumberFormatException e) {
      return 60;
    }
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public List<QuarantineView> quarantine() {
    return em
        .createQuery(
            "select q from QuarantinedMail q join fetch q.account order by q.quarantinedAt desc, q.id desc",
            QuarantinedMail.class)
        .setMaxResults(500)
        .getResultList()
        .stream()
        .map(
            q ->
                new QuarantineView(
                    q.getId(),
                    q.getAccount().getId(),
                    q.getAccount().getAddress(),
                    q.getFolder(),
                    q.getUid(),
                    q.getSize(),
                    q.getReason(),
                    q.getRaw() != null,
                    q.getQuarantinedAt()))
        .toList();
  }

  /** The raw bytes of a quarantined mail. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public byte[] quarantinedRaw(long id) {
    QuarantinedMail q = em.find(QuarantinedMail.class, id);
    if (q == null) {
      throw new NotFoundException("quarantined mail", id);
    }
    if (q.getRaw() == null) {
      throw new NotFoundException("raw content of quarantined mail", id);
    }
    return q.getRaw().getData();
  }
}
