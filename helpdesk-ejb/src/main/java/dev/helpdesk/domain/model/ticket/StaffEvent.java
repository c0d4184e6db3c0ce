package dev.helpdesk.domain.model.ticket;

import dev.helpdesk.infrastructure.persistence.SequenceOnInsert;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A ticket event in the staff journal: its number (one database sequence, taken one at a time by
 * the row's INSERT so numbers follow the order transactions reach their end), who may see it, and
 * the frame the staff stream sends.
 */
@Entity
@Table(name = "staff_event")
public class StaffEvent {
  @Id
  @SequenceOnInsert("staff_event_seq")
  private Long seq;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "ticket_id", nullable = false)
  private long ticketId;

  @Column(name = "team_id")
  private Long teamId;

  @Column(name = "assignee_id")
  private Long assigneeId;

  /** The frame without its number (which the sequence gives at persist). */
  @Column(nullable = false)
  private String payload;

  protected StaffEvent() {}

  public StaffEvent(
      Instant occurredAt, long ticketId, Long teamId, Long assigneeId, String payload) {
    this.occurredAt = occurredAt;
    this.payload = payload;
    this.ticketId = ticketId;
    this.teamId = teamId;
    this.assigneeId = assigneeId;
  }

  public Long getSeq() {
    return seq;
  }
}
