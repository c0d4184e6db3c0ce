package dev.helpdesk.application;

import dev.helpdesk.application.internal.ConnectorRegistry;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.OutboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.contact.ContactIdentity;
import dev.helpdesk.domain.model.ticket.DeliveryStatus;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.ThreadKey;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketReference;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Delivers one queued outbound message through its channel's connector and records the outcome:
 * SENT with the channel's id, or another attempt after a back-off (1×, 2×, 4×… the base delay), or
 * FAILED after the last attempt or a permanent refusal.
 */
@Stateless
public class DeliveryService {
  private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

  /** Attempts before FAILED: {@code helpdesk.outbound.max-attempts} (default 5). */
  static final int MAX_ATTEMPTS = Integer.getInteger("helpdesk.outbound.max-attempts", 5);

  /** First retry delay: {@code helpdesk.outbound.retry-base-ms} (default 2 s). */
  static final long BASE_DELAY_MS = Long.getLong("helpdesk.outbound.retry-base-ms", 2000);

  @PersistenceContext EntityManager em;
  @Inject ConnectorRegistry connectors;
  @Inject dev.helpdesk.application.internal.ChannelAccounts accounts;
  @Inject OutboundQueue queue;
  @Inject OperationsCounters counters;
  @Inject Event<TicketEvent> events;

  public void deliver(long messageId) {
    Message m = em.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
    if (m == null || m.getDeliveryStatus() != DeliveryStatus.QUEUED) {
      return; // already delivered or given up: a redelivered queue entry changes nothing
    }
    Ticket t = m.getTicket();
    ChannelConnector connector = connectors.forChannel(m.getChannel());
    try {
      if (connector == null) {
        throw new DeliveryException("no connector for channel " + m.getChannel(), true);
      }
      DeliveryReceipt receipt = connector.send(outboundMessage(m, t));
      // the message is out: nothing below may roll this transaction back (a rollback would send it
      // again)
      String id = receipt.externalId();
      if (idTaken(m, id)) {
        LOG.warning(
            "channel "
                + m.getChannel()
                + " answered id "
                + id
                + " for message "
                + messageId
                + ", an id it gave before; kept as "
                + id
                + "#"
                + messageId);
        id = id + "#" + messageId;
      }
      m.markSent(id);
      counters.sent();
      em.persist(new ThreadKey(m.getChannel(), id, t));
      LOG.fine(
          () ->
              "message "
                  + messageId
                  + " sent on "
                  + m.getChannel()
                  + " as "
                  + receipt.externalId());
    } catch (DeliveryException | RuntimeException e) {
      boolean permanent = e instanceof DeliveryException d && d.isPermanent();
      int attempts = m.getDeliveryAttempts() + 1;
      boolean giveUp = permanent || attempts >= MAX_ATTEMPTS;
      m.recordFailedAttempt(e.getMessage(), giveUp);
      counters.failedAttempt(giveUp);
      if (giveUp) {
        em.persist(
            new TicketActivity(
                t,
                null,
                TicketActivity.Type.DELIVERY_FAILED,
                "message " + m.getSequence() + " on " + m.getChannel() + ": " + e.getMessage(),
                Instant.now()));
        LOG.warning(
            "message "
                + messageId
                + " FAILED after "
                + attempts
                + " attempt(s): "
                + e.getMessage());
      } else {
        long delay = BASE_DELAY_MS << (attempts - 1);
        LOG.info(
            "message "
                + messageId
                + " attempt "
                + attempts
                + " failed ("
                + e.getMessage()
                + "), retry in "
                + delay
                + " ms");
        queue.enqueue(messageId, delay);
      }
    }
    events.fire(TicketEvent.of(TicketEvent.Type.DELIVERY_CHANGED, t, m.getId()));
  }

  private boolean idTaken(Message m, String id) {
    return !em.createQuery(
                "select k.id from ThreadKey k where k.key = :id and k.channel = :c", Long.class)
            .setParameter("id", id)
            .setParameter("c", m.getChannel())
            .getResultList()
            .isEmpty()
        || !em.createQuery(
                "select x.id from Message x where x.externalId = :id and x.channel = :c",
                Long.class)
            .setParameter("id", id)
            .setParameter("c", m.getChannel())
            .getResultList()
            .isEmpty();
  }

  private OutboundMessage outboundMessage(Message m, Ticket t) throws DeliveryException {
    ChannelAccount from =
        t.getChannelAccount() != null && t.getChannelAccount().getChannel() == m.getChannel()
            ? t.getChannelAccount()
            : accounts.firstActive(m.getChannel());
    Map<String, String> account = from == null ? Map.of() : from.senderSettings();
    SenderIdentity recipient = recipient(t, m);
    List<String> keys =
        em.createQuery(
                "select m.externalId from Message m where m.ticket = :t and m.externalId is not null order by m.sequence",
                String.class)
            .setParameter("t", t)
            .getResultList();
    List<String> inbound =
        em.createQuery(
                "select m.externalId from Message m where m.ticket = :t and m.channel = :c and m.direction = dev.helpdesk.domain.model.ticket.Direction.INBOUND order by m.sequence desc",
                String.class)
            .setParameter("t", t)
            .setParameter("c", m.getChannel())
            .setMaxResults(1)
            .getResultList();
    return new OutboundMessage(
        m.getId(),
        m.getChannel(),
        account,
        recipient,
        t.getId(),
        TicketReference.tag(t.getSubject(), t.getId()),
        m.getText(),
        m.getHtml(),
        inbound.isEmpty() ? null : inbound.get(0),
        keys,
        m.getAuthorAgent() == null ? null : m.getAuthorAgent().getDisplayName(),
        m.getAttachments().stream()
            .map(
                a ->
                    new OutboundMessage.OutboundAttachment(
                        a.getFilename(), a.getContentType(), a.getContent().getData()))
            .toList(),
        m.isAutomatic());
  }

  /**
   * A bounce came back for a message we sent: the message becomes FAILED with the reason, and the
   * ticket's timeline says so.
   *
   * @return false when no sent message has that id (the bounce is then for admins to look at)
   */
  public boolean bounced(Channel channel, String externalId, String reason) {
    if (externalId == null) {
      return false;
    }
    List<Message> found =
        em.createQuery(
                "select m from Message m where m.channel = :c and m.externalId = :id and m.direction = dev.helpdesk.domain.model.ticket.Direction.OUTBOUND",
                Message.class)
            .setParameter("c", channel)
            .setParameter("id", externalId)
            .getResultList();
    if (found.isEmpty()) {
      return false;
    }
    Message m = found.get(0);
    if (m.getDeliveryStatus() != DeliveryStatus.FAILED) {
      m.markBounced(reason);
      em.persist(
          new TicketActivity(
              m.getTicket(),
              null,
              TicketActivity.Type.DELIVERY_FAILED,
              "message " + m.getSequence() + " on " + channel + ": " + reason,
              Instant.now()));
      events.fire(TicketEvent.of(TicketEvent.Type.DELIVERY_CHANGED, m.getTicket(), m.getId()));
      LOG.info("message " + m.getId() + " bounced: " + reason);
    }
    return true;
  }

  /**
   * A channel's later report on a message we sent (delivered, read, failed): the message's status
   * moves forward and the inbox hears of it.
   *
   * @return false when no sent message has that id (a report on a message of another system, or one
   *     that overtook our own commit of the send)
   */
  public boolean reported(dev.helpdesk.connectors.spi.DeliveryUpdate update) {
    if (update.state() == dev.helpdesk.connectors.spi.DeliveryUpdate.State.FAILED) {
      return bounced(update.channel(), update.externalId(), update.reason());
    }
    List<Message> found =
        em.createQuery(
                "select m from Message m where m.channel = :c and m.externalId = :id and m.direction = dev.helpdesk.domain.model.ticket.Direction.OUTBOUND",
                Message.class)
            .setParameter("c", update.channel())
            .setParameter("id", update.externalId())
            .getResultList();
    if (found.isEmpty()) {
      return false;
    }
    Message m = found.get(0);
    if (m.markReported(DeliveryStatus.valueOf(update.state().name()))) {
      events.fire(TicketEvent.of(TicketEvent.Type.DELIVERY_CHANGED, m.getTicket(), m.getId()));
    }
    return true;
  }

  private SenderIdentity recipient(Ticket t, Message m) throws DeliveryException {
    List<ContactIdentity> ids = t.getContact().getIdentities();
    IdentityKind wanted =
        switch (m.getChannel()) {
          case EMAIL -> IdentityKind.EMAIL;
          case WHATSAPP -> IdentityKind.PHONE;
          case MESSENGER, INSTAGRAM, TELEGRAM, X -> IdentityKind.SOCIAL;
          // the chat connector reaches its conversation, whoever the contact is (a verified
          // shopper is the contact of their e-mail address)
          case API, CHAT -> null;
        };
    String network = m.getChannel().name().toLowerCase(java.util.Locale.ROOT) + ":";
    for (ContactIdentity i : ids) {
      if (wanted == null
          || (i.getKind() == wanted
              && (wanted != IdentityKind.SOCIAL || i.getValue().startsWith(network)))) {
        return new SenderIdentity(i.getKind(), i.getValue(), t.getContact().getName());
      }
    }
    throw new DeliveryException(
        "contact has no " + wanted + " identity to reach on " + m.getChannel(), true);
  }
}
