package dev.helpdesk.application.internal;

import dev.helpdesk.application.ConversationEndedException;
import dev.helpdesk.application.IngestResult;
import dev.helpdesk.application.Router;
import dev.helpdesk.application.TicketEvent;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.InboundAttachment;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.MessageAttachment;
import dev.helpdesk.domain.model.ticket.ThreadKey;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketReference;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One message, one transaction: steps 1–5 of the inbound path in ARCHITECTURE.md. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MessageIngestion {
  /**
   * One JSON-P provider: Json.createX looks the provider up through ServiceLoader on every call.
   */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  static final int MAX_SUBJECT = 1000;

  @PersistenceContext EntityManager em;
  @Inject Contacts contacts;
  @Inject AttachmentStore attachmentStore;
  @Inject Event<TicketEvent> events;
  @Inject Router router;

  /**
   * One message; {@code routeNow}: a ticket it creates is routed (and a topic still open
   * reconsidered) inside this transaction, before its event (not for chat: the agents hear of a
   * chat message first, routing follows after commit). See {@link Router#routeNew}.
   */
  public IngestResult ingest(InboundMessage in, boolean routeNow) {
    return ingestAll(List.of(in), routeNow).get(0);
  }

  /**
   * Several messages in one transaction (a mailbox poll, a webhook carrying a batch): the same
   * steps for each, in order; a later message sees the earlier ones (same conversation, same
   * contact, same duplicate). Any failure rolls the whole batch back.
   *
   * <p>What the database knows about the whole batch is read in one query, the tickets it may
   * append to are locked in one query (in id order), and the rows of all its messages are written
   * together at commit, in JDBC batches: a batch costs a few round trips instead of several per
   * message. A single message is a batch of one. {@code routeNow} as for {@link #ingest}.
   */
  public List<IngestResult> ingestAll(List<InboundMessage> batch, boolean routeNow) {
    Channel channel = batch.isEmpty() ? null : batch.get(0).channel();
    if (channel == Channel.CHAT) {
      // a shopper waits on the other end: the commit (and the agents' event after it) doesn't
      // wait for Lucene's refresh; the message is searchable a moment later
      org.hibernate.search.mapper.orm.Search.session(em)
          .indexingPlanSynchronizationStrategy(
              org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy.async());
    }
    if (batch.stream().allMatch(m -> m.channel() == channel)) {
      return announce(appendAll(channel, batch), routeNow && channel != Channel.CHAT);
    }
    // mixed channels: one by one, each still seeing those before it
    List<IngestResult> out = new ArrayList<>(batch.size());
    for (InboundMessage in : batch) {
      out.addAll(appendAll(in.channel(), List.of(in)));
    }
    return announce(out, false);
  }

  /**
   * Fires the ticket events of the whole batch at its end: observers during the transaction (the
   * staff journal, which numbers events, so numbers follow commit order closely) run once the
   * batch's work is done; the others run after commit.
   */
  private List<IngestResult> announce(List<IngestResult> results, boolean routeNow) {
    for (IngestResult r : results) {
      if (!r.duplicate()) {
        Ticket t = em.find(Ticket.class, r.ticketId());
        boolean routed = routeNow && Router.enabled();
        if (routed) {
          Message m = em.find(Message.class, r.messageId());
          if (r.ticketCreated()) {
            router.routeNew(t, m);
          } else {
            router.reclassifyNew(t, m);
          }
        }
        TicketEvent e =
            TicketEvent.of(
                r.ticketCreated()
                    ? TicketEvent.Type.TICKET_CREATED
                    : TicketEvent.Type.MESSAGE_ADDED,
                t,
                r.messageId());
        events.fire(routed ? e.routingDone() : e);
      }
    }
    return results;
  }

  private List<IngestResult> appendAll(Channel channel, List<InboundMessage> batch) {
    List<IngestResult> out = new ArrayList<>(batch.size());
    if (batch.isEmpty()) {
      return out;
    }
    BatchIndex index = lookUpAll(channel, batch);
    Set<Long> held = lockAll(index.keys.values());
    for (InboundMessage in : batch) {
      Set<String> keys = keysOf(in);
      Appended r = append(in, keys, index.known(in, keys), held, index.files);
      index.remember(in, keys, r);
      out.add(r.result());
    }
    return out;
  }

  /**
   * The keys a message threads by and leaves for later messages to thread onto: its thread keys and
   * its own id (an e-mail's Message-ID, which replies name in In-Reply-To, a social message's id,
   * which a reply may quote). Not a chat message's id: chat threads by its conversation, which is
   * among the thread keys, and nothing ever names one message of a chat; duplicates are caught by
   * the message's own (channel, external id), not by thread keys. Saves a row per chat message.
   */
  private static Set<String> keysOf(InboundMessage in) {
    Set<String> keys = new LinkedHashSet<>(in.threadKeys());
    if (in.channel() != Channel.CHAT) {
      keys.add(in.externalId());
    }
    return keys;
  }

  /** A stored message and the contact it was stored for. */
  private record Appended(IngestResult result, long contactId) {}

  /**
   * Steps 1–5 for one message.
   *
   * @param held tickets the batch has already locked or created (neither locked nor refreshed
   *     again)
   * @param files attachments by SHA-256 as the batch look-up found them (null: absent)
   */
  private Appended append(
      InboundMessage in,
      Set<String> keys,
      Known known,
      Set<Long> held,
      Map<String, dev.helpdesk.domain.model.ticket.Attachment> files) {

    // 1. dedupe: the unique (channel, external_id) constraint is the backstop under races
    if (known.messageId != null) {
      return new Appended(
          new IngestResult(known.messageTicketId, known.messageId, false, true, 0),
          known.contactId == null ? -1 : known.contactId);
    }
    Instant now = Instant.now();
    Instant at = in.sentAt() != null && in.sentAt().isBefore(now) ? in.sentAt() : now;

    // 2. contact
    Contact contact;
    if (known.contactId != null) {
      contact = em.getReference(Contact.class, known.contactId);
      if (known.contactNameMissing && in.sender().displayName() != null) {
        em.find(Contact.class, known.contactId).setName(in.sender().displayName());
      }
    } else {
      contact = contacts.create(in.sender(), in.metadata().get(InboundMessage.LANGUAGE));
    }

    // 3. thread onto an open ticket of the same contact, or open one
    Ticket ticket = null;
    for (Long id : new LinkedHashSet<>(known.ticketByKey.values())) {
      // locked by lockAll (one writer per ticket at a time), or created by this batch
      Ticket candidate = em.find(Ticket.class, id);
      if (candidate.getContact().getId().equals(contact.getId())) {
        candidate = mergeTarget(candidate);
        if (ticket == null || candidate.getLastMessageAt().isAfter(ticket.getLastMessageAt())) {
          ticket = candidate;
        }
      }
    }
    if (ticket == null) {
      Long ref = TicketReference.find(in.subject());
      if (ref != null) {
        Ticket referenced = em.find(Ticket.class, ref);
        if (referenced != null && referenced.getContact().getId().equals(contact.getId())) {
          ticket = mergeTarget(referenced);
        }
      }
    }
    if (ticket != null && held.add(ticket.getId())) {
      // reached by [#ref] or a merge, not locked yet: lock it too
      em.refresh(ticket, LockModeType.PESSIMISTIC_WRITE);
    }
    if (ticket != null
        && ticket.getStatus() == TicketStatus.CLOSED
        && in.channel() == Channel.CHAT) {
      // a chat conversation ends with its ticket: the widget's next message opens a new one
      throw new ConversationEndedException(ticket.getId());
    }
    boolean created = false;
    if (ticket == null || ticket.getStatus() == TicketStatus.CLOSED) {
      Ticket previous = ticket;
      ticket = new Ticket(contact, in.channel(), subject(in), at);
      ticket.setChannelAccount(
          known.accountId == null ? null : em.getReference(ChannelAccount.class, known.accountId));
      ticket.setLanguage(language(in));
      em.persist(ticket);
      held.add(ticket.getId());
      em.persist(
          new TicketActivity(ticket, null, TicketActivity.Type.CREATED, in.channel().name(), now));
      if (previous != null) {
        ticket.setFollowUpOf(previous);
        em.persist(
            new TicketActivity(
                previous, null, TicketActivity.Type.FOLLOW_UP_OPENED, "#" + ticket.getId(), now));
      }
      created = true;
    } else {
      if (ticket.getStatus() == TicketStatus.SOLVED) {
        em.persist(
            new TicketActivity(ticket, null, TicketActivity.Type.REOPENED, "shopper wrote", now));
      }
    }
    String order = in.metadata().get(InboundMessage.ORDER_REF);
    if (order != null && !order.isBlank()) {
      ticket.setOrderRef(order);
    }
    String cart = in.metadata().get(InboundMessage.CART_REF);
    if (cart != null && !cart.isBlank()) {
      ticket.setCartRef(cart);
    }

    // 4. append the message and the response-time facts
    Message message = Message.inbound(ticket, in.channel(), in.externalId(), contact, in.text());
    message.setSubject(truncate(in.subject()));
    message.setHtml(in.html());
    message.setSentAt(at);
    message.setMetadata(json(in.metadata()));
    message.setFullText(in.fullText());
    if (in.raw() != null) {
      message.setRaw(attachmentStore.storeWithinLimit(in.raw(), files));
    }
    em.persist(message);
    for (InboundAttachment a : in.attachments()) {
      message
          .getAttachments()
          .add(
              new MessageAttachment(
                  message,
                  attachmentStore.store(a.data(), files),
                  a.filename(),
                  a.contentType(),
                  a.contentId()));
    }
    ticket.shopperWrote(at);
    // a message that is only a file (a chat screenshot) shows its file name in the inbox
    ticket.setPreview(
        in.text().isBlank() && !in.attachments().isEmpty()
            ? String.join(", ", in.attachments().stream().map(InboundAttachment::filename).toList())
            : in.text());
    for (String key : keys) {
      if (!known.ticketByKey.containsKey(key)) {
        em.persist(new ThreadKey(in.channel(), key, ticket));
      }
    }

    // 5. announced at the end of the batch (see announce)
    return new Appended(
        new IngestResult(ticket.getId(), message.getId(), created, false, message.getSequence()),
        contact.getId());
  }

  /** What the database knows about a whole batch, and what the batch has added so far. */
  private static final class BatchIndex {
    final Map<String, long[]> messages = new java.util.HashMap<>();
    final Map<String, Object[]> contacts = new java.util.HashMap<>();
    final Map<String, Long> keys = new java.util.HashMap<>();
    final Map<String, Long> accounts = new java.util.HashMap<>();
    final Map<String, dev.helpdesk.domain.model.ticket.Attachment> files =
        new java.util.HashMap<>();

    static String identity(InboundMessage in) {
      return in.sender().kind().name() + "|" + in.sender().value();
    }

    Known known(InboundMessage in, Set<String> messageKeys) {
      Known k = new Known();
      long[] m = messages.get(in.externalId());
      if (m != null) {
        k.messageId = m[0];
        k.messageTicketId = m[1];
      }
      Object[] c = contacts.get(identity(in));
      if (c != null) {
        k.contactId = (Long) c[0];
        k.contactNameMissing = (Boolean) c[1];
      }
      for (String key : messageKeys) {
        Long t = keys.get(key);
        if (t != null) {
          k.ticketByKey.put(key, t);
        }
      }
      k.accountId = in.channelAccount() == null ? null : accounts.get(in.channelAccount());
      return k;
    }

    void remember(InboundMessage in, Set<String> messageKeys, Appended r) {
      long ticket = r.result().ticketId();
      messages.putIfAbsent(in.externalId(), new long[] {r.result().messageId(), ticket});
      if (r.contactId() >= 0) {
        contacts.put(identity(in), new Object[] {r.contactId(), Boolean.FALSE});
      }
      if (!r.result().duplicate()) {
        for (String key : messageKeys) {
          keys.putIfAbsent(key, ticket);
        }
      }
    }
  }

  /**
   * The batch look-up, for lists of the given sizes ({@link #padded}: a handful of statements the
   * pool keeps prepared): messages by external id, contacts by identity value, tickets by thread
   * key, channel accounts by address, attachments by SHA-256.
   */
  private static String lookUpAll(int externalIds, int values, int keys, int accounts, int shas) {
    return "select 'M' as what, m.id as a, m.ticket_id as b, cast(m.external_id as varchar(400)) as s"
        + " from message m where m.channel = ? and m.external_id in ("
        + marks(externalIds)
        + ") union all select 'C', i.contact_id, case when c.name is null then 1 else 0 end,"
        + " cast(i.kind || '|' || i.identity_value as varchar(400))"
        + " from contact_identity i join contact c on c.id = i.contact_id where i.identity_value in ("
        + marks(values)
        + ") union all select 'K', k.ticket_id, null, cast(k.key_value as varchar(400)) from thread_key k"
        + " where k.key_value in ("
        + marks(keys)
        + ") and k.channel = ? union all select 'A', a.id, null, cast(a.address as varchar(400))"
        + " from channel_account a where a.channel = ? and a.address in ("
        + marks(accounts)
        + ") union all select 'F', f.id, null, cast(f.sha256 as varchar(400)) from attachment f"
        + " where f.sha256 in ("
        + marks(shas)
        + ")";
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /** A list padded to the next power of two by repeating its last element (same matches). */
  static List<String> padded(java.util.Collection<String> values) {
    List<String> out = new ArrayList<>(values);
    int n = out.size() <= 1 ? 1 : Integer.highestOneBit(out.size() - 1) << 1;
    while (out.size() < n) {
      out.add(out.get(out.size() - 1));
    }
    return out;
  }

  private BatchIndex lookUpAll(Channel channel, List<InboundMessage> batch) {
    BatchIndex index = new BatchIndex();
    Set<String> externalIds = new LinkedHashSet<>();
    Set<String> values = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    Set<String> accounts = new LinkedHashSet<>(List.of(""));
    Set<String> shas = new LinkedHashSet<>(List.of("-"));
    for (InboundMessage in : batch) {
      externalIds.add(in.externalId());
      values.add(in.sender().value());
      keys.addAll(keysOf(in));
      if (in.channelAccount() != null) {
        accounts.add(in.channelAccount());
      }
      if (in.raw() != null && in.raw().length <= AttachmentStore.maxBytes()) {
        shas.add(AttachmentStore.sha256(in.raw()));
      }
      for (InboundAttachment a : in.attachments()) {
        shas.add(AttachmentStore.sha256(a.data()));
      }
    }
    for (String sha : shas) {
      index.files.put(sha, null); // looked up: absent unless found below
    }
    // plain JDBC on the transaction's connection: a native query mapped its result set anew each
    // time, a fifth of what ingesting a chat message allocated. What this transaction wrote before
    // is flushed first, as the native query did (usually nothing: the look-up comes first)
    em.flush();
    List<String> e = padded(externalIds);
    List<String> v = padded(values);
    List<String> k = padded(keys);
    List<String> acc = padded(accounts);
    List<String> f = padded(shas);
    String sql = lookUpAll(e.size(), v.size(), k.size(), acc.size(), f.size());
    List<Object[]> rows =
        em.unwrap(org.hibernate.Session.class)
            .doReturningWork(
                c -> {
                  try (var ps = c.prepareStatement(sql)) {
                    int i = 1;
                    ps.setString(i++, channel.name());
                    for (String x : e) {
                      ps.setString(i++, x);
                    }
                    for (String x : v) {
                      ps.setString(i++, x);
                    }
                    for (String x : k) {
                      ps.setString(i++, x);
                    }
                    ps.setString(i++, channel.name());
                    ps.setString(i++, channel.name());
                    for (String x : acc) {
                      ps.setString(i++, x);
                    }
                    for (String x : f) {
                      ps.setString(i++, x);
                    }
                    List<Object[]> out = new ArrayList<>();
                    try (var rs = ps.executeQuery()) {
                      while (rs.next()) {
                        long b = rs.getLong(3);
                        Long third = rs.wasNull() ? null : b;
                        out.add(
                            new Object[] {rs.getString(1), rs.getLong(2), third, rs.getString(4)});
                      }
                    }
                    return out;
                  }
                });
    for (Object[] r : rows) {
      long a = ((Number) r[1]).longValue();
      String s = String.valueOf(r[3]);
      switch (String.valueOf(r[0]).trim()) { // a CHAR(1) literal may come padded
        case "M" -> index.messages.put(s, new long[] {a, ((Number) r[2]).longValue()});
        case "C" -> index.contacts.put(s, new Object[] {a, ((Number) r[2]).intValue() == 1});
        case "K" -> index.keys.put(s, a);
        case "A" -> index.accounts.put(s, a);
        case "F" ->
            index.files.put(
                s, em.getReference(dev.helpdesk.domain.model.ticket.Attachment.class, a));
        default -> throw new IllegalStateException("unexpected row " + r[0]);
      }
    }
    return index;
  }

  /** Locks the tickets a batch may append to, in id order (no two batches wait on each other). */
  private Set<Long> lockAll(java.util.Collection<Long> ticketIds) {
    Set<Long> held = new java.util.HashSet<>();
    if (ticketIds.isEmpty()) {
      return held;
    }
    List<Long> ids = new ArrayList<>(new java.util.TreeSet<>(ticketIds));
    if (ids.size() == 1) { // find joins the ticket's associations; the query loads them apart
      em.find(Ticket.class, ids.get(0), LockModeType.PESSIMISTIC_WRITE);
      held.add(ids.get(0));
      return held;
    }
    em.createQuery("select t from Ticket t where t.id in (:ids) order by t.id", Ticket.class)
        .setParameter("ids", ids)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
    held.addAll(ids);
    return held;
  }

  /** What the database and the batch so far know about one message. */
  private static final class Known {
    Long messageId;
    Long messageTicketId;
    Long contactId;
    boolean contactNameMissing;
    Long accountId;
    final Map<String, Long> ticketByKey = new java.util.HashMap<>();
  }

  private static Ticket mergeTarget(Ticket t) {
    Ticket current = t;
    for (int hops = 0; current.getMergedInto() != null && hops < 20; hops++) {
      current = current.getMergedInto();
    }
    return current;
  }

  private static String subject(InboundMessage in) {
    String s = in.subject();
    if (s == null || s.isBlank()) {
      String text = in.text().strip().replaceAll("\\s+", " ");
      s = text.length() > 80 ? text.substring(0, 77) + "…" : text;
    }
    return truncate(TicketReference.strip(s));
  }

  private static String truncate(String s) {
    if (s == null) {
      return null;
    }
    if (s.length() > MAX_SUBJECT) {
      return s.substring(0, MAX_SUBJECT);
    }
    return s;
  }

  /** String values as a JSON object text, or null when there are none. */
  public static String json(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return null;
    }
    JsonObjectBuilder b = JSON.createObjectBuilder();
    metadata.forEach(b::add);
    String out = b.build().toString();
    if (out.length() > 10_000) {
      throw new InvalidPayloadException("metadata is larger than 10,000 characters", false);
    }
    return out;
  }

  /**
   * The ticket's language: the connector's (e-mail headers and text, the chat widget's page), else
   * the first message's script (social messages and the API say none); null without text.
   */
  static String language(InboundMessage in) {
    String given = in.metadata().get(InboundMessage.LANGUAGE);
    if (given != null || in.text() == null || in.text().isBlank()) {
      return given;
    }
    return dev.helpdesk.application.KnowledgeBase.languageOf(in.text(), null);
  }
}
