package dev.helpdesk.application.internal;

import dev.helpdesk.application.ChatMessage;
import dev.helpdesk.application.ChatWidget;
import dev.helpdesk.application.FaqBot;
import dev.helpdesk.connectors.chat.ChatInbound;
import dev.helpdesk.connectors.chat.ChatSigning;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.channel.ChatConversation;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.ticket.DeliveryStatus;
import dev.helpdesk.domain.model.ticket.Direction;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import dev.helpdesk.domain.model.ticket.Visibility;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The chat conversations' rows, each operation one short transaction (ChatService calls them). */
@Stateless
public class ChatConversations {
  /** A connected widget pings every 25 s; a shopper counts as connected this long after. */
  public static final Duration ONLINE_GRACE = Duration.ofSeconds(70);

  /** The most messages one catch-up returns; the widget asks again for more. */
  public static final int PAGE = 200;

  @PersistenceContext EntityManager em;

  /** What a connection needs to know about its conversation. */
  public record Current(String id, Long ticketId) {}

  /** The visitor's latest conversation if its ticket is still open (not closed), or null. */
  public Current current(long widgetId, String visitor) {
    List<Object[]> rows =
        em.createQuery(
                "select c.id, c.ticketId, t.status from ChatConversation c"
                    + " left join Ticket t on t.id = c.ticketId"
                    + " where c.widget.id = :w and c.visitorId = :v order by c.createdAt desc",
                Object[].class)
            .setParameter("w", widgetId)
            .setParameter("v", visitor)
            .setMaxResults(1)
            .getResultList();
    if (rows.isEmpty() || rows.get(0)[2] == TicketStatus.CLOSED) {
      return null;
    }
    return new Current((String) rows.get(0)[0], (Long) rows.get(0)[1]);
  }

  /** A new conversation for the visitor, with what the connection knows of the shopper. */
  public String start(
      long widgetId,
      String visitor,
      String name,
      String email,
      boolean verified,
      String topic,
      String language,
      String contextJson) {
    Instant now = Instant.now();
    ChatConversation c =
        new ChatConversation(em.getReference(ChannelAccount.class, widgetId), visitor, now);
    c.identify(name, email, verified, now);
    c.setTopic(topic);
    c.setLanguage(language);
    c.setContext(contextJson);
    c.setOnlineUntil(now.plus(ONLINE_GRACE)); // its widget is connected: it is sending
    em.persist(c);
    return c.getId();
  }

  /**
   * Links the conversation to the ticket its message landed on. An e-mail address the shopper typed
   * stays on the conversation and never becomes the contact's (anyone can type any address).
   */
  public void attach(String conversation, long ticketId) {
    ChatConversation c = em.find(ChatConversation.class, conversation);
    if (c == null) {
      return; // gone (the application never deletes one): nothing to attach the ticket to
    }
    if (c.getTicketId() == null || c.getTicketId() != ticketId) {
      c.setTicketId(ticketId);
      nameContact(c);
    }
  }

  /** A stored message's sequence (for a duplicate send, whose ingest did not say). */
  public int sequenceOf(long messageId) {
    return em.createQuery("select m.sequence from Message m where m.id = :id", Integer.class)
        .setParameter("id", messageId)
        .getSingleResult();
  }

  /** The pre-chat form, the e-mail asked for offline, or a signed identity. */
  public void identify(
      String conversation, String name, String email, boolean verified, String topic) {
    ChatConversation c = em.find(ChatConversation.class, conversation);
    if (c == null) {
      return;
    }
    c.identify(name, email, verified, Instant.now());
    if (topic != null) {
      c.setTopic(topic);
    }
    nameContact(c);
  }

  public void context(String conversation, String contextJson) {
    ChatConversation c = em.find(ChatConversation.class, conversation);
    if (c != null) {
      c.setContext(contextJson);
    }
  }

  /** A visitor contact without a name takes the name the shopper gave. */
  private void nameContact(ChatConversation c) {
    if (c.getTicketId() == null || c.getShopperName() == null) {
      return;
    }
    Contact contact = em.find(Ticket.class, c.getTicketId()).getContact();
    if (contact.getName() == null) {
      contact.setName(c.getShopperName());
    }
  }

  /**
   * The conversation's public messages after {@code afterSeq}, oldest first. Read outside a
   * transaction (it runs for every message, to every open widget of the conversation): committed
   * rows only, nothing to flush, no transaction to begin and end. One statement reads the columns
   * the widget shows with the conversation's read mark and each message's number of files; a second
   * reads the files only when there are any (loading whole messages, with their e-mail bodies and
   * metadata, and the conversation as entities cost a tenth of a chat message's allocation).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<ChatMessage> since(ChatWidget widget, String conversation, int afterSeq) {
    List<Row> rows =
        em.createQuery(
                "select m.id, m.sequence, m.direction, m.automatic, m.text,"
                    + " coalesce(m.sentAt, m.createdAt), m.externalId, m.deliveryStatus,"
                    + " case when m.automatic = true then m.metadata else null end,"
                    + " a.displayName, c.agentReadSeq, c.shopperName,"
                    + " (select count(x) from MessageAttachment x where x.message.id = m.id)"
                    + " from ChatConversation c join Message m on m.ticketId = c.ticketId"
                    + " left join m.authorAgent a"
                    + " where c.id = :c and m.sequence > :s and m.visibility = :v"
                    + " order by m.sequence",
                Row.class)
            .setParameter("c", conversation)
            .setParameter("s", afterSeq)
            .setParameter("v", Visibility.PUBLIC)
            .setMaxResults(PAGE)
            .getResultList();
    java.util.Map<Long, List<ChatMessage.File>> files = new java.util.HashMap<>();
    List<Long> withFiles = rows.stream().filter(r -> r.files() > 0).map(Row::id).toList();
    if (!withFiles.isEmpty()) {
      for (Object[] r :
          em.createQuery(
                  "select a.message.id, a.id, a.filename, a.contentType, f.size"
                      + " from MessageAttachment a join a.content f where a.message.id in :ids"
                      + " order by a.id",
                  Object[].class)
              .setParameter("ids", withFiles)
              .getResultList()) {
        long id = (Long) r[1];
        files
            .computeIfAbsent((Long) r[0], k -> new ArrayList<>())
            .add(
                new ChatMessage.File(
                    (String) r[2],
                    (String) r[3],
                    (Long) r[4],
                    "api/v1/chat/files/"
                        + id
                        + "?conversation="
                        + conversation
                        + "&sig="
                        + URLEncoder.encode(
                            ChatSigning.attachmentSignature(widget.secret(), conversation, id),
                            StandardCharsets.UTF_8)));
      }
    }
    List<ChatMessage> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(view(r, files.getOrDefault(r.id(), List.of())));
    }
    return out;
  }

  /**
   * A message as {@link #since} reads it: the shown columns, the conversation's read mark and
   * shopper name, the number of files ({@code metadata} only for automatic messages). Boxed types:
   * Hibernate finds the constructor by the selected values' own types.
   */
  record Row(
      Long id,
      Integer seq,
      Direction direction,
      Boolean automatic,
      String text,
      Instant at,
      String externalId,
      DeliveryStatus deliveryStatus,
      String metadata,
      String agentName,
      Integer agentReadSeq,
      String shopperName,
      Long files) {}

  /** A row of {@link #since} as the widget shows it. */
  private static ChatMessage view(Row r, List<ChatMessage.File> files) {
    boolean in = r.direction() == Direction.INBOUND;
    String status =
        in
            ? (r.seq() <= r.agentReadSeq() ? "read" : "delivered")
            : switch (r.deliveryStatus()) {
              case FAILED -> "failed";
              case QUEUED -> "queued";
              default -> "sent";
            };
    return new ChatMessage(
        r.seq(),
        r.id(),
        in ? "shopper" : r.automatic() ? "bot" : "agent",
        in ? r.shopperName() : r.agentName(),
        r.text(),
        r.at(),
        in ? ChatInbound.keyOf(r.externalId()) : null,
        files,
        status,
        r.automatic() ? FaqBot.articleOf(r.metadata()) : null,
        r.automatic()
            ? dev.helpdesk.application.Views.MessageView.metadata(r.metadata())
                .get(dev.helpdesk.application.Surveys.CSAT)
            : null);
  }

  /** The ticket of a conversation, or null (none yet, or no such conversation). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Long ticketOf(String conversation) {
    ChatConversation c = em.find(ChatConversation.class, conversation);
    return c == null ? null : c.getTicketId();
  }

  /** Records how far the shopper has read; the ticket id, or null when nothing moved. */
  public Long shopperRead(String conversation, int seq) {
    int n =
        em.createQuery(
                "update ChatConversation c set c.shopperReadSeq = :s"
                    + " where c.id = :id and c.shopperReadSeq < :s")
            .setParameter("s", seq)
            .setParameter("id", conversation)
            .executeUpdate();
    if (n == 0) {
      return null;
    }
    return em.createQuery("select c.ticketId from ChatConversation c where c.id = :id", Long.class)
        .setParameter("id", conversation)
        .getSingleResult();
  }

  /** The shopper is connected (for {@link #ONLINE_GRACE} more) or has left. */
  public void online(String conversation, boolean online) {
    em.createQuery("update ChatConversation c set c.onlineUntil = :u where c.id = :id")
        .setParameter("u", online ? Instant.now().plus(ONLINE_GRACE) : Instant.now())
        .setParameter("id", conversation)
        .executeUpdate();
  }

  /** The conversation of a ticket (its latest), or null. */
  public ChatConversation ofTicket(long ticketId) {
    return em.createQuery(
            "select c from ChatConversation c where c.ticketId = :t order by c.createdAt desc",
            ChatConversation.class)
        .setParameter("t", ticketId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  /** How far an agent has read a conversation. */
  public record Read(String conversation, int seq) {}

  /**
   * An agent opened the ticket: the shopper's messages up to now count as read. Null when there was
   * nothing new.
   */
  public Read agentRead(long ticketId) {
    ChatConversation c = ofTicket(ticketId);
    if (c == null) {
      return null;
    }
    Integer last =
        em.createQuery(
                "select max(m.sequence) from Message m where m.ticketId = :t and m.direction = :d",
                Integer.class)
            .setParameter("t", ticketId)
            .setParameter("d", Direction.INBOUND)
            .getSingleResult();
    if (last == null || last <= c.getAgentReadSeq()) {
      return null;
    }
    em.createQuery(
            "update ChatConversation c set c.agentReadSeq = :s where c.id = :id and c.agentReadSeq < :s")
        .setParameter("s", last)
        .setParameter("id", c.getId())
        .executeUpdate();
    return new Read(c.getId(), last);
  }
}
