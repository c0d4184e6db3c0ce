package dev.helpdesk.domain.model.faq;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An agent's "article missing" flag on a ticket: a question the knowledge base could not answer.
 */
@Entity
@Table(name = "faq_gap")
public class FaqGap {
  @Id
  @GeneratedValue(generator = "faq_gap_seq")
  @SequenceGenerator(name = "faq_gap_seq", sequenceName = "faq_gap_seq", allocationSize = 50)
  private Long id;

  @Column(name = "ticket_id", nullable = false)
  private long ticketId;

  @Column(name = "agent_id", nullable = false)
  private long agentId;

  @Column(nullable = false)
  private String note;

  @Column(nullable = false)
  private String language;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected FaqGap() {}

  public FaqGap(long ticketId, long agentId, String note, String language, Instant createdAt) {
    this.ticketId = ticketId;
    this.agentId = agentId;
    this.note = note;
    this.language = language;
    this.createdAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public long getTicketId() {
    return ticketId;
  }

  public long getAgentId() {
    return agentId;
  }

  public String getNote() {
    return note;
  }

  public String getLanguage() {
    return language;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
