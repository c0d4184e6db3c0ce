package dev.helpdesk.domain.model.routing;

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
 * A labelled question: a built-in one ({@code routing/examples-<lang>.tsv}) or one an agent
 * labelled by correcting a ticket's topic. The classifier keeps them in an index in memory ({@code
 * TopicModels}) and finds the examples nearest a new question, so a correction changes how similar
 * questions are classified from then on.
 */
@Entity
@Table(name = "topic_example")
public class TopicExample {
  @Id
  @GeneratedValue(generator = "topic_example_seq")
  @SequenceGenerator(
      name = "topic_example_seq",
      sequenceName = "topic_example_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String language;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Topic topic;

  @Column(nullable = false)
  private String text;

  @Column(name = "ticket_id")
  private Long ticketId;

  @Column(name = "agent_id")
  private Long agentId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected TopicExample() {}

  public TopicExample(
      String language, Topic topic, String text, Long ticketId, Long agentId, Instant now) {
    this.language = language;
    this.topic = topic;
    this.text = text;
    this.ticketId = ticketId;
    this.agentId = agentId;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getLanguage() {
    return language;
  }

  public Topic getTopic() {
    return topic;
  }

  public String getText() {
    return text;
  }
}
