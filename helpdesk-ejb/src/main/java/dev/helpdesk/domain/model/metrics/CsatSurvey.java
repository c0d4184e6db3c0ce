package dev.helpdesk.domain.model.metrics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A satisfaction survey offered once per solve a human agent answered (docs/metrics.md, "CSAT"):
 * sent on the ticket's channel when due, answered by the shopper with a score from 1 to 5 and an
 * optional comment (which may be changed for {@link #ANSWER_DAYS} days). Its dimensions are the
 * ticket's at the solve, as a metric fact's are.
 */
@Entity
@Table(name = "csat_survey")
public class CsatSurvey {
  /** How long a shopper may answer, or change an answer, after the survey was sent. */
  public static final int ANSWER_DAYS = 14;

  @Id
  @GeneratedValue(generator = "csat_survey_seq")
  @SequenceGenerator(
      name = "csat_survey_seq",
      sequenceName = "csat_survey_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String token;

  @Column(name = "ticket_id", nullable = false)
  private long ticketId;

  @Column(nullable = false)
  private int segment;

  @Column(nullable = false)
  private String channel;

  @Column(name = "agent_id")
  private Long agentId;

  @Column(name = "team_id")
  private Long teamId;

  private String topic;
  private String language;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "send_after", nullable = false)
  private Instant sendAfter;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(nullable = false)
  private boolean cancelled;

  private Integer score;
  private String comment;

  @Column(name = "answered_at")
  private Instant answeredAt;

  protected CsatSurvey() {}

  public CsatSurvey(
      String token, MetricFact.Dimensions d, int segment, Instant createdAt, Instant sendAfter) {
    this.token = token;
    this.ticketId = d.ticketId();
    this.agentId = d.agentId();
    this.teamId = d.teamId();
    this.channel = d.channel();
    this.topic = d.topic();
    this.language = d.language();
    this.segment = segment;
    this.createdAt = createdAt;
    this.sendAfter = sendAfter;
  }

  /**
   * The shopper's answer: a score 1-5 and a comment (kept when a later click gives only a score).
   *
   * @throws IllegalArgumentException for a score outside 1-5
   * @throws IllegalStateException when the survey was not sent, was cancelled, or is too old
   */
  public void answer(int score, String comment, Instant at) {
    if (score < 1 || score > 5) {
      throw new IllegalArgumentException("score is a whole number from 1 to 5");
    }
    if (sentAt == null || cancelled) {
      throw new IllegalStateException("this survey is not open");
    }
    if (at.isAfter(sentAt.plus(java.time.Duration.ofDays(ANSWER_DAYS)))) {
      throw new IllegalStateException(
          "this survey closed " + ANSWER_DAYS + " days after it was sent");
    }
    this.score = score;
    if (comment != null && !comment.isBlank()) {
      this.comment = comment.strip();
    }
    this.answeredAt = at;
  }

  /** Sent now; false when it was sent or cancelled already. */
  public boolean send(Instant at) {
    if (sentAt != null || cancelled) {
      return false;
    }
    sentAt = at;
    return true;
  }

  /** Not sent after all: the ticket was reopened before the survey was due. */
  public void cancel() {
    cancelled = true;
  }

  public Long getId() {
    return id;
  }

  public String getToken() {
    return token;
  }

  public long getTicketId() {
    return ticketId;
  }

  public String getChannel() {
    return channel;
  }

  public String getLanguage() {
    return language;
  }

  public Long getAgentId() {
    return agentId;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public Integer getScore() {
    return score;
  }

  public String getComment() {
    return comment;
  }

  public Instant getAnsweredAt() {
    return answeredAt;
  }
}
