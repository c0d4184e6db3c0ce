package dev.helpdesk.application.internal;

import dev.helpdesk.domain.model.routing.AssignmentStrategy;
import dev.helpdesk.domain.model.routing.BusinessHours;
import dev.helpdesk.domain.model.routing.Candidates.AgentLoad;
import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each team's agents as assignment last read them (who is in it, online or not, their load and
 * languages, when they last got a ticket), and the team's routing settings, kept for {@link
 * #TTL_MS}: routing reads a team once a second at most instead of once per ticket (the reads were a
 * third of a routing decision). What this node changes it sees at once: an assignment here moves
 * the agent's turn and load in the copy; presence, directory and team changes here forget the
 * copies. Another node's changes show within the TTL. Nothing here guards capacity: assignment
 * counts the chosen agent's open tickets again under their row lock, so a stale copy can only
 * change the order in which agents are offered a ticket, never overload one. A CDI bean, not an
 * EJB: routing calls it several times per ticket, and an EJB call's interceptors cost more than the
 * look-up itself.
 */
@jakarta.enterprise.context.ApplicationScoped
public class TeamLoads {
  static final long TTL_MS = Long.getLong("helpdesk.routing.team-cache-ms", 1_000);

  private record Copy(List<AgentLoad> loads, boolean counted, long readAt) {}

  private final Map<Long, Copy> teams = new ConcurrentHashMap<>();

  /**
   * What routing needs of a team (how it assigns, whether it is sticky, its calendar), read as
   * values: the team itself is not loaded as an entity for every ticket routed to it.
   */
  public record TeamRouting(
      AssignmentStrategy assignment, boolean sticky, BusinessHours calendar) {}

  private record Settings(TeamRouting routing, long readAt) {}

  private final Map<Long, Settings> settings = new ConcurrentHashMap<>();

  /**
   * The team's routing settings, from the copy if it is fresh, else read with the caller's entity
   * manager; null when there is no such team.
   *
   * @throws dev.helpdesk.domain.model.routing.RuleException when its calendar cannot be read
   */
  public TeamRouting team(EntityManager em, long teamId) {
    long now = System.currentTimeMillis();
    Settings c = settings.get(teamId);
    if (c == null || now - c.readAt() > TTL_MS) {
      List<Object[]> rows =
          em.createQuery(
                  "select t.assignment, t.sticky, t.businessHours, t.holidays, t.timeZone"
                      + " from Team t where t.id = :id",
                  Object[].class)
              .setParameter("id", teamId)
              .getResultList();
      TeamRouting r =
          rows.isEmpty()
              ? null
              : new TeamRouting(
                  (AssignmentStrategy) rows.get(0)[0],
                  (Boolean) rows.get(0)[1],
                  BusinessHours.parse(
                      (String) rows.get(0)[2], (String) rows.get(0)[3], (String) rows.get(0)[4]));
      c = new Settings(r, now);
      settings.put(teamId, c);
    }
    return c.routing();
  }

  /**
   * The team's agents, from the copy if it is fresh and as {@code counted} (with loads) as asked,
   * else from {@code read}. The list returned is the caller's to change.
   */
  public List<AgentLoad> of(long teamId, boolean counted, Supplier<List<AgentLoad>> read) {
    long now = System.currentTimeMillis();
    Copy c = teams.get(teamId);
    if (c == null || c.counted() != counted || now - c.readAt() > TTL_MS) {
      c = new Copy(List.copyOf(read.get()), counted, now);
      teams.put(teamId, c);
    }
    return new ArrayList<>(c.loads());
  }

  /** This node gave the agent a ticket (a chat or not): their turn and load move in every copy. */
  public void assigned(long agentId, boolean chat, Instant at) {
    teams.replaceAll(
        (team, c) -> {
          List<AgentLoad> loads = c.loads();
          for (int i = 0; i < loads.size(); i++) {
            AgentLoad a = loads.get(i);
            if (a.id() == agentId) {
              List<AgentLoad> moved = new ArrayList<>(loads);
              moved.set(
                  i,
                  new AgentLoad(
                      a.id(),
                      a.languages(),
                      a.skills(),
                      a.online(),
                      a.openTickets() + (chat || !c.counted() ? 0 : 1),
                      a.openChats() + (chat && c.counted() ? 1 : 0),
                      a.capacity(),
                      a.chatCapacity(),
                      at));
              return new Copy(List.copyOf(moved), c.counted(), c.readAt());
            }
          }
          return c; // the agent is not in this team: its copy stays as it is
        });
  }

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Presence or the directory changed on this node: read the teams afresh, now and once the
   * changing transaction has ended (a read in between would keep what it is about to replace).
   */
  public void forget() {
    TransactionEnd.nowAndAtEnd(
        transactions,
        () -> {
          teams.clear();
          settings.clear();
        });
  }
}
