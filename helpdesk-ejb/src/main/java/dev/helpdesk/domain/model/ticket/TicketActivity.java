package dev.helpdesk.domain.model.ticket;

import dev.helpdesk.domain.model.agent.Agent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** The audit timeline: who changed what on a ticket, and when. Never updated, never deleted. */
@Entity
@Table(name = "ticket_activity")
public class TicketActivity {
  /** What happened. */
  public enum Type {
    CREATED,
    MESSAGE_RECEIVED,
    REPLIED,
    NOTE_ADDED,
    ASSIGNED,
    UNASSIGNED,
    TEAM_CHANGED,
    STATUS_CHANGED,
    PRIORITY_CHANGED,
    TAGS_CHANGED,
    MERGED,
    MERGED_FROM,
    REOPENED,
    FOLLOW_UP_OPENED,
    DELIVERY_FAILED,
    AUTO_REPLY,
    /** A shopper said an FAQ article answered the question: the chat was closed as self-served. */
    SELF_SERVED,
    /** The classifier changed the topic on a later message, or an agent corrected it. */
    TOPIC_SET,
    /**
     * A routing rule fired: which one and what it did (before routing wrote one {@link #ROUTED}).
     */
    RULE_APPLIED,
    /** Most of an SLA target has passed without the answer (docs/metrics.md). */
    SLA_WARNING,
    /** An SLA target passed without the answer. */
    SLA_BREACHED,
    /** A satisfaction survey went to the shopper. */
    CSAT_SENT,
    /** The shopper rated the help (score, comment). */
    CSAT_ANSWERED,
    /**
     * Routing decided, in one entry: the topic it gave, each rule that fired and what it did, who
     * got the ticket (or that it waits in the team's queue).
     */
    ROUTED
  }

  @Id
  @GeneratedValue(generator = "ticket_activity_seq")
  @SequenceGenerator(
      name = "ticket_activity_seq",
      sequenceName = "ticket_activity_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "ticket_id")
  private Ticket ticket;

  @Column(name = "occurred_at", nullable = false)
  private Instant at;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "actor_agent_id")
  private Agent actor;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  @Column(name = "activity_type", nullable = false)
  private Type type;

  private String detail;

  protected TicketActivity() {}

  public TicketActivity(Ticket ticket, Agent actor, Type type, String detail, Instant at) {
    this.ticket = ticket;
    this.actor = actor;
    this.type = type;
    this.detail = detail;
    this.at = at;
  }

  public Long getId() {
    return id;
  }

  public Instant getAt() {
    return at;
  }

  public Agent getActor() {
    return actor;
  }

  public Type getType() {
    return type;
  }

  public String getDetail() {
    return detail;
  }
}
