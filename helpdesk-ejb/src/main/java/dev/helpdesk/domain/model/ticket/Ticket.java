package dev.helpdesk.domain.model.ticket;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.routing.BusinessHours;
import dev.helpdesk.domain.model.routing.RuleException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation with a shopper, across channels. Its id is also its human reference ({@code
 * #1042}). Response-time facts (first response, waiting since, solved) are kept on it as messages
 * arrive so lists and reports never rescan messages. Full-text search goes through its messages'
 * index (their subjects and texts), not through tickets.
 */
@Entity
@Table(name = "ticket")
public class Ticket {
  @Id
  @GeneratedValue(generator = "ticket_seq")
  @SequenceGenerator(
      name = "ticket_seq",
      sequenceName = "ticket_seq",
      initialValue = 1001,
      allocationSize = 50)
  private Long id;

  private String subject;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TicketStatus status = TicketStatus.NEW;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Priority priority = Priority.NORMAL;

  private String topic;

  /** How sure the classifier was (0–1); null when an agent or the widget set the topic. */
  @Column(name = "topic_confidence")
  private Double topicConfidence;

  /** Who set the topic: AUTO (the classifier), AGENT, WIDGET (the shopper chose it). */
  @Column(name = "topic_source")
  private String topicSource;

  /** When routing ran on it; null until then (the sweep routes what a crash left). */
  @Column(name = "routed_at")
  private Instant routedAt;

  /** When it was given to its assignee (re-assignment after silence counts from here). */
  @Column(name = "assigned_at")
  private Instant assignedAt;

  /** The SLA policy a routing rule applied, by name. */
  @Column(name = "sla_policy")
  private String slaPolicy;

  private String language;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "team_id")
  private Team team;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "assignee_id")
  private Agent assignee;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "contact_id")
  private Contact contact;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "channel_account_id")
  private ChannelAccount channelAccount;

  @Column(name = "order_ref")
  private String orderRef;

  @Column(name = "cart_ref")
  private String cartRef;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** When the last message (either way) was added; the inbox sorts on it. */
  @Column(name = "last_message_at", nullable = false)
  private Instant lastMessageAt;

  /** When the shopper's oldest unanswered message arrived; null when nobody waits. */
  @Column(name = "waiting_since")
  private Instant waitingSince;

  @Column(name = "first_response_at")
  private Instant firstResponseAt;

  @Column(name = "solved_at")
  private Instant solvedAt;

  /** When a solved ticket was last opened again (a resolution segment starts), and how often. */
  @Column(name = "reopened_at")
  private Instant reopenedAt;

  /** Since when the ticket waits on us (NEW or OPEN) in this segment; null while it does not. */
  @Column(name = "work_since")
  private Instant workSince;

  /** Handle time of the segment so far: seconds spent NEW or OPEN, calendar and business. */
  @Column(name = "work_seconds", nullable = false)
  private long workSeconds;

  @Column(name = "work_business_seconds", nullable = false)
  private long workBusinessSeconds;

  /** The running SLA target and its due time, kept by the SLA clock (read only here). */
  @Column(name = "sla_kind", insertable = false, updatable = false)
  private String slaKind;

  @Column(name = "sla_due_at", insertable = false, updatable = false)
  private Instant slaDueAt;

  @Column(name = "reopen_count", nullable = false)
  private int reopenCount;

  @Column(name = "message_count", nullable = false)
  private int messageCount;

  /** The latest public message's first line, for the inbox list. */
  private String preview;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "merged_into_id")
  private Ticket mergedInto;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "follow_up_of_id")
  private Ticket followUpOf;

  @ElementCollection
  @CollectionTable(name = "ticket_tag", joinColumns = @JoinColumn(name = "ticket_id"))
  @Column(name = "tag")
  private Set<String> tags = new TreeSet<>();

  @Version private long version;

  protected Ticket() {}

  public Ticket(Contact contact, Channel channel, String subject, Instant now) {
    this.contact = contact;
    this.channel = channel;
    this.subject = subject;
    this.createdAt = now;
    this.updatedAt = now;
    this.lastMessageAt = now;
    this.workSince = now;
  }

  /** Next per-ticket sequence number for a message; callers hold the ticket's row lock. */
  public int nextSequence() {
    return ++messageCount;
  }

  /** A shopper wrote: the ticket waits for us again, and a solved ticket reopens. */
  public void shopperWrote(Instant at) {
    if (waitingSince == null) {
      waitingSince = at;
    }
    if (status == TicketStatus.SOLVED) {
      reopened(at);
    }
    if (status == TicketStatus.SOLVED || status == TicketStatus.PENDING) {
      status = TicketStatus.OPEN;
      solvedAt = null;
      workSince = at;
    }
    touch(at);
  }

  /** An agent replied in public: the first response is recorded once, nobody waits any more. */
  public void agentReplied(Instant at) {
    if (firstResponseAt == null) {
      firstResponseAt = at;
    }
    waitingSince = null;
    if (status == TicketStatus.NEW) {
      status = TicketStatus.OPEN;
    }
    touch(at);
  }

  public void touch(Instant at) {
    if (at.isAfter(lastMessageAt)) {
      lastMessageAt = at;
    }
    updatedAt = Instant.now();
  }

  /**
   * Changes the status. CLOSED is final; SOLVED records when.
   *
   * @throws IllegalStateException when the ticket is closed or merged
   */
  public void changeStatus(TicketStatus next, Instant at) {
    if (status == TicketStatus.CLOSED && next != TicketStatus.CLOSED) {
      throw new IllegalStateException(
          "ticket #" + id + " is closed; a new message opens a follow-up");
    }
    if (mergedInto != null) {
      throw new IllegalStateException("ticket #" + id + " was merged into #" + mergedInto.getId());
    }
    if (next == TicketStatus.SOLVED && status != TicketStatus.SOLVED) {
      solvedAt = at;
    } else if (next.isOpen()) {
      if (status == TicketStatus.SOLVED) {
        reopened(at);
      }
      solvedAt = null;
    }
    boolean working = next == TicketStatus.NEW || next == TicketStatus.OPEN;
    if (working && workSince == null) {
      workSince = at;
    } else if (!working) {
      stopWork(at);
    }
    status = next;
    updatedAt = Instant.now();
  }

  private void reopened(Instant at) {
    reopenedAt = at;
    reopenCount++;
    workSeconds = 0;
    workBusinessSeconds = 0;
  }

  /** The ticket stops waiting on us (pending, solved, closed): the time it did is added up. */
  private void stopWork(Instant at) {
    if (workSince != null && at.isAfter(workSince)) {
      workSeconds += java.time.Duration.between(workSince, at).toSeconds();
      BusinessHours calendar = BusinessHours.ALWAYS;
      if (team != null) {
        try {
          calendar = team.calendar();
        } catch (RuleException e) {
          // a calendar that no longer reads: around the clock
        }
      }
      workBusinessSeconds += calendar.seconds(workSince, at);
    }
    workSince = null;
  }

  /** Handle time of the current segment (docs/metrics.md): seconds it waited on us, so far. */
  public long getWorkSeconds() {
    return workSeconds;
  }

  public long getWorkBusinessSeconds() {
    return workBusinessSeconds;
  }

  /** When the current resolution segment started: created, or last reopened. */
  public Instant segmentStartedAt() {
    return reopenedAt != null ? reopenedAt : createdAt;
  }

  public int getReopenCount() {
    return reopenCount;
  }

  public void mergeInto(Ticket target) {
    this.mergedInto = target;
    stopWork(Instant.now());
    this.status = TicketStatus.CLOSED;
    this.waitingSince = null;
    this.updatedAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public TicketStatus getStatus() {
    return status;
  }

  public Priority getPriority() {
    return priority;
  }

  public void setPriority(Priority priority) {
    this.priority = priority;
    this.updatedAt = Instant.now();
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public Double getTopicConfidence() {
    return topicConfidence;
  }

  public String getTopicSource() {
    return topicSource;
  }

  /** The topic, how sure (null when not the classifier) and who set it. */
  public void classify(String topic, Double confidence, String source) {
    this.topic = topic;
    this.topicConfidence = confidence;
    this.topicSource = source;
  }

  public Instant getAssignedAt() {
    return assignedAt;
  }

  public Instant getRoutedAt() {
    return routedAt;
  }

  public void routed(Instant at) {
    this.routedAt = at;
  }

  /**
   * When the running SLA target is due and which it is (FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION);
   * null while no clock runs: no policy, or the ticket is pending or solved.
   */
  public Instant getSlaDueAt() {
    return working() && slaKind != null ? slaDueAt : null;
  }

  private boolean working() {
    return status == TicketStatus.NEW || status == TicketStatus.OPEN;
  }

  public String getSlaKind() {
    return working() ? slaKind : null;
  }

  public String getSlaPolicy() {
    return slaPolicy;
  }

  public void setSlaPolicy(String slaPolicy) {
    this.slaPolicy = slaPolicy;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public Team getTeam() {
    return team;
  }

  public void setTeam(Team team) {
    this.team = team;
    this.updatedAt = Instant.now();
  }

  public Agent getAssignee() {
    return assignee;
  }

  public void setAssignee(Agent assignee) {
    this.assignee = assignee;
    this.updatedAt = Instant.now();
    this.assignedAt = assignee == null ? null : this.updatedAt;
  }

  public Contact getContact() {
    return contact;
  }

  public Channel getChannel() {
    return channel;
  }

  public ChannelAccount getChannelAccount() {
    return channelAccount;
  }

  public void setChannelAccount(ChannelAccount channelAccount) {
    this.channelAccount = channelAccount;
  }

  public String getOrderRef() {
    return orderRef;
  }

  public void setOrderRef(String orderRef) {
    this.orderRef = orderRef;
  }

  public String getCartRef() {
    return cartRef;
  }

  public void setCartRef(String cartRef) {
    this.cartRef = cartRef;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getLastMessageAt() {
    return lastMessageAt;
  }

  public Instant getWaitingSince() {
    return waitingSince;
  }

  public Instant getFirstResponseAt() {
    return firstResponseAt;
  }

  public Instant getSolvedAt() {
    return solvedAt;
  }

  public String getPreview() {
    return preview;
  }

  public void setPreview(String text) {
    String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    this.preview = flat.length() > 300 ? flat.substring(0, 299) + "…" : flat;
  }

  public int getMessageCount() {
    return messageCount;
  }

  public Ticket getMergedInto() {
    return mergedInto;
  }

  public Ticket getFollowUpOf() {
    return followUpOf;
  }

  public void setFollowUpOf(Ticket followUpOf) {
    this.followUpOf = followUpOf;
  }

  public Set<String> getTags() {
    return tags;
  }
}
