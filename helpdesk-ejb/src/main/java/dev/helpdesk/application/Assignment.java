package dev.helpdesk.application;

import dev.helpdesk.application.internal.AgentConnections;
import dev.helpdesk.application.internal.TeamLoads;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Availability;
import dev.helpdesk.domain.model.routing.AssignmentStrategy;
import dev.helpdesk.domain.model.routing.Candidates;
import dev.helpdesk.domain.model.routing.Candidates.AgentLoad;
import dev.helpdesk.domain.model.ticket.Ticket;
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
  @jakarta.inject.Inject TeamLoads teamLoads;

  /**
   * Assigns {@code t} (locked by the caller) to an agent of its team with room, unless it has one
   * or the team assigns by hand; {@code skip} an agent not to choose (the one it is taken from).
   *
   * @return the agent and how they were chosen, or null when nobody online has room (the ticket
   *     waits in the team's queue)
   */
  public Assigned assign(Ticket t, Long skip, String why) {
    return assign(t, skip, why, true);
  }

  /**
   * Who got the ticket, and how, for the timeline ({@code Dana (round-robin)}); the caller writes
   * it: a routing decision is one entry on the timeline, a re-assignment its own.
   */
  public record Assigned(Agent agent, String detail) {}

  /**
   * As {@link #assign(Ticket, Long, String)}; without {@code mayWait}, for a caller that may hold
   * other rows (where waiting could deadlock), an agent another transaction holds is passed over,
   * and when every candidate is held it throws {@link AllHeld} instead of waiting.
   */
  public Assigned assign(Ticket t, Long skip, String why, boolean mayWait) {
    if (t.getTeam() == null || t.getAssignee() != null) {
      return null;
    }
    long teamId = t.getTeam().getId(); // the team may be a reference: it is not read
    TeamLoads.TeamRouting team = teamLoads.team(em, teamId);
    if (team == null || team.assignment() == AssignmentStrategy.MANUAL) {
      return null;
    }
    boolean chat = t.getChannel() == Channel.CHAT;
    List<AgentLoad> loads = loads(teamId, team.assignment() == AssignmentStrategy.LEAST_LOADED);
    if (skip != null) {
      loads.removeIf(a -> a.id() == skip);
    }
    Long previous = team.sticky() ? previousAgent(t) : null;
    List<AgentLoad> order =
        Candidates.order(
            team.assignment(),
            loads,
            t.getLanguage(),
            skillsCalledFor(t),
            chat,
            previous,
            team.sticky());
    // first pass: skip agents another routing holds right now (the next in turn is as good, and
    // nobody queues); second pass, if everyone was held: wait for them in order
    for (boolean wait : new boolean[] {false, true}) {
      boolean skipped = false;
      for (AgentLoad candidate : order) {
        Held held = lockAndCount(candidate.id(), wait, chat);
        if (held == null) {
          skipped = true;
          continue;
        }
        if (!held.active() || held.open() >= (chat ? held.chatCapacity() : held.capacity())) {
          continue; // another ticket took the last place while we chose
        }
        Instant now = Instant.now();
        Agent agent = turnTaken(held.id(), now);
        t.setAssignee(agent);
        teamLoads.assigned(held.id(), chat, now);
        String how =
            previous != null && previous == candidate.id()
                ? "sticky: their previous agent"
                : team.assignment().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Assigned(
            agent, held.displayName() + " (" + how + (why == null ? "" : ", " + why) + ")");
      }
      if (!skipped) {
        break;
      }
      if (!mayWait) {
        throw new AllHeld(teamId);
      }
    }
    return null;
  }

  /**
   * The agent (whose row this transaction holds) with their turn taken at {@code now}: a reference,
   * their {@code last_assigned_at} written at once, unless this transaction has loaded them already
   * (then the entity is changed and written with it). Nothing else of theirs is read: the lock
   * statement brought what assignment needs.
   */
  private Agent turnTaken(long agentId, Instant now) {
    Agent agent = em.getReference(Agent.class, agentId);
    if (org.hibernate.Hibernate.isInitialized(agent)) {
      agent.assignedAt(now);
      return agent;
    }
    em.unwrap(org.hibernate.Session.class)
        .doWork(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "update agent set last_assigned_at = ?, version = version + 1"
                          + " where id = ?")) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                ps.setLong(2, agentId);
                ps.executeUpdate();
              }
            });
    return agent;
  }

  /** Every candidate's row was held by another assignment, and the caller may not wait. */
  public static final class AllHeld extends RuntimeException {
    AllHeld(long team) {
      super("every candidate of team " + team + " is being assigned another ticket right now");
    }
  }

  /** Assigns to a named agent (a rule's "assign": an admin's choice, capacity not checked). */
  public Assigned assignTo(Ticket t, long agentId, String why) {
    Agent agent = em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
    if (agent == null || !agent.isActive()) {
      return null;
    }
    Instant now = Instant.now();
    t.setAssignee(agent);
    agent.assignedAt(now);
    teamLoads.assigned(agent.getId(), t.getChannel() == Channel.CHAT, now);
    return new Assigned(agent, agent.getDisplayName() + " (" + why + ")");
  }

  /**
   * A candidate's row, locked, what assignment needs of it, and their open tickets (or chats)
   * counted under that lock.
   */
  private record Held(
      long id, String displayName, boolean active, int capacity, int chatCapacity, long open) {}

  /**
   * The agent's row locked and read ({@code select … for update}; without {@code wait}, {@code skip
   * locked}: null at once when another transaction holds it), then their open tickets (chats, with
   * {@code chat}) counted. Two statements, in this order: a count in the locking statement itself
   * would see the database as it was when that statement began, before the assignment that held the
   * row committed (RoutingIT's 50 parallel tickets caught it: 8 for a capacity of 7); a statement
   * after the lock sees it. Plain JDBC on the transaction's connection (statements the pool keeps
   * prepared): Hibernate built its locking load with {@code skip locked} afresh on every call, and
   * the lock, the count and the agent's load as an entity were half a routing decision.
   */
  private Held lockAndCount(long agentId, boolean wait, boolean chat) {
    String lock =
        "select a.display_name, a.active, a.capacity, a.chat_capacity from agent a where a.id = ?"
            + " for update"
            + (wait ? "" : " skip locked");
    String count =
        "select count(*) from ticket t where t.assignee_id = ? and t.status in (?, ?)"
            + " and t.channel "
            + (chat ? "=" : "<>")
            + " ?";
    return em.unwrap(org.hibernate.Session.class)
        .doReturningWork(
            c -> {
              String name;
              boolean active;
              int capacity;
              int chatCapacity;
              try (var ps = c.prepareStatement(lock)) {
                ps.setLong(1, agentId);
                try (var rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return null; // held by another transaction, or gone
                  }
                  name = rs.getString(1);
                  active = rs.getBoolean(2);
                  capacity = rs.getInt(3);
                  chatCapacity = rs.getInt(4);
                }
              }
              try (var ps = c.prepareStatement(count)) {
                ps.setLong(1, agentId);
                ps.setString(2, TicketStatus.NEW.name());
                ps.setString(3, TicketStatus.OPEN.name());
                ps.setString(4, Channel.CHAT.name());
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return new Held(agentId, name, active, capacity, chatCapacity, rs.getLong(1));
                }
              }
            });
  }

  /**
   * The team's active agents as assignment sees them: online or not, load, languages, skills. Read
   * as plain values (no entities: nothing here is changed, and the chosen agent is read again under
   * its lock). Open tickets are counted when the order depends on them ({@code counted}: least
   * loaded) and for online agents only; otherwise they count as none here, and whether an agent has
   * room is only counted under their lock (round-robin orders by turn alone). From this node's copy
   * when it is fresh ({@link TeamLoads}).
   */
  List<AgentLoad> loads(long teamId, boolean counted) {
    return teamLoads.of(teamId, counted, () -> read(teamId, counted));
  }

  private List<AgentLoad> read(long teamId, boolean counted) {
    // who is in the team and who of them is online, in one statement
    @SuppressWarnings("unchecked")
    List<Object[]> members =
        em.createNativeQuery(
                "select a.id, a.languages, a.skills, a.capacity, a.chat_capacity,"
                    + " a.last_assigned_at, case when a.availability = ?2 and "
                    + AgentConnections.CONNECTED
                    + " then 1 else 0 end from agent a join agent_team m on m.agent_id = a.id"
                    + " where m.team_id = ?3 and a.active = true")
            .setParameter(1, AgentConnections.fresh())
            .setParameter(2, Availability.ONLINE.name())
            .setParameter(3, teamId)
            .getResultList();
    if (members.isEmpty()) {
      return new ArrayList<>();
    }
    Set<Long> online = new HashSet<>();
    for (Object[] m : members) {
      if (((Number) m[6]).intValue() == 1) {
        online.add(((Number) m[0]).longValue());
      }
    }
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
      long id = ((Number) m[0]).longValue();
      int[] c = counts.getOrDefault(id, new int[2]);
      out.add(
          new AgentLoad(
              id,
              Agent.csv((String) m[1]),
              Agent.csv((String) m[2]),
              online.contains(id),
              c[0],
              c[1],
              ((Number) m[3]).intValue(),
              ((Number) m[4]).intValue(),
              SlaClock.instant(m[5])));
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

  /**
   * The agent of the contact's latest other ticket that had one; none, without a query, for a
   * contact this transaction has just created (a first-time shopper has no earlier ticket).
   */
  Long previousAgent(Ticket t) {
    var entry =
        em.unwrap(org.hibernate.engine.spi.SessionImplementor.class)
            .getPersistenceContextInternal()
            .getEntry(t.getContact());
    if (entry != null && !entry.isExistsInDatabase()) {
      return null;
    }
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
