package dev.helpdesk.application.internal;

import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.metrics.MetricFact;
import dev.helpdesk.domain.model.metrics.MetricFact.Kind;
import dev.helpdesk.domain.model.metrics.SlaPolicy;
import dev.helpdesk.domain.model.routing.BusinessHours;
import dev.helpdesk.domain.model.routing.RuleException;
import dev.helpdesk.domain.model.ticket.Ticket;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Records response-time facts as they happen, in the transaction that makes them happen
 * (docs/metrics.md). Only a human agent's public reply ends a wait: automatic messages
 * (acknowledgements, rules' auto-replies, the FAQ bot) never come here.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class MetricFacts {
  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject dev.helpdesk.application.SlaPolicies policies;

  /**
   * A human agent replied in public at {@code at}: the wait that ends (the first response, or a
   * next response) is recorded, then the ticket takes the reply ({@link Ticket#agentReplied}).
   */
  public void replied(Ticket t, Agent agent, Instant at) {
    Instant waited = t.getWaitingSince();
    if (waited != null) {
      Kind kind = t.getFirstResponseAt() == null ? Kind.FIRST_RESPONSE : Kind.NEXT_RESPONSE;
      BusinessHours calendar = calendar(t);
      MetricFact f = new MetricFact(kind, dimensions(t, agent), waited, at, 0, calendar);
      f.judge(policy(t), calendar);
      em.persist(f);
    }
    t.agentReplied(at);
  }

  /**
   * The ticket was just solved: its resolution, for the segment since it was created or reopened.
   */
  public void solved(Ticket t, Agent agent, Instant at) {
    BusinessHours calendar = calendar(t);
    MetricFact f =
        new MetricFact(
            Kind.RESOLUTION,
            dimensions(t, agent != null ? agent : t.getAssignee()),
            t.segmentStartedAt(),
            at,
            t.getReopenCount() + 1,
            calendar);
    f.judge(policy(t), calendar);
    em.persist(f);
    em.persist(
        MetricFact.handle(
            dimensions(t, agent != null ? agent : t.getAssignee()),
            t.segmentStartedAt(),
            at,
            t.getReopenCount() + 1,
            calendar,
            t.getWorkSeconds(),
            t.getWorkBusinessSeconds()));
  }

  /**
   * The ticket's SLA policy: the one a rule applied, else its priority's default, else its team's;
   * null: none.
   */
  private SlaPolicy policy(Ticket t) {
    String name = t.getSlaPolicy();
    if (name == null) {
      List<?> byPriority =
          em.createNativeQuery("select sla_policy from sla_priority_default where priority = ?1")
              .setParameter(1, t.getPriority().name())
              .getResultList();
      name = byPriority.isEmpty() ? null : (String) byPriority.get(0);
    }
    if (name == null && t.getTeam() != null) {
      // a team without a default policy answers one row holding null
      List<?> team =
          em.createNativeQuery("select sla_policy from team where id = ?1")
              .setParameter(1, t.getTeam().getId())
              .getResultList();
      name = team.isEmpty() ? null : (String) team.get(0);
    }
    return name == null ? null : policies.byName(name);
  }

  /** The dimensions a fact or a survey records: the ticket's, as they are now. */
  public static MetricFact.Dimensions dimensions(Ticket t, Agent agent) {
    return new MetricFact.Dimensions(
        t.getId(),
        agent == null ? null : agent.getId(),
        t.getTeam() == null ? null : t.getTeam().getId(),
        t.getChannel().name(),
        t.getTopic(),
        t.getLanguage());
  }

  /** The team's calendar; a ticket without a team, or a calendar that no longer reads: always. */
  private static BusinessHours calendar(Ticket t) {
    if (t.getTeam() == null) {
      return BusinessHours.ALWAYS;
    }
    try {
      return t.getTeam().calendar();
    } catch (RuleException e) {
      return BusinessHours.ALWAYS;
    }
  }
}
