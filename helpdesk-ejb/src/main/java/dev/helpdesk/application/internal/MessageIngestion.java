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
import jakarta.json.Json;
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
  /** One JSON-P provider: Json.createX looks the provider up through ServiceLoader on every call. */
  private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

  static final int MAX_SUBJECT = 1000;

  @PersistenceContext EntityManager em;
  @Inject Contacts contacts;
  @Inject AttachmentStore attachmentStore;
  @Inject Event<TicketEvent> events;

  public IngestResult ingest(InboundMessage in) {
    // 1. dedupe: the unique (channel, external_id) constraint is the backstop under races
    List<Object[]> existing =
        em.createQuery(
                "select m.id, m.ticket.id from Message m where m.channel = :c and m.externalId = :x",
                Object[].class)
            .setParameter("c", in.channel())
            .setParameter("x", in.externalId())
            .getResultList();
    if (!existing.isEmpty()) {
      return new IngestResult((Long) existing.get(0)[1], (Long) existing.get(0)[0], false, true);
    }
    Instant now = Instant.now();
    Instant at = in.sentAt() != null && in.sentAt().isBefore(now) ? in.sentAt() : now;

    // 2. contact
    Contact contact = contacts.findOrCreate(in.sender(), in.metadata().get(InboundMessage.LANGUAGE));

    // 3. thread onto an open ticket of the same contact, or open one
    Set<String> keys = new LinkedHashSet<>(in.threadKeys());
    keys.add(in.externalId());
    Map<String, Ticket> known = ticketsByThreadKey(in.channel(), keys);
    Ticket ticket = known.values().stream()
        .filter(t -> t.getContact().getId().equals(contact.getId()))
        .map(MessageIngestion::mergeTarget)
        .max((a, b) -> a.getLastMessageAt().compareTo(b.getLastMessageAt()))
        .orElse(null);
    if (ticket == null) {
      Long ref = TicketReference.find(in.subject());
      if (ref != null) {
        Ticket referenced = em.find(Ticket.class, ref);
        if (referenced != null && referenced.getContact().getId().equals(contact.getId())) {
          ticket = mergeTarget(referenced);
        }
      }
    }
    boolean created = false;
    if (ticket == null || ticket.getStatus() == TicketStatus.CLOSED) {
      Ticket previous = ticket;
      ticket = new Ticket(contact, in.channel(), subject(in), at);
      ticket.setChannelAccount(account(in.channel(), in.channelAccount()));
      ticket.setLanguage(in.metadata().get(InboundMessage.LANGUAGE));
      em.persist(ticket);
      em.persist(new TicketActivity(ticket, null, TicketActivity.Type.CREATED, in.channel().name(), now));
      if (previous != null) {
        ticket.setFollowUpOf(previous);
        em.persist(
            new TicketActivity(
                previous, null, TicketActivity.Type.FOLLOW_UP_OPENED, "#" + ticket.getId(), now));
      }
      created = true;
    } else {
      if (em.getLockMode(ticket) != LockModeType.PESSIMISTIC_WRITE) {
        em.refresh(ticket, LockModeType.PESSIMISTIC_WRITE); // reached by [#ref] or a merge: lock it too
      }
      if (ticket.getStatus() == TicketStatus.SOLVED) {
        em.persist(new TicketActivity(ticket, null, TicketActivity.Type.REOPENED, "shopper wrote", now));
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
    em.persist(message);
    for (InboundAttachment a : in.attachments()) {
      message.getAttachments().add(
          new MessageAttachment(message, attachmentStore.store(a.data()), a.filename(), a.contentType(), a.contentId()));
    }
    ticket.shopperWrote(at);
    ticket.setPreview(in.text());
    for (String key : keys) {
      if (!known.containsKey(key)) {
        em.persist(new ThreadKey(in.channel(), key, ticket));
      }
    }

    // 5. announce after commit
    events.fire(TicketEvent.of(created ? TicketEvent.Type.TICKET_CREATED : TicketEvent.Type.MESSAGE_ADDED, ticket, message.getId()));
    return new IngestResult(ticket.getId(), message.getId(), created, false);
  }

  private Map<String, Ticket> ticketsByThreadKey(Channel channel, Set<String> keys) {
    // one table, on its unique (channel, key_value) index; tickets are then loaded by id
    Map<String, Ticket> out = new java.util.HashMap<>();
    List<Object[]> rows =
        em.createQuery("select k.key, k.ticket.id from ThreadKey k where k.channel = :c and k.key in :keys", Object[].class)
            .setParameter("c", channel)
            .setParameter("keys", keys)
            .getResultList();
    for (Object[] r : rows) {
      // the ticket we are about to append to: lock it now (one writer per ticket at a time)
      out.put((String) r[0], em.find(Ticket.class, r[1], LockModeType.PESSIMISTIC_WRITE));
    }
    return out;
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
