package dev.helpdesk.application;

import dev.helpdesk.application.TopicClassifier.Classification;
import dev.helpdesk.application.TopicClassifier.Signals;
import dev.helpdesk.connectors.chat.ChatInbound;
import dev.helpdesk.connectors.email.EmailParser;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.routing.BusinessHours;
import dev.helpdesk.domain.model.routing.RoutingFacts;
import dev.helpdesk.domain.model.routing.Rule;
import dev.helpdesk.domain.model.routing.RuleEngine;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.ticket.Direction;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Routing, on the ticket event after ingest (every channel comes through the same path): a new
 * ticket gets a topic, the admins' rules run on it (team, priority, tags, SLA policy, auto-reply,
 * notices, assignment), then its team's strategy assigns it; each step is written on the ticket's
 * timeline. A ticket's shopper messages 2 and 3 may change a topic the classifier gave (never one
 * an agent set). Routing runs once per ticket ({@code routed_at}, under the ticket's row lock);
 * what a crash between ingest and routing left is routed by {@link RoutingSweep}.
 */
@Stateless
public class Router {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  /** Shopper messages that may still change the classifier's topic. */
  static final int RECLASSIFY_UP_TO = 3;

  static final Duration AUTO_REPLY_PER_CONTACT = Duration.ofHours(1);

  @PersistenceContext EntityManager em;
  @Inject TopicClassifier classifier;
  @Inject RoutingRules rules;
  @Inject dev.helpdesk.application.internal.TopicModels models;
  @Inject dev.helpdesk.application.internal.TeamLoads teamLoads;
  @Inject dev.helpdesk.application.internal.Names names;
  @Inject TicketService tickets;
  @Inject Assignment assignment;
  @Inject OutboundQueue outbound;
  @Inject RealtimeHub hub;
  @Inject Event<TicketEvent> events;
  @Resource SessionContext self;
  @Resource jakarta.transaction.TransactionSynchronizationRegistry transactions;

  /** What the dry run shows: the facts, the topic and what the rules would do. */
  public record DryRun(RoutingFacts facts, Classification topic, RuleEngine.Outcome outcome) {}

  /**
   * Whether tickets are routed automatically ({@code HELPDESK_ROUTING} / {@code
   * -Dhelpdesk.routing}, default {@code on}); off, new tickets wait in the shared queue for hand
   * triage (read on every event, so the routing benchmark can compare both in one run).
   */
  public static boolean enabled() {
    String v = System.getProperty("helpdesk.routing", System.getenv("HELPDESK_ROUTING"));
    return !"off".equalsIgnoreCase(v == null ? "on" : v.strip());
  }

  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketEvent e) {
    if (!enabled()) {
      return;
    }
    try {
      if (e.type() == TicketEvent.Type.TICKET_CREATED && !e.routed()) {
        self.getBusinessObject(Router.class).route(e.ticketId());
      } else if (e.type() == TicketEvent.Type.MESSAGE_ADDED
          && e.messageId() != null
          && e.topicOpen()) {
        self.getBusinessObject(Router.class).reclassify(e.ticketId(), e.messageId());
      }
    } catch (RuntimeException ex) {
      // the ticket is stored; routing is tried again by the sweep
      LOG.warning("routing ticket " + e.ticketId() + " failed, the sweep retries: " + ex);
    }
  }

  /** Routes a ticket once: topic, rules, assignment. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean route(long ticketId) {
    // one flush at commit: no query below needs this routing's own changes (the agents' counts,
    // the contact's history, who is online), and each auto-flush wrote the ticket again
    em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
    Ticket t = em.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
    if (t == null || t.getRoutedAt() != null) {
      return false;
    }
    decide(t, shopperMessages(t), false);
    return true;
  }

  /**
   * Routes a ticket the ingest has just created, inside the ingest's transaction and before its
   * event is fired (see {@code MessageIngestion.announce}): the ticket is written once, already
   * routed, and its one event tells the agents where it went. Saves what routing after commit costs
   * on top of the decision: a transaction, the ticket's lock and reload, its messages read again, a
   * second journal entry. An agent row another transaction holds is passed over, never waited for
   * (the ingest may hold other rows); a failure here fails the ingest, which {@link IngestService}
   * then stores without routing, routed after commit as before.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void routeNew(Ticket t, Message first) {
    if (!enabled() || t.getRoutedAt() != null) {
      return;
    }
    jakarta.persistence.FlushModeType mode = em.getFlushMode();
    // the ticket and its message are written once, at commit, already routed
    em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
    try {
      decide(t, List.of(first), true);
    } finally {
      em.setFlushMode(mode);
    }
  }

  /**
   * Topic, rules, assignment for {@code t}, whose first shopper messages are {@code first}; {@code
   * inside}: within the transaction that created the ticket (no event of its own: the creation's
   * event carries the outcome, and no waiting for an agent row).
   */
  private void decide(Ticket t, List<Message> first, boolean inside) {
    Instant now = Instant.now();
    Map<String, String> meta =
        first.isEmpty() ? Map.of() : Views.MessageView.metadata(first.get(0).getMetadata());
    String text = text(t, first);
    // what routing did, for the timeline: one entry per decision (topic, rules fired, assignment)
    List<String> steps = new java.util.ArrayList<>();
    if (t.getTopicSource() == null) {
      Classification c = classifier.classify(text, t.getLanguage(), signals(t, meta));
      t.classify(c.topic().name(), c.confidence(), "AUTO");
      steps.add("topic " + topicDetail(c));
    }
    List<Rule> compiled = rules.compiled();
    RoutingFacts facts = facts(t, meta, text, compiled.stream().anyMatch(Rule::asksFirstTimeBuyer));
    RuleEngine.Outcome o =
        RuleEngine.run(
            compiled,
            facts,
            t.getTeam() == null ? null : t.getTeam().getId(),
            team -> open(team, now),
            names::team,
            names::agent);
    String before = visible(t);
    apply(t, o, first, now, !inside, steps);
    t.routed(now);
    em.persist(
        new TicketActivity(t, null, TicketActivity.Type.ROUTED, String.join(" · ", steps), now));
    if (!inside && !visible(t).equals(before)) {
      // staff hear of routing when it changed what they see; a topic alone rides on the next event
      events.fire(TicketEvent.of(TicketEvent.Type.TICKET_UPDATED, t, null));
    }
  }

  /**
   * A topic the classifier gave with at least this confidence stays (OTHER excepted): a second
   * message rarely changes a clear first one, and classifying again costs as much as the first
   * time.
   */
  static final double SURE = 0.8;

  static boolean sure(Ticket t) {
    return !Topic.OTHER.name().equals(t.getTopic())
        && t.getTopicConfidence() != null
        && t.getTopicConfidence() >= SURE;
  }

  /**
   * Whether a new message may still change the ticket's topic: routed, the topic the classifier's
   * (not an agent's), among its first messages, and not {@link #sure}. Checked on the event too, so
   * most messages start no routing transaction at all.
   */
  static boolean topicOpen(Ticket t) {
    return t.getRoutedAt() != null
        && "AUTO".equals(t.getTopicSource())
        && t.getMessageCount() <= RECLASSIFY_UP_TO + 1
        && !sure(t);
  }

  /** A shopper's 2nd or 3rd message may change the classifier's topic, unless it was sure. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void reclassify(long ticketId, long messageId) {
    Message m = em.find(Message.class, messageId);
    if (m == null || m.getDirection() != Direction.INBOUND) {
      return;
    }
    Ticket t = m.getTicket();
    if (!topicOpen(t)) {
      return;
    }
    em.lock(t, LockModeType.PESSIMISTIC_WRITE);
    if (reconsider(t, shopperMessages(t))) {
      events.fire(TicketEvent.of(TicketEvent.Type.TICKET_UPDATED, t, null));
    }
  }

  /**
   * {@link #reclassify} inside the ingest's transaction, before the message's event is fired (the
   * event then carries a changed topic): no transaction, lock or event of its own. The ticket is
   * locked by the ingest already.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void reclassifyNew(Ticket t, Message m) {
    if (!enabled() || m.getDirection() != Direction.INBOUND || !topicOpen(t)) {
      return;
    }
    reconsider(t, shopperMessages(t)); // the query writes the new message first (auto flush)
  }

  /** Classifies the ticket again on its first shopper messages; true when the topic changed. */
  private boolean reconsider(Ticket t, List<Message> first) {
    if (first.size() < 2) {
      return false;
    }
    Map<String, String> meta = Views.MessageView.metadata(first.get(0).getMetadata());
    Classification c = classifier.classify(text(t, first), t.getLanguage(), signals(t, meta));
    if (!c.topic().name().equals(t.getTopic())) {
      String was = t.getTopic();
      t.classify(c.topic().name(), c.confidence(), "AUTO");
      em.persist(
          new TicketActivity(
              t,
              null,
              TicketActivity.Type.TOPIC_SET,
              topicDetail(c) + " (was " + was + ")",
              Instant.now()));
      return true;
    }
    return false;
  }

  /**
   * Takes a ticket from its agent and offers it to the team again, if it still waits: {@code
   * silentFor} non-null: nobody answered it for that long since it was assigned; null: its agent
   * went offline (a chat).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean reassign(long ticketId, Duration silentFor, String why) {
    Ticket t = em.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
    Instant now = Instant.now();
    if (t == null
        || t.getAssignee() == null
        || !Assignment.OPEN.contains(t.getStatus())
        || t.getWaitingSince() == null) {
      return false;
    }
    if (silentFor != null
        && (t.getAssignedAt() == null
            || t.getAssignedAt().isAfter(now.minus(silentFor))
            || t.getWaitingSince().isAfter(now.minus(silentFor)))) {
      return false;
    }
    Long previous = t.getAssignee().getId();
    String name = t.getAssignee().getDisplayName();
    t.setAssignee(null);
    teamLoads.forget(); // the agent's load changed
    em.persist(new TicketActivity(t, null, TicketActivity.Type.UNASSIGNED, name + ": " + why, now));
    Assignment.Assigned to = assignment.assign(t, previous, "re-assigned");
    if (to != null) {
      em.persist(new TicketActivity(t, null, TicketActivity.Type.ASSIGNED, to.detail(), now));
    }
    events.fire(TicketEvent.of(TicketEvent.Type.TICKET_UPDATED, t, null));
    return true;
  }

  /**
   * An agent corrects a ticket's topic: it stays (routing will not change it again), and the
   * ticket's text becomes a labelled example the classifier learns from.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Views.TicketDetails correctTopic(Caller caller, long ticketId, String topic) {
    Topic to = Topic.parse(topic);
    if (to == null) {
      throw new InvalidRequestException(
          "topic", "topic is one of " + java.util.Arrays.toString(Topic.values()));
    }
    Ticket t = TicketAccess.visible(em, caller, ticketId);
    em.lock(t, LockModeType.PESSIMISTIC_WRITE);
    String was = t.getTopic();
    Instant now = Instant.now();
    t.classify(to.name(), null, "AGENT");
    String text = text(t, shopperMessages(t));
    if (!text.isBlank() && !to.name().equals(was)) {
      String language =
          t.getLanguage() != null && KnowledgeBase.LANGUAGES.contains(t.getLanguage())
              ? t.getLanguage()
              : KnowledgeBase.languageOf(text, null);
      em.persist(
          new dev.helpdesk.domain.model.routing.TopicExample(
              language,
              to,
              text.length() > 4000 ? text.substring(0, 4000) : text,
              t.getId(),
              caller.agentId(),
              now));
      models.changed();
    }
    em.persist(
        new TicketActivity(
            t,
            em.getReference(dev.helpdesk.domain.model.agent.Agent.class, caller.agentId()),
            TicketActivity.Type.TOPIC_SET,
            to.name() + " (corrected" + (was == null ? "" : ", was " + was) + ")",
            now));
    events.fire(TicketEvent.of(TicketEvent.Type.TICKET_UPDATED, t, null));
    em.flush();
    return tickets.get(caller, ticketId);
  }

  /** What routing would do with a message (nothing is stored). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public DryRun dryRun(
      String text,
      String language,
      Channel channel,
      Long channelAccountId,
      boolean vip,
      boolean firstTimeBuyer,
      String checkoutStep,
      BigDecimal orderValue,
      String orderRef,
      List<Rule> extra) {
    Classification c =
        classifier.classify(text, language, new Signals(checkoutStep != null, orderRef != null));
    String lang = language != null ? language : KnowledgeBase.languageOf(text, null);
    RoutingFacts facts =
        new RoutingFacts(
            channel,
            channelAccountId,
            lang,
            c.topic(),
            text,
            vip,
            firstTimeBuyer,
            checkoutStep,
            orderValue);
    List<Rule> all = new java.util.ArrayList<>(rules.compiled());
    all.addAll(extra);
    Instant now = Instant.now();
    return new DryRun(
        facts,
        c,
        RuleEngine.run(all, facts, null, team -> open(team, now), names::team, names::agent));
  }

  /** Carries out the rules' outcome and the assignment; what was done is added to {@code steps}. */
  private void apply(
      Ticket t,
      RuleEngine.Outcome o,
      List<Message> first,
      Instant now,
      boolean mayWait,
      List<String> steps) {
    for (RuleEngine.Firing f : o.firings()) {
      steps.add("rule “" + f.rule() + "”: " + String.join("; ", f.actions()));
    }
    if (o.teamId() != null) {
      // a reference: the team's row is not read for the ticket (its settings are in the copy)
      t.setTeam(
          teamLoads.team(em, o.teamId()) == null ? null : em.getReference(Team.class, o.teamId()));
    }
    if (o.priority() != null) {
      t.setPriority(o.priority());
    }
    if (!o.tags().isEmpty()) {
      t.getTags().addAll(o.tags());
    }
    if (o.slaPolicy() != null) {
      t.setSlaPolicy(o.slaPolicy());
    }
    Assignment.Assigned assigned =
        o.assign() != null && !o.assign().equals("auto")
            ? assignment.assignTo(t, Long.parseLong(o.assign()), "by rule")
            : assignment.assign(t, null, null, mayWait);
    if (assigned != null) {
      steps.add("assigned to " + assigned.detail());
    } else if (t.getTeam() != null && t.getAssignee() == null) {
      steps.add("waits in the team's queue");
    } else if (t.getTeam() == null && t.getAssignee() == null) {
      steps.add("no team: waits in the shared queue");
    }
    if (o.autoReply() != null) {
      autoReply(t, o.autoReply(), first, now);
    }
    for (String to : o.notices()) {
      afterCommit(
          RealtimeEvent.toAllStaff(
              "notice",
              StaffFeed.JSON.toJson(
                  Map.of(
                      "type",
                      "notice",
                      "ticket",
                      t.getId(),
                      "to",
                      to,
                      "text",
                      "#" + t.getId() + " " + (t.getSubject() == null ? "" : t.getSubject())))));
    }
  }

  /** A rule's notice goes out once the routing has committed (never for a rolled-back one). */
  private void afterCommit(RealtimeEvent notice) {
    dev.helpdesk.application.internal.TransactionEnd.onCommit(
        transactions, () -> hub.publish(notice));
  }

  /** Sends a rule's auto-reply, loop-safe: never to an automatic mail, once an hour per contact. */
  private void autoReply(Ticket t, String text, List<Message> first, Instant now) {
    if (first.isEmpty()) {
      return;
    }
    String meta = first.get(0).getMetadata();
    if (meta != null && meta.contains(EmailParser.AUTOMATIC)) {
      return;
    }
    long recent =
        Acknowledgements.automaticSince(em, t.getContact(), now.minus(AUTO_REPLY_PER_CONTACT));
    if (recent > 0) {
      em.persist(
          new TicketActivity(
              t,
              null,
              TicketActivity.Type.AUTO_REPLY,
              "not sent: the contact had one within the hour",
              now));
      return;
    }
    Message reply = Message.automatic(t, t.getChannel(), expand(text, t, now));
    em.persist(reply);
    em.persist(
        new TicketActivity(t, null, TicketActivity.Type.AUTO_REPLY, "rule auto-reply sent", now));
    outbound.enqueue(reply.getId(), 0);
    events.fire(TicketEvent.of(TicketEvent.Type.MESSAGE_ADDED, t, reply.getId()));
  }

  /** {ref}: the ticket's reference; {opens}: when its team opens next, in the team's time zone. */
  static String expand(String text, Ticket t, Instant now) {
    String out = text.replace("{ref}", "#" + t.getId());
    if (out.contains("{opens}")) {
      BusinessHours h = t.getTeam() == null ? BusinessHours.ALWAYS : t.getTeam().calendar();
      Locale locale = "ar".equals(t.getLanguage()) ? Locale.forLanguageTag("ar") : Locale.ENGLISH;
      out =
          out.replace(
              "{opens}",
              h.nextOpening(now).format(DateTimeFormatter.ofPattern("EEEE HH:mm", locale))
                  + " ("
                  + h.zone().getId()
                  + ")");
    }
    return out;
  }

  boolean open(long teamId, Instant now) {
    var team = teamLoads.team(em, teamId);
    return team == null || team.calendar().isOpen(now);
  }

  /**
   * The facts rules test. Whether the contact had a ticket before is a query (and a flush), asked
   * only when a rule tests {@code firstTimeBuyer}; otherwise it reads as a first-time buyer.
   */
  private RoutingFacts facts(Ticket t, Map<String, String> meta, String text, boolean history) {
    boolean earlier =
        history
            && !em.createQuery(
                    "select x.id from Ticket x where x.contact = :c and x.id <> :id", Long.class)
                .setParameter("c", t.getContact())
                .setParameter("id", t.getId())
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    BigDecimal value = null;
    try {
      String total = meta.get(ChatInbound.CART_TOTAL);
      value = total == null ? null : new BigDecimal(total.strip());
    } catch (NumberFormatException e) {
      value = null;
    }
    return new RoutingFacts(
        t.getChannel(),
        t.getChannelAccount() == null ? null : t.getChannelAccount().getId(),
        t.getLanguage(),
        Topic.parse(t.getTopic()),
        text,
        t.getContact().isVip(),
        !earlier,
        meta.get(InboundMessage.CHECKOUT_STEP),
        value);
  }

  private static Signals signals(Ticket t, Map<String, String> meta) {
    return new Signals(meta.get(InboundMessage.CHECKOUT_STEP) != null, t.getOrderRef() != null);
  }

  private List<Message> shopperMessages(Ticket t) {
    return em.createQuery(
            "select m from Message m where m.ticket = :t and m.direction = :in order by m.sequence",
            Message.class)
        .setParameter("t", t)
        .setParameter("in", Direction.INBOUND)
        .setMaxResults(RECLASSIFY_UP_TO)
        .getResultList();
  }

  /** The subject and the shopper's first messages: what the ticket is about. */
  static String text(Ticket t, List<Message> first) {
    StringBuilder b = new StringBuilder();
    if (t.getSubject() != null) {
      b.append(t.getSubject()).append('\n');
    }
    for (Message m : first) {
      if (m.getText() != null) {
        b.append(m.getText()).append('\n');
      }
    }
    return b.toString().strip();
  }

  /** What routing may change that decides who sees the ticket and how it is listed. */
  private static String visible(Ticket t) {
    return (t.getTeam() == null ? null : t.getTeam().getId())
        + "/"
        + (t.getAssignee() == null ? null : t.getAssignee().getId())
        + "/"
        + t.getPriority()
        + "/"
        + t.getTags();
  }

  private static String topicDetail(Classification c) {
    return c.topic().name() + " (" + Math.round(c.confidence() * 100) + " %)";
  }
}
