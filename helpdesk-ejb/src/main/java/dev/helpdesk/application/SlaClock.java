package dev.helpdesk.application;

import dev.helpdesk.domain.model.metrics.MetricFact.Kind;
import dev.helpdesk.domain.model.metrics.SlaPolicy;
import dev.helpdesk.domain.model.routing.BusinessHours;
import dev.helpdesk.domain.model.routing.RuleException;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SLA clocks of open tickets (docs/metrics.md), run by a timer on every node: works out which
 * target runs on each ticket that changed (the first response, the next response while the shopper
 * waits, else the resolution) and when it warns and is due, in the team's business hours if the
 * policy says so; then announces each warning and breach once (a conditional update decides which
 * node does) on the ticket's timeline and to the staff who may see it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SlaClock {
  static final int BATCH = 500;

  @PersistenceContext EntityManager em;

  /** One tick's work; the staff notices to send once it committed. */
  public List<RealtimeEvent> tick(Instant now) {
    Map<String, SlaPolicy> policies = new HashMap<>();
    for (SlaPolicy p :
        em.createQuery("select p from SlaPolicy p", SlaPolicy.class).getResultList()) {
      policies.put(p.getName(), p);
    }
    // a ticket no longer open has no running clock
    em.createNativeQuery(
            "update ticket set sla_kind = null, sla_warn_at = null, sla_due_at = null"
                + " where sla_due_at is not null and status not in ('NEW', 'OPEN')")
        .executeUpdate();
    List<RealtimeEvent> out = new ArrayList<>();
    if (!policies.isEmpty()) {
      refresh(policies, out);
    }
    announce(now, "sla_warn_at", "sla_warned_at", "warning", TicketActivity.Type.SLA_WARNING, out);
    announce(
        now, "sla_due_at", "sla_breached_at", "breached", TicketActivity.Type.SLA_BREACHED, out);
    return out;
  }

  private void refresh(Map<String, SlaPolicy> policies, List<RealtimeEvent> out) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.id, t.waiting_since, t.first_response_at, t.created_at, t.reopened_at,"
                    + " coalesce(t.sla_policy, pd.sla_policy, tm.sla_policy), tm.time_zone,"
                    + " tm.business_hours, tm.holidays, t.sla_kind, t.sla_due_at, t.updated_at,"
                    + " t.team_id, t.assignee_id"
                    + " from ticket t left join team tm on tm.id = t.team_id"
                    + " left join sla_priority_default pd on pd.priority = t.priority"
                    + " where t.status in ('NEW', 'OPEN')"
                    + " and coalesce(t.sla_policy, pd.sla_policy, tm.sla_policy) is not null"
                    + " and (t.sla_checked_at is null or t.updated_at > t.sla_checked_at)"
                    + " order by t.id")
            .setMaxResults(BATCH)
            .getResultList();
    for (Object[] r : rows) {
      SlaPolicy p = policies.get((String) r[5]);
      Instant waiting = instant(r[1]);
      Kind kind = null;
      Instant start = null;
      Long target = null;
      if (p != null && waiting != null) {
        kind = r[2] == null ? Kind.FIRST_RESPONSE : Kind.NEXT_RESPONSE;
        start = waiting;
        target = p.target(kind);
      }
      if (p != null && target == null) {
        kind = Kind.RESOLUTION;
        start = r[4] != null ? instant(r[4]) : instant(r[3]);
        target = p.target(kind);
      }
      Instant due = null;
      Instant warn = null;
      if (target != null) {
        BusinessHours calendar =
            p.isBusinessHours()
                ? calendar((String) r[6], (String) r[7], (String) r[8])
                : BusinessHours.ALWAYS;
        due = calendar.plus(start, target);
        warn = calendar.plus(start, target * p.getWarnPercent() / 100);
      } else {
        kind = null;
      }
      String k = kind == null ? null : kind.name();
      boolean changed = !Objects.equals(k, r[9]) || !Objects.equals(due, instant(r[10]));
      Timestamp checked = Timestamp.from(instant(r[11]));
      long id = ((Number) r[0]).longValue();
      if (!changed) {
        em.createNativeQuery("update ticket set sla_checked_at = ?1 where id = ?2")
            .setParameter(1, checked)
            .setParameter(2, id)
            .executeUpdate();
        continue;
      }
      em.createNativeQuery(
              "update ticket set sla_kind = ?1, sla_due_at = ?2, sla_warn_at = ?3,"
                  + " sla_warned_at = null, sla_breached_at = null, sla_checked_at = ?4"
                  + " where id = ?5")
          .setParameter(1, k)
          .setParameter(2, due == null ? null : Timestamp.from(due))
          .setParameter(3, warn == null ? null : Timestamp.from(warn))
          .setParameter(4, checked)
          .setParameter(5, id)
          .executeUpdate();
      // the inbox shows the due time beside the ticket
      out.add(notice(id, r[12], r[13], "due", k, due == null ? null : due.toString()));
    }
  }

  private static RealtimeEvent notice(
      long id, Object team, Object assignee, String state, String kind, String due) {
    Map<String, Object> frame = new java.util.LinkedHashMap<>();
    frame.put("type", "sla");
    frame.put("ticket", id);
    frame.put("state", state);
    frame.put("kind", kind);
    frame.put("due", due);
    return RealtimeEvent.toStaff(
        id,
        team == null ? null : ((Number) team).longValue(),
        assignee == null ? null : ((Number) assignee).longValue(),
        "sla",
        StaffFeed.JSON.toJson(frame),
        0);
  }

  private void announce(
      Instant now,
      String when,
      String done,
      String state,
      TicketActivity.Type type,
      List<RealtimeEvent> out) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, team_id, assignee_id, sla_kind, sla_due_at from ticket where "
                    + when
                    + " <= ?1 and "
                    + done
                    + " is null and sla_breached_at is null and status in ('NEW', 'OPEN')")
            .setParameter(1, Timestamp.from(now))
            .setMaxResults(BATCH)
            .getResultList();
    for (Object[] r : rows) {
      long id = ((Number) r[0]).longValue();
      int won =
          em.createNativeQuery(
                  "update ticket set " + done + " = ?1 where id = ?2 and " + done + " is null")
              .setParameter(1, Timestamp.from(now))
              .setParameter(2, id)
              .executeUpdate();
      if (won == 0) {
        continue; // another node announced it
      }
      String kind = (String) r[3];
      Instant due = instant(r[4]);
      em.persist(
          new TicketActivity(
              em.getReference(Ticket.class, id),
              null,
              type,
              kind + (state.equals("warning") ? " due " : " was due ") + due,
              now));
      out.add(notice(id, r[1], r[2], state, kind, due.toString()));
    }
  }

  private static BusinessHours calendar(String zone, String hours, String holidays) {
    try {
      return BusinessHours.parse(hours, holidays, zone);
    } catch (RuleException e) {
      return BusinessHours.ALWAYS;
    }
  }

  /**
   * A timestamp column as the JDBC driver hands it over (H2 and PostgreSQL differ); null stays
   * null.
   */
  static Instant instant(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Timestamp ts) {
      return ts.toInstant();
    }
    if (o instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (o instanceof Instant i) {
      return i;
    }
    return Instant.parse(o.toString());
  }
}
