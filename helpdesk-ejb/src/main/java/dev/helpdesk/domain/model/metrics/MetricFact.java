package dev.helpdesk.domain.model.metrics;

import dev.helpdesk.domain.model.routing.BusinessHours;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * One measured wait, written once when it ends and never changed: from {@code startedAt} to {@code
 * endedAt}, in calendar seconds and in the team's business hours, with what reports group by
 * (agent, team, channel, topic, language, and the hour and weekday it started in the team's time
 * zone).
 */
@Entity
@Table(name = "metric_fact")
public class MetricFact {
  /** What was measured (docs/metrics.md). */
  public enum Kind {
    /** The shopper's first message → the first public reply by a human agent. */
    FIRST_RESPONSE,
    /** A later shopper message that waited → the next public reply by a human agent. */
    NEXT_RESPONSE,
    /** Created (or reopened) → solved; {@code segment} 1 for the first solve. */
    RESOLUTION,
    /**
     * Handle time, recorded with each resolution: of that segment, the time the ticket waited on us
     * (NEW or OPEN), not the time it was PENDING on the shopper.
     */
    HANDLE
  }

  @Id
  @GeneratedValue(generator = "metric_fact_seq")
  @SequenceGenerator(
      name = "metric_fact_seq",
      sequenceName = "metric_fact_seq",
      allocationSize = 50)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;

  @Column(name = "ticket_id", nullable = false)
  private long ticketId;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "ended_at", nullable = false)
  private Instant endedAt;

  @Column(nullable = false)
  private long seconds;

  @Column(name = "business_seconds", nullable = false)
  private long businessSeconds;

  @Column(nullable = false)
  private int segment;

  @Column(name = "agent_id")
  private Long agentId;

  @Column(name = "team_id")
  private Long teamId;

  @Column(nullable = false)
  private String channel;

  private String topic;
  private String language;

  @Column(name = "local_hour", nullable = false)
  private int localHour;

  @Column(name = "local_weekday", nullable = false)
  private int localWeekday;

  /** The SLA target this wait had, in seconds (null: no SLA), and whether it was met. */
  @Column(name = "sla_target_seconds")
  private Long slaTargetSeconds;

  @Column(name = "sla_met")
  private Boolean slaMet;

  protected MetricFact() {}

  /** The dimensions of a ticket at the moment a wait ends. */
  public record Dimensions(
      long ticketId, Long agentId, Long teamId, String channel, String topic, String language) {}

  public MetricFact(
      Kind kind,
      Dimensions d,
      Instant startedAt,
      Instant endedAt,
      int segment,
      BusinessHours calendar) {
    this.kind = kind;
    this.ticketId = d.ticketId();
    this.agentId = d.agentId();
    this.teamId = d.teamId();
    this.channel = d.channel();
    this.topic = d.topic();
    this.language = d.language();
    this.startedAt = startedAt;
    this.endedAt = endedAt;
    this.segment = segment;
    this.seconds = Math.max(0, Duration.between(startedAt, endedAt).toSeconds());
    this.businessSeconds = calendar.seconds(startedAt, endedAt);
    ZonedDateTime local = startedAt.atZone(calendar.zone());
    this.localHour = local.getHour();
    this.localWeekday = local.getDayOfWeek().getValue();
  }

  /** A fact whose seconds were added up elsewhere (handle time: several intervals). */
  public static MetricFact handle(
      Dimensions d,
      Instant startedAt,
      Instant endedAt,
      int segment,
      BusinessHours calendar,
      long seconds,
      long businessSeconds) {
    MetricFact f = new MetricFact(Kind.HANDLE, d, startedAt, endedAt, segment, calendar);
    f.seconds = seconds;
    f.businessSeconds = businessSeconds;
    return f;
  }

  /**
   * Judges the wait against a policy's target: met when it ended by the deadline the SLA clock
   * announces (the target counted in the team's business hours, or around the clock).
   */
  public void judge(SlaPolicy policy, BusinessHours calendar) {
    Long target = policy == null ? null : policy.target(kind);
    if (target != null) {
      slaTargetSeconds = target;
      BusinessHours clock = policy.isBusinessHours() ? calendar : BusinessHours.ALWAYS;
      slaMet = !endedAt.isAfter(clock.plus(startedAt, target));
    }
  }

  public Boolean getSlaMet() {
    return slaMet;
  }

  public Kind getKind() {
    return kind;
  }

  public long getSeconds() {
    return seconds;
  }

  public long getBusinessSeconds() {
    return businessSeconds;
  }

  public int getSegment() {
    return segment;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public int getLocalHour() {
    return localHour;
  }

  public int getLocalWeekday() {
    return localWeekday;
  }
}
