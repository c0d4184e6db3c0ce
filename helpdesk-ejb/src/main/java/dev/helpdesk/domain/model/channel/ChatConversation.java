package dev.helpdesk.domain.model.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation a shopper opened in a chat widget. Its messages are its ticket's public messages,
 * numbered by {@code message.seq}; this row keeps what the ticket does not: the visitor, the
 * identity the shopper gave (verified by the store's signature or not), the checkout context, how
 * far each side has read, and until when the shopper counts as connected.
 *
 * <p>Hot fields (read positions, {@code onlineUntil}) are changed with single UPDATE statements,
 * never by loading and versioning the row, so tabs and nodes never conflict over them.
 */
@Entity
@Table(name = "chat_conversation")
public class ChatConversation {
  @Id private String id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "widget_account_id")
  private ChannelAccount widget;

  @Column(name = "visitor_id", nullable = false)
  private String visitorId;

  @Column(name = "ticket_id")
  private Long ticketId;

  @Column(name = "shopper_name")
  private String shopperName;

  @Column(name = "shopper_email")
  private String shopperEmail;

  @Column(name = "identity_verified", nullable = false)
  private boolean identityVerified;

  private String topic;

  private String language;

  /** The checkout context as JSON (cart id, order number, total, currency, step, page). */
  private String context;

  @Column(name = "shopper_read_seq", nullable = false)
  private int shopperReadSeq;

  @Column(name = "agent_read_seq", nullable = false)
  private int agentReadSeq;

  @Column(name = "online_until")
  private Instant onlineUntil;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected ChatConversation() {}

  public ChatConversation(ChannelAccount widget, String visitorId, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.widget = widget;
    this.visitorId = visitorId;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String getId() {
    return id;
  }

  public ChannelAccount getWidget() {
    return widget;
  }

  public String getVisitorId() {
    return visitorId;
  }

  public Long getTicketId() {
    return ticketId;
  }

  public void setTicketId(Long ticketId) {
    this.ticketId = ticketId;
  }

  public String getShopperName() {
    return shopperName;
  }

  public String getShopperEmail() {
    return shopperEmail;
  }

  public boolean isIdentityVerified() {
    return identityVerified;
  }

  /** The shopper as the store vouches for them (signed) or as they say (pre-chat form). */
  public void identify(String name, String email, boolean verified, Instant now) {
    if (verified || !identityVerified) {
      if (name != null && !name.isBlank()) {
        this.shopperName = name;
      }
      if (email != null) {
        this.shopperEmail = email;
      }
      this.identityVerified = verified;
    }
    this.updatedAt = now;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getContext() {
    return context;
  }

  public void setContext(String context) {
    this.context = context;
  }

  public int getShopperReadSeq() {
    return shopperReadSeq;
  }

  public int getAgentReadSeq() {
    return agentReadSeq;
  }

  public Instant getOnlineUntil() {
    return onlineUntil;
  }

  public void setOnlineUntil(Instant onlineUntil) {
    this.onlineUntil = onlineUntil;
  }

  public boolean isShopperOnline(Instant now) {
    return onlineUntil != null && onlineUntil.isAfter(now);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
