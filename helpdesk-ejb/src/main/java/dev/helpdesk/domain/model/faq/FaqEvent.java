package dev.helpdesk.domain.model.faq;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Something that happened to an article: opened from a suggestion, found helpful or not, answered a
 * shopper's question (a deflection), inserted into a reply, sent by the bot. The facts the FAQ
 * statistics and the dashboard count.
 */
@Entity
@Table(name = "faq_event")
public class FaqEvent {
  /** What happened. */
  public enum Kind {
    VIEWED,
    HELPFUL,
    NOT_HELPFUL,
    DEFLECTED,
    INSERTED,
    BOT_ANSWERED
  }

  /** Who it happened for. */
  public enum Source {
    SHOPPER,
    AGENT,
    BOT,
    PUBLIC
  }

  @Id
  @GeneratedValue(generator = "faq_event_seq")
  @SequenceGenerator(name = "faq_event_seq", sequenceName = "faq_event_seq", allocationSize = 50)
  private Long id;

  @Column(name = "article_id", nullable = false)
  private long articleId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Source source;

  @Column(name = "ticket_id")
  private Long ticketId;

  @Column(name = "agent_id")
  private Long agentId;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  protected FaqEvent() {}

  public FaqEvent(
      long articleId, Kind kind, Source source, Long ticketId, Long agentId, Instant occurredAt) {
    this.articleId = articleId;
    this.kind = kind;
    this.source = source;
    this.ticketId = ticketId;
    this.agentId = agentId;
    this.occurredAt = occurredAt;
  }

  public Long getId() {
    return id;
  }

  public Kind getKind() {
    return kind;
  }
}
