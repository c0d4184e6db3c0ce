package dev.helpdesk.domain.model.ticket;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.contact.Contact;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;

/**
 * One message on a ticket: a shopper's message, an agent's reply or an internal note. Each
 * (channel, externalId) is stored once; {@code sequence} numbers a ticket's messages 1, 2, 3…
 */
@Entity
@Table(
    name = "message",
    uniqueConstraints = {
      @UniqueConstraint(columnNames = {"external_id", "channel"}),
      @UniqueConstraint(columnNames = {"ticket_id", "seq"})
    })
@Indexed(index = "message")
public class Message {
  @Id
  @GeneratedValue(generator = "message_seq")
  @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "ticket_id")
  private Ticket ticket;

  /** The ticket's id, for the search index (read-only view of the same column). */
  @GenericField(projectable = Projectable.YES)
  @Column(name = "ticket_id", insertable = false, updatable = false)
  private Long ticketId;

  @Column(name = "seq", nullable = false)
  private int sequence;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Direction direction;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Visibility visibility;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @Column(name = "external_id")
  private String externalId;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "author_agent_id")
  private Agent authorAgent;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "author_contact_id")
  private Contact authorContact;

  @FullTextField(name = "subject_en", analyzer = "english")
  @FullTextField(name = "subject_ar", analyzer = "arabic")
  private String subject;

  @FullTextField(name = "text_en", analyzer = "english")
  @FullTextField(name = "text_ar", analyzer = "arabic")
  @Column(name = "body_text", nullable = false)
  private String text;

  @Column(name = "body_html")
  private String html;

  /** The whole text when {@code text} is trimmed (an e-mail without its quoted history). */
  @Column(name = "full_text")
  private String fullText;

  /** The message exactly as received (an e-mail's RFC 822 bytes), when the channel has one. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "raw_attachment_id")
  private Attachment raw;

  /** Sent by the helpdesk itself (an acknowledgement), not by an agent. */
  @Column(nullable = false)
  private boolean automatic;

  @Column(name = "sent_at")
  private Instant sentAt;

  /** Sortable in the index: a text search returns the most recent matches first. */
  @GenericField(sortable = Sortable.YES)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "delivery_status", nullable = false)
  private DeliveryStatus deliveryStatus;

  @Column(name = "delivery_attempts", nullable = false)
  private int deliveryAttempts;

  @Column(name = "delivery_error")
  private String deliveryError;

  /** Channel context (order/cart, checkout step, page, language) as JSON. */
  private String metadata;

  @OneToMany(mappedBy = "message", cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<MessageAttachment> attachments = new ArrayList<>();

  protected Message() {}

  private Message(
      Ticket ticket, Direction direction, Visibility visibility, Channel channel, String text) {
    this.ticket = ticket;
    this.ticketId = ticket.getId();
    this.sequence = ticket.nextSequence();
    this.direction = direction;
    this.visibility = visibility;
    this.channel = channel;
    this.text = text;
    this.createdAt = Instant.now();
  }

  /** A shopper's message as received on a channel. */
  public static Message inbound(
      Ticket ticket, Channel channel, String externalId, Contact author, String text) {
    Message m = new Message(ticket, Direction.INBOUND, Visibility.PUBLIC, channel, text);
    m.externalId = externalId;
    m.authorContact = author;
    m.deliveryStatus = DeliveryStatus.RECEIVED;
    return m;
  }

  /** An agent's public reply, queued for delivery on {@code channel}. */
  public static Message reply(Ticket ticket, Channel channel, Agent author, String text) {
    Message m = new Message(ticket, Direction.OUTBOUND, Visibility.PUBLIC, channel, text);
    m.authorAgent = author;
    m.deliveryStatus = DeliveryStatus.QUEUED;
    m.sentAt = m.createdAt;
    return m;
  }

  /**
   * A message the helpdesk sends by itself (an acknowledgement of a new ticket): queued like a
   * reply, but it is nobody's first response.
   */
  public static Message automatic(Ticket ticket, Channel channel, String text) {
    Message m = new Message(ticket, Direction.OUTBOUND, Visibility.PUBLIC, channel, text);
    m.automatic = true;
    m.deliveryStatus = DeliveryStatus.QUEUED;
    m.sentAt = m.createdAt;
    return m;
  }

  /** An internal note: never leaves the helpdesk. */
  public static Message note(Ticket ticket, Agent author, String text) {
    Message m =
        new Message(ticket, Direction.OUTBOUND, Visibility.INTERNAL, ticket.getChannel(), text);
    m.authorAgent = author;
    m.deliveryStatus = DeliveryStatus.NOTE;
    m.sentAt = m.createdAt;
    return m;
  }

  public void markSent(String channelMessageId) {
    this.deliveryStatus = DeliveryStatus.SENT;
    this.externalId = channelMessageId;
    this.deliveryError = null;
  }

  /**
   * The channel reports the message delivered or read: the status only moves forward (a late
   * "delivered" after "read" changes nothing, nor does any report on a failed message).
   *
   * @return whether the status changed
   */
  public boolean markReported(DeliveryStatus reported) {
    boolean forward =
        switch (reported) {
          case DELIVERED -> deliveryStatus == DeliveryStatus.SENT;
          case READ ->
              deliveryStatus == DeliveryStatus.SENT || deliveryStatus == DeliveryStatus.DELIVERED;
          default -> throw new IllegalArgumentException("not a reported status: " + reported);
        };
    if (forward) {
      deliveryStatus = reported;
    }
    return forward;
  }

  /** Records a failed attempt; returns the attempt count so far. */
  public int recordFailedAttempt(String error, boolean giveUp) {
    this.deliveryAttempts++;
    this.deliveryError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    if (giveUp) {
      this.deliveryStatus = DeliveryStatus.FAILED;
    }
    return deliveryAttempts;
  }

  /** A delivery failure reported later (a bounce): the message is FAILED with the reason. */
  public void markBounced(String reason) {
    this.deliveryStatus = DeliveryStatus.FAILED;
    this.deliveryError =
        reason == null ? null : reason.substring(0, Math.min(reason.length(), 1000));
  }

  public Long getId() {
    return id;
  }

  public String getFullText() {
    return fullText;
  }

  public void setFullText(String fullText) {
    this.fullText = fullText;
  }

  public Attachment getRaw() {
    return raw;
  }

  public void setRaw(Attachment raw) {
    this.raw = raw;
  }

  public boolean isAutomatic() {
    return automatic;
  }

  public Ticket getTicket() {
    return ticket;
  }

  /** Moves the message to another ticket (merge), with a new sequence number there. */
  public void moveTo(Ticket target) {
    this.ticket = target;
    this.ticketId = target.getId();
    this.sequence = target.nextSequence();
  }

  public Long getTicketId() {
    return ticketId != null ? ticketId : ticket.getId();
  }

  public int getSequence() {
    return sequence;
  }

  public Direction getDirection() {
    return direction;
  }

  public Visibility getVisibility() {
    return visibility;
  }

  public Channel getChannel() {
    return channel;
  }

  public String getExternalId() {
    return externalId;
  }

  public Agent getAuthorAgent() {
    return authorAgent;
  }

  public Contact getAuthorContact() {
    return authorContact;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getText() {
    return text;
  }

  public String getHtml() {
    return html;
  }

  public void setHtml(String html) {
    this.html = html;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public void setSentAt(Instant sentAt) {
    this.sentAt = sentAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public DeliveryStatus getDeliveryStatus() {
    return deliveryStatus;
  }

  public int getDeliveryAttempts() {
    return deliveryAttempts;
  }

  public String getDeliveryError() {
    return deliveryError;
  }

  public String getMetadata() {
    return metadata;
  }

  public void setMetadata(String metadata) {
    this.metadata = metadata;
  }

  public List<MessageAttachment> getAttachments() {
    return attachments;
  }
}
