package dev.helpdesk.application.internal;

import dev.helpdesk.application.IngestResult;
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
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;

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

  public IngestResult ingest(InboundMessage in) {
    return append(in);
  }

  /**
   * Several messages in one transaction (a mailbox poll, a webhook carrying a batch): the same
   * steps for each, in order; a later message sees the earlier ones (same conversation, same
   * duplicate). Any failure rolls the whole batch back.
   *
   * <p>After each message its rows are written, its index documents built (written at commit), and
   * the persistence context emptied: otherwise every later message's flush would check every entity
   * of the batch again (a batch cost growing with the square of its size).
   */
  public List<IngestResult> ingestAll(List<InboundMessage> batch) {
    List<IngestResult> out = new ArrayList<>(batch.size());
    SearchSession search = Search.session(em);
    for (InboundMessage in : batch) {
      out.add(append(in));
      em.flush();
      search.indexingPlan().process(); // documents built now, written once at commit
      em.clear();
    }
    return out;
  }

  private IngestResult append(InboundMessage in) {
    Set<String> keys = new LinkedHashSet<>(in.threadKeys());
    keys.add(in.externalId());
    Known known = lookUp(in, keys);

    // 1. dedupe: the unique (channel, external_id) constraint is the backstop under races
    if (known.messageId != null) {
      return new IngestResult(known.messageTicketId, known.messageId, false, true);
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
      // the ticket we may append to: lock it now (one writer per ticket at a time)
      Ticket candidate = em.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE);
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
    if (ticket != null && em.getLockMode(ticket) != LockModeType.PESSIMISTIC_WRITE) {
      em.refresh(
          ticket, LockModeType.PESSIMISTIC_WRITE); // reached by [#ref] or a merge: lock it too
    }
    boolean created = false;
    if (ticket == null || ticket.getStatus() == TicketStatus.CLOSED) {
      Ticket previous = ticket;
      ticket = new Ticket(contact, in.channel(), subject(in), at);
      ticket.setChannelAccount(
          known.accountId == null ? null : em.getReference(ChannelAccount.class, known.accountId));
      ticket.setLanguage(in.metadata().get(InboundMessage.LANGUAGE));
      em.persist(ticket);
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
      message.setRaw(attachmentStore.storeWithinLimit(in.raw()));
    }
    em.persist(message);
    for (InboundAttachment a : in.attachments()) {
      message
          .getAttachments()
          .add(
              new MessageAttachment(
                  message,
                  attachmentStore.store(a.data()),
                  a.filename(),
                  a.contentType(),
                  a.contentId()));
    }
    ticket.shopperWrote(at);
    ticket.setPreview(in.text());
    for (String key : keys) {
      if (!known.ticketByKey.containsKey(key)) {
        em.persist(new ThreadKey(in.channel(), key, ticket));
      }
    }

    // 5. announce after commit
    events.fire(
        TicketEvent.of(
            created ? TicketEvent.Type.TICKET_CREATED : TicketEvent.Type.MESSAGE_ADDED,
            ticket,
            message.getId()));
    return new IngestResult(ticket.getId(), message.getId(), created, false);
  }

  /** What the database already knows about this message, in one round trip. */
  private static final class Known {
    Long messageId;
    Long messageTicketId;
    Long contactId;
    boolean contactNameMissing;
    Long accountId;
    final Map<String, Long> ticketByKey = new java.util.HashMap<>();
  }

  private static final String LOOK_UP =
      "select 'M' as what, m.id as a, m.ticket_id as b, cast(null as varchar(300)) as s from message m"
          + " where m.channel = :channel and m.external_id = :externalId"
          + " union all select 'C', i.contact_id, case when c.name is null then 1 else 0 end, null"
          + " from contact_identity i join contact c on c.id = i.contact_id where i.kind = :kind and i.identity_value = :value"
          + " union all select 'K', k.ticket_id, null, k.key_value from thread_key k"
          + " where k.key_value in (:keys) and k.channel = :channel"
          + " union all select 'A', a.id, null, null from channel_account a where a.channel = :channel and a.address = :account";

  private Known lookUp(InboundMessage in, Set<String> keys) {
    Known known = new Known();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(LOOK_UP)
            .setParameter("channel", in.channel().name())
            .setParameter("externalId", in.externalId())
            .setParameter("kind", in.sender().kind().name())
            .setParameter("value", in.sender().value())
            .setParameter("keys", keys)
            .setParameter("account", in.channelAccount() == null ? "" : in.channelAccount())
            .getResultList();
    for (Object[] r : rows) {
      long a = ((Number) r[1]).longValue();
      switch (String.valueOf(r[0]).trim()) { // a one-letter literal maps to Character
        case "M" -> {
          known.messageId = a;
          known.messageTicketId = ((Number) r[2]).longValue();
        }
        case "C" -> {
          known.contactId = a;
          known.contactNameMissing = ((Number) r[2]).intValue() == 1;
        }
        case "K" -> known.ticketByKey.put(String.valueOf(r[3]), a);
        case "A" -> known.accountId = a;
        default -> throw new IllegalStateException("unexpected row " + r[0]);
      }
    }
    return known;
  }

  private static Ticket mergeTarget(Ticket t) {
    Ticket current = t;
    for (int hops = 0; current.getMergedInto() != null && hops < 20; hops++) {
      current = current.getMergedInto();
    }
    return current;
  }

  private ChannelAccount account(Channel channel, String address) {
    if (address == null) {
      return null;
    }
    List<ChannelAccount> found =
        em.createQuery(
                "select a from ChannelAccount a where a.channel = :c and a.address = :a",
                ChannelAccount.class)
            .setParameter("c", channel)
            .setParameter("a", address)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
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

  static String json(Map<String, String> metadata) {
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
}
