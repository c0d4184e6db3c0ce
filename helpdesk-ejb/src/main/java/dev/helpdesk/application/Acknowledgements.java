package dev.helpdesk.application;

import dev.helpdesk.application.internal.AutoReplyMailboxes;
import dev.helpdesk.connectors.email.EmailParser;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The optional acknowledgement of a new e-mail ticket (mailbox setting {@code autoReply=true}, off
 * by default): "we got your message, your reference is #1042". Loop-safe: never to automatic mail
 * (auto-replies, lists, bulk, bounces, senders asking for none), at most one per contact per hour,
 * none to a contact opening tickets in a storm; it goes out marked {@code Auto-Submitted:
 * auto-replied} and is nobody's first response.
 */
@Stateless
public class Acknowledgements {
  private static final Logger LOG = Logger.getLogger(Acknowledgements.class.getName());
  static final Duration PER_CONTACT = Duration.ofHours(1);
  static final int STORM_TICKETS = 5;
  static final Duration STORM_WINDOW = Duration.ofMinutes(10);

  @PersistenceContext EntityManager em;
  @Inject OutboundQueue outbound;
  @Inject Event<TicketEvent> events;
  @Resource SessionContext self;
  @Inject AutoReplyMailboxes mailboxes;

  /**
   * Every new ticket passes here, so the common answer ("no acknowledgement") costs no transaction
   * and, when no mailbox acknowledges, no query; only a ticket that gets one opens a transaction
   * ({@link #acknowledge}).
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void ticketCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketEvent e) {
    if (e.type() != TicketEvent.Type.TICKET_CREATED || e.messageId() == null) {
      return;
    }
    if (mailboxes.none()) {
      return;
    }
    List<Long> account =
        em.createQuery(
                "select a.id from Ticket t join t.channelAccount a where t.id = :id and t.channel = :c",
                Long.class)
            .setParameter("id", e.ticketId())
            .setParameter("c", Channel.EMAIL)
            .getResultList();
    if (account.isEmpty() || !mailboxes.acknowledges(account.get(0))) {
      return;
    }
    self.getBusinessObject(Acknowledgements.class).acknowledge(e.ticketId(), e.messageId());
  }

  /** Sends the acknowledgement of a new ticket, unless loop and storm rules say no. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void acknowledge(long ticketId, long messageId) {
    Ticket t = em.find(Ticket.class, ticketId);
    ChannelAccount mailbox = t.getChannelAccount();
    Map<String, String> settings = mailbox.getSettings();
    Message first = em.find(Message.class, messageId);
    if (first == null
        || (first.getMetadata() != null && first.getMetadata().contains(EmailParser.AUTOMATIC))) {
      return;
    }
    Instant now = Instant.now();
    long recentAcks = automaticSince(em, t.getContact(), now.minus(PER_CONTACT));
    long recentTickets =
        em.createQuery(
                "select count(t) from Ticket t where t.contact = :c and t.createdAt > :since",
                Long.class)
            .setParameter("c", t.getContact())
            .setParameter("since", now.minus(STORM_WINDOW))
            .getSingleResult();
    if (recentAcks > 0 || recentTickets > STORM_TICKETS) {
      LOG.info(
          "no acknowledgement for ticket "
              + t.getId()
              + ": contact "
              + t.getContact().getId()
              + " had "
              + recentAcks
              + " in the last hour and opened "
              + recentTickets
              + " tickets in 10 minutes");
      return;
    }
    em.lock(t, LockModeType.PESSIMISTIC_WRITE);
    Message ack = Message.automatic(t, Channel.EMAIL, text(t, mailbox, settings));
    em.persist(ack);
    em.persist(
        new TicketActivity(t, null, TicketActivity.Type.AUTO_REPLY, "acknowledgement sent", now));
    outbound.enqueue(ack.getId(), 0);
    events.fire(TicketEvent.of(TicketEvent.Type.MESSAGE_ADDED, t, ack.getId()));
  }

  /**
   * Automatic messages (acknowledgements, rules' auto-replies) a contact got since then: the loop
   * and flood guard every automatic answer checks.
   */
  static long automaticSince(
      EntityManager em, dev.helpdesk.domain.model.contact.Contact contact, Instant since) {
    return em.createQuery(
            "select count(m) from Message m where m.automatic = true and m.ticket.contact = :c"
                + " and m.createdAt > :since",
            Long.class)
        .setParameter("c", contact)
        .setParameter("since", since)
        .getSingleResult();
  }

  static String text(Ticket t, ChannelAccount mailbox, Map<String, String> settings) {
    boolean arabic = "ar".equals(t.getLanguage());
    String custom = settings.get(arabic ? "autoReply.text.ar" : "autoReply.text");
    if (custom != null && !custom.isBlank()) {
      return custom
          .replace("{ref}", String.valueOf(t.getId()))
          .replace("{name}", mailbox.getName());
    }
    if (arabic) {
      return "مرحباً،\n\nشكراً لتواصلك معنا. استلمنا رسالتك وفتحنا لها الطلب رقم "
          + t.getId()
          + "، وسيرد عليك أحد أعضاء فريقنا في أقرب وقت. لإضافة أي تفاصيل يكفي الرد على هذه الرسالة.\n\n"
          + mailbox.getName();
    }
    return "Hello,\n\nThank you for contacting us. We have received your message and opened request #"
        + t.getId()
        + "; a member of our team will answer as soon as possible. To add anything, simply reply"
        + " to this e-mail.\n\n"
        + mailbox.getName();
  }
}
