package dev.helpdesk.application.internal;

import dev.helpdesk.domain.model.routing.Candidates.AgentLoad;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each team's agents as assignment last read them (who is in it, online or not, their load and
 * languages, when they last got a ticket), kept for {@link #TTL_MS}: routing reads a team once a
 * second at most instead of once per ticket (the reads were a third of a routing decision). What
 * this node changes it sees at once: an assignment here moves the agent's turn and load in the
 * copy; presence and directory changes here forget the copies. Another node's changes show within
 * the TTL. Nothing here guards capacity: assignment counts the chosen agent's open tickets again
 * under their row lock, so a stale copy can only change the order in which agents are offered a
 * ticket, never overload one.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TeamLoads {
  static final long TTL_MS = Long.getLong("helpdesk.routing.team-cache-ms", 1_000);

  private record Copy(List<AgentLoad> loads, boolean counted, long readAt) {}

  private final Map<Long, Copy> teams = new ConcurrentHashMap<>();

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
          List<AgentLoad> loads = new ArrayList<>(c.loads());
          for (int i = 0; i < loads.size(); i++) {
            AgentLoad a = loads.get(i);
            if (a.id() == agentId) {
              loads.set(
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
              return new Copy(List.copyOf(loads), c.counted(), c.readAt());
            }
          }
          return c;
        });
  }

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Presence or the directory changed on this node: read the teams afresh, now and once the
   * changing transaction has ended (a read in between would keep what it is about to replace).
   */
  public void forget() {
    TransactionEnd.nowAndAtEnd(transactions, teams::clear);
  }
}
