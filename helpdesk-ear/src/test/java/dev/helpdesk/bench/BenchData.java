package dev.helpdesk.bench;

import dev.helpdesk.domain.model.agent.Team;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Database work of the benchmark, deployed with it: counts and bulk spreading of tickets. */
@Stateless
public class BenchData {
  @PersistenceContext EntityManager em;

  public long tickets() {
    return em.createQuery("select count(t) from Ticket t", Long.class).getSingleResult();
  }

  public long messages(String externalIdPattern) {
    return em.createQuery("select count(m) from Message m where m.externalId like :p", Long.class)
        .setParameter("p", externalIdPattern)
        .getSingleResult();
  }

  public long ticketsWithMessages(String externalIdPattern) {
    return em.createQuery(
            "select count(distinct m.ticket) from Message m where m.externalId like :p", Long.class)
        .setParameter("p", externalIdPattern)
        .getSingleResult();
  }

  /** Three teams, a third of the tickets each; two in five solved. Returns the first team's id. */
  public long spreadOverTeamsAndStatuses() {
    List<Long> teams =
        em.createQuery("select t.id from Team t order by t.id", Long.class).getResultList();
    if (teams.size() < 3) {
      for (int k = teams.size(); k < 3; k++) {
        em.persist(new Team("Bench team " + k, null));
      }
      em.flush();
      teams = em.createQuery("select t.id from Team t order by t.id", Long.class).getResultList();
    }
    for (int k = 0; k < 3; k++) {
      em.createNativeQuery("update ticket set team_id = ?1 where mod(id, 3) = ?2")
          .setParameter(1, teams.get(k))
          .setParameter(2, k)
          .executeUpdate();
    }
    em.createNativeQuery("update ticket set status = 'SOLVED' where mod(id, 5) in (1, 2)")
        .executeUpdate();
    // fresh planner statistics after a bulk load, as autovacuum's analyze would give within a
    // minute
    boolean postgres = "postgresql".equals(System.getProperty("helpdesk.db"));
    em.createNativeQuery(postgres ? "analyze ticket" : "analyze table ticket").executeUpdate();
    return teams.get(0);
  }

  /** Sets the agents' own toggle (as each would in the workspace). */
  public void setAvailability(List<Long> agents, String availability) {
    em.createNativeQuery("update agent set availability = ?1 where id in (?2)")
        .setParameter(1, availability)
        .setParameter(2, agents)
        .executeUpdate();
  }

  /** Tickets stored while routing was off stay unrouted, as hand triage would leave them. */
  public void leaveForHandTriage() {
    em.createNativeQuery("update ticket set routed_at = created_at where routed_at is null")
        .executeUpdate();
  }

  public List<Long> unrouted() {
    return em.createQuery(
            "select t.id from Ticket t where t.routedAt is null order by t.id", Long.class)
        .getResultList();
  }

  /** Of these tickets: how many have a team, how many an agent. */
  public long[] routedOutcome(List<Long> ids) {
    Object[] r =
        em.createQuery(
                "select count(t.team), count(t.assignee) from Ticket t where t.id in :ids",
                Object[].class)
            .setParameter("ids", ids)
            .getSingleResult();
    return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
  }
}
