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
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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

  /**
   * Groups of a chunk stored side by side: {@code helpdesk.mail.parallel} (default: the number of
   * cores; more only made the threads compete for them in the benchmark).
   */
  static final int PARALLEL =
      Integer.getInteger("helpdesk.mail.parallel", Runtime.getRuntime().availableProcessors());

  /** One poll per mailbox at a time on this node (the timer and "poll now" may meet). */
  private static final Map<Long, ReentrantLock> POLLING = new ConcurrentHashMap<>();

  @PersistenceContext EntityManager em;
  @Inject IngestService ingest;
  @Inject MailboxLedger ledger;
  @Inject DeliveryService delivery;
  @Resource ManagedExecutorService executor;

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
    Batch previous = null;
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
      // fetching and parsing a chunk overlaps storing the one before; at most one is in flight,
      // and the position moves past a chunk only once it is stored
      long[] uids = box.uidsAfter(after);
      for (int from = 0;
          from < uids.length + CHUNK;
          from += CHUNK) { // one more round: the last store
        Batch current = null;
        if (from < uids.length) {
          long[] slice = Arrays.copyOfRange(uids, from, Math.min(uids.length, from + CHUNK));
          long t0 = System.nanoTime();
          List<ImapMailbox.FetchedMail> chunk = box.fetch(slice, MAX_MESSAGE_BYTES);
          n.fetchNanos += System.nanoTime() - t0;
          current = prepare(account, folder, validity, chunk, parser, n);
          current.lastUid = slice[slice.length - 1]; // past mails deleted meanwhile too
        }
        if (previous != null) {
          Batch stored = previous;
          previous = null;
          long s0 = System.nanoTime();
          count(finish(stored), n);
          n.storeNanos += System.nanoTime() - s0;
          ledger.advance(id, folder, validity, stored.lastUid, stored.size);
        }
        if (current != null) {
          start(current, account, folder, validity);
          previous = current;
        }
      }
      ledger.polled(id, folder, null);
      PollResult result = n.result(account, null);
      if (n.fetched > 0) {
        LOG.info(
            "mailbox "
                + account.getAddress()
                + ": "
                + result
                + String.format(
                    " (IMAP %d ms, parsing %d ms, waiting for storage %d ms)",
                    n.fetchNanos / 1_000_000, n.parseNanos / 1_000_000, n.storeNanos / 1_000_000));
      }
      return result;
    } catch (jakarta.mail.MessagingException | java.io.IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warning("mailbox " + account.getAddress() + " " + folder + ": " + error);
      if (previous != null) {
        // the chunk already on its way still lands; the position follows it, so the next poll
        // neither repeats it nor stores it a second time concurrently
        try {
          count(finish(previous), n);
          ledger.advance(id, folder, previous.validity, previous.lastUid, previous.size);
        } catch (RuntimeException stillFailing) {
          LOG.warning("mailbox " + account.getAddress() + ": " + stillFailing);
        }
      }
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
    long fetchNanos;
    long parseNanos;
    long storeNanos;

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

  /** A chunk of mails on its way to the database. */
  private static final class Batch {
    final List<InboundMessage> messages = new ArrayList<>();
    final List<ImapMailbox.FetchedMail> sources = new ArrayList<>();
    final List<List<Integer>> members = new ArrayList<>();
    final List<Future<List<IngestResult>>> running = new ArrayList<>();
    long lastUid;
    long validity;
    int size;
  }

  /**
   * Parses a chunk: mails that can't become messages are quarantined now, bounces are applied now,
   * the rest wait in the batch to be stored.
   */
  private Batch prepare(
      ChannelAccount account,
      String folder,
      long validity,
      List<ImapMailbox.FetchedMail> chunk,
      EmailParser parser,
      Tally n) {
    Batch b = new Batch();
    b.size = chunk.size();
    b.validity = validity;
    n.fetched += chunk.size();
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
        long p0 = System.nanoTime();
        parsed = parser.parse(mail.raw(), account.getAddress());
        n.parseNanos += System.nanoTime() - p0;
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
      b.messages.add(parsed.message());
      b.sources.add(mail);
    }
    return b;
  }

  /**
   * Starts storing a batch: its mails split by sender into up to {@link #PARALLEL} groups stored
   * side by side (threading never crosses contacts, and one sender's mails keep their order), each
   * group in one transaction.
   */
  private void start(Batch b, ChannelAccount account, String folder, long validity) {
    int groups = Math.max(1, Math.min(PARALLEL, b.messages.size() / 4));
    for (int g = 0; g < groups; g++) {
      b.members.add(new ArrayList<>());
    }
    for (int i = 0; i < b.messages.size(); i++) {
      b.members.get(Math.floorMod(b.messages.get(i).sender().value().hashCode(), groups)).add(i);
    }
    for (List<Integer> group : b.members) {
      List<InboundMessage> m = group.stream().map(b.messages::get).toList();
      List<ImapMailbox.FetchedMail> src = group.stream().map(b.sources::get).toList();
      b.running.add(executor.submit(() -> storeGroup(account, folder, validity, m, src)));
    }
  }

  /** Waits for a batch to be stored; a result per message, in the batch's order. */
  private List<IngestResult> finish(Batch b) {
    IngestResult[] out = new IngestResult[b.messages.size()];
    try {
      for (int g = 0; g < b.running.size(); g++) {
        List<IngestResult> results = b.running.get(g).get();
        for (int k = 0; k < results.size(); k++) {
          out[b.members.get(g).get(k)] = results.get(k);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing mails", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("storing mails failed: " + e.getCause(), e.getCause());
    }
    return java.util.Arrays.asList(out);
  }

  private static void count(List<IngestResult> stored, Tally n) {
    for (IngestResult r : stored) {
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
  }

  /**
   * Stores mails in one transaction (or one by one if that fails); a mail that cannot be stored is
   * quarantined (a null result) so the rest still land.
   */
  private List<IngestResult> storeGroup(
      ChannelAccount account,
      String folder,
      long validity,
      List<InboundMessage> messages,
      List<ImapMailbox.FetchedMail> sources) {
    List<IngestService.Outcome> outcomes = ingest.ingestEach(messages);
    List<IngestResult> out = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      IngestService.Outcome o = outcomes.get(i);
      if (o.error() != null) {
        quarantine(
            account, folder, validity, sources.get(i), "not stored: " + o.error().getMessage());
      }
      out.add(o.result());
    }
    return out;
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
              ImapMailbox.pollSeconds(s),
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
