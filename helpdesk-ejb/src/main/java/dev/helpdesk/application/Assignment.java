package dev.helpdesk.application;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.routing.AssignmentStrategy;
import dev.helpdesk.domain.model.routing.Candidates;
import dev.helpdesk.domain.model.routing.Candidates.AgentLoad;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives a ticket to one of its team's agents, in the order {@link Candidates} gives (sticky,
 * language, skills, the team's strategy), within the caller's transaction (which holds the ticket's
 * row lock). The guard against overload is the database's: the chosen agent's row is locked and
 * their open tickets (or chats) counted again under that lock, so tickets routed at the same
 * moment, on any node, never push an agent over capacity. An agent whose row another routing holds
 * is passed over for the next in turn ({@code skip locked}), so simultaneous tickets spread over
 * the team instead of queueing on one row; only when every candidate is held does routing wait.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Assignment {
  static final List<TicketStatus> OPEN = List.of(TicketStatus.NEW, TicketStatus.OPEN);

  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject dev.helpdesk.application.internal.AgentConnections connections;

  /**
   * Assigns {@code t} (locked by the caller) to an agent of its team with room, unless it has one
   * or the team assigns by hand; {@code skip} an agent not to choose (the one it is taken from).
   *
   * @return the agent, or null when nobody online has room (the ticket waits in the team's queue)
   */
  public Agent assign(Ticket t, Long skip, String why) {
    return assign(t, skip, why, true);
  }

  /**
   * As {@link #assign(Ticket, Long, String)}; without {@code mayWait}, for a caller that may hold
   * other rows (where waiting could deadlock), an agent another transaction holds is passed over,
   * and when every candidate is held it throws {@link AllHeld} instead of waiting.
   */
  public Agent assign(Ticket t, Long skip, String why, boolean mayWait) {
    Team team = t.getTeam();
    if (team == null
        || t.getAssignee() != null
        || team.getAssignment() == AssignmentStrategy.MANUAL) {
      return null;
    }
    boolean chat = t.getChannel() == Channel.CHAT;
    List<AgentLoad> loads =
        loads(team.getId(), team.getAssignment() == AssignmentStrategy.LEAST_LOADED);
    if (skip != null) {
      loads.removeIf(a -> a.id() == skip);
    }
    Long previous = team.isSticky() ? previousAgent(t) : null;
    List<AgentLoad> order =
        Candidates.order(
            team.getAssignment(),
            loads,
            t.getLanguage(),
            skillsCalledFor(t),
            chat,
            previous,
            team.isSticky());
    // first pass: skip agents another routing holds right now (the next in turn is as good, and
    // nobody queues); second pass, if everyone was held: wait for them in order
    for (boolean wait : new boolean[] {false, true}) {
      boolean skipped = false;
      for (AgentLoad candidate : order) {
        Agent agent = locked(candidate.id(), wait);
        if (agent == null) {
          skipped = true;
          continue;
        }
        if (!agent.isActive()
            || openCount(agent.getId(), chat)
                >= (chat ? agent.getChatCapacity() : agent.getCapacity())) {
          continue; // another ticket took the last place while we chose
        }
        Instant now = Instant.now();
        t.setAssignee(agent);
        agent.assignedAt(now);
        String how =
            previous != null && previous == candidate.id()
                ? "sticky: their previous agent"
                : team.getAssignment().name().toLowerCase(Locale.ROOT).replace('_', '-');
        em.persist(
            new TicketActivity(
                t,
                null,
                TicketActivity.Type.ASSIGNED,
                agent.getDisplayName() + " (" + how + (why == null ? "" : ", " + why) + ")",
                now));
        return agent;
      }
      if (!skipped) {
        break;
      }
      if (!mayWait) {
        throw new AllHeld(team.getId());
      }
    }
    return null;
  }

  /** Every candidate's row was held by another assignment, and the caller may not wait. */
  public static final class AllHeld extends RuntimeException {
    AllHeld(long team) {
      super("every candidate of team " + team + " is being assigned another ticket right now");
    }
  }

  /** Assigns to a named agent (a rule's "assign": an admin's choice, capacity not checked). */
  public Agent assignTo(Ticket t, long agentId, String why) {
    Agent agent = locked(agentId, true);
    if (agent == null || !agent.isActive()) {
      return null;
    }
    Instant now = Instant.now();
    t.setAssignee(agent);
    agent.assignedAt(now);
    em.persist(
        new TicketActivity(
            t, null, TicketActivity.Type.ASSIGNED, agent.getDisplayName() + " (" + why + ")", now));
    return agent;
  }

  /**
   * The agent's row, locked ({@code select … for update}); without {@code wait}, null at once when
   * another transaction holds it ({@code skip locked}).
   */
  private Agent locked(long agentId, boolean wait) {
    return em.find(
        Agent.class,
        agentId,
        LockModeType.PESSIMISTIC_WRITE,
        wait ? Map.of() : Map.of("jakarta.persistence.lock.timeout", SKIP_LOCKED));
  }

  /** Hibernate's lock timeout for {@code skip locked} (LockOptions.SKIP_LOCKED). */
  private static final int SKIP_LOCKED = -2;

  /**
   * The team's active agents as assignment sees them: online or not, load, languages, skills. Read
   * as plain values (no entities: nothing here is changed, and the chosen agent is read again under
   * its lock). Open tickets are counted when the order depends on them ({@code counted}: least
   * loaded) and for online agents only; otherwise they count as none here, and whether an agent has
   * room is only counted under their lock (round-robin orders by turn alone).
   */
  List<AgentLoad> loads(long teamId, boolean counted) {
    List<Object[]> members =
        em.createQuery(
                "select a.id, a.languages, a.skills, a.capacity, a.chatCapacity, a.lastAssignedAt"
                    + " from Agent a join a.teams t where t.id = :team and a.active = true",
                Object[].class)
            .setParameter("team", teamId)
            .getResultList();
    if (members.isEmpty()) {
      return new ArrayList<>();
    }
    Set<Long> online = connections.onlineAmong(members.stream().map(m -> (Long) m[0]).toList());
    Map<Long, int[]> counts = new HashMap<>();
    if (counted && !online.isEmpty()) {
      for (Object[] r :
          em.createQuery(
                  "select t.assignee.id, t.channel, count(t) from Ticket t"
                      + " where t.assignee.id in :ids and t.status in :open"
                      + " group by t.assignee.id, t.channel",
                  Object[].class)
              .setParameter("ids", online)
              .setParameter("open", OPEN)
              .getResultList()) {
        int[] c = counts.computeIfAbsent((Long) r[0], k -> new int[2]);
        c[r[1] == Channel.CHAT ? 1 : 0] += ((Number) r[2]).intValue();
      }
    }
    List<AgentLoad> out = new ArrayList<>();
    for (Object[] m : members) {
      long id = (Long) m[0];
      int[] c = counts.getOrDefault(id, new int[2]);
      out.add(
          new AgentLoad(
              id,
              Agent.csv((String) m[1]),
              Agent.csv((String) m[2]),
              online.contains(id),
              c[0],
              c[1],
              (Integer) m[3],
              (Integer) m[4],
              (Instant) m[5]));
    }
    return out;
  }

  /** The skills a ticket calls for: its topic ({@code payment}, …) and its tags. */
  static Set<String> skillsCalledFor(Ticket t) {
    Set<String> out = new HashSet<>();
    if (t.getTopic() != null) {
      out.add(t.getTopic().toLowerCase(Locale.ROOT));
    }
    t.getTags().forEach(tag -> out.add(tag.toLowerCase(Locale.ROOT)));
    return out;
  }

  long openCount(long agentId, boolean chat) {
    return em.createQuery(
            "select count(t) from Ticket t where t.assignee.id = :a and t.status in :open and "
                + (chat ? "t.channel = :chat" : "t.channel <> :chat"),
            Long.class)
        .setParameter("a", agentId)
        .setParameter("open", OPEN)
        .setParameter("chat", Channel.CHAT)
        .getSingleResult();
  }

  /** The agent of the contact's latest other ticket that had one. */
  Long previousAgent(Ticket t) {
    List<Long> ids =
        em.createQuery(
                "select x.assignee.id from Ticket x where x.contact = :c and x.id <> :id"
                    + " and x.assignee is not null order by x.createdAt desc",
                Long.class)
            .setParameter("c", t.getContact())
            .setParameter("id", t.getId())
            .setMaxResults(1)
            .getResultList();
    return ids.isEmpty() ? null : ids.get(0);
  }
}
