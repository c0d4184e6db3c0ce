package dev.helpdesk.application;

import dev.helpdesk.application.internal.AgentConnections;
import dev.helpdesk.application.internal.AgentConnections.AgentState;
import dev.helpdesk.application.internal.TransactionEnd;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent presence: an agent is ONLINE or AWAY (their own toggle) while they have the workspace open
 * (a staff socket, in any tab, on any node), OFFLINE otherwise. Chat availability is "some agent is
 * ONLINE", read at most every 5 s; a change this node makes is seen at once and pushed to the open
 * widgets ({@code presence}) and to staff ({@code presence} frames with the agent's new state).
 */
@ApplicationScoped
public class Presence {
  private static final long TTL_MS = 5_000;

  /** This node's name in {@code agent_connection}; nodes of a cluster have distinct names. */
  public static final String NODE = System.getProperty("jboss.node.name", "node");

  @Inject AgentConnections connections;
  @Inject dev.helpdesk.application.internal.TeamLoads teamLoads;
  @Resource TransactionSynchronizationRegistry transactions;
  @Inject RealtimeHub hub;

  /** Staff sockets open on this node, per agent. */
  private final Map<Long, Integer> sockets = new ConcurrentHashMap<>();

  private volatile long online = -1;
  private volatile long readAt;

  public boolean agentsOnline() {
    return onlineAgents() > 0;
  }

  public long onlineAgents() {
    long now = System.currentTimeMillis();
    if (online < 0 || now - readAt > TTL_MS) {
      online = connections.countOnline();
      readAt = now;
    }
    return online;
  }

  /** Every active agent with their state, for the workspace's team list. */
  public List<AgentState> states() {
    return connections.states();
  }

  /** A staff socket of this agent opened on this node. */
  public void opened(long agentId) {
    if (sockets.merge(agentId, 1, Integer::sum) == 1) {
      stored(agentId);
    }
  }

  /** A staff socket of this agent closed on this node. */
  public void closed(long agentId) {
    if (sockets.computeIfPresent(agentId, (k, n) -> n > 1 ? n - 1 : null) == null) {
      stored(agentId);
    }
  }

  /** Rewrites this node's rows, so that other nodes keep counting its agents (Housekeeping). */
  public void heartbeat() {
    connections.rewrite(NODE, Map.copyOf(sockets));
  }

  private synchronized void stored(long agentId) {
    connections.write(NODE, agentId, sockets.getOrDefault(agentId, 0));
    online = -1;
    teamLoads.forget();
    announce(connections.state(agentId));
  }

  /**
   * An agent's toggle changed: the count is forgotten now and when the transaction ends; then every
   * open widget hears whether anyone is online and staff hear the agent's state.
   */
  public void changed(long agentId) {
    online = -1;
    teamLoads.forget(); // now and after the transaction
    // read in the changing transaction (its native query flushes the new toggle first)
    AgentState state = connections.state(agentId);
    if (!TransactionEnd.active(transactions)) {
      announce(state);
      return;
    }
    TransactionEnd.then(
        transactions,
        committed -> {
          online = -1;
          if (committed) {
            announce(state);
          }
        });
  }

  private void announce(AgentState s) {
    hub.publish(RealtimeEvent.toConversation("*", "presence", null));
    if (s != null) {
      hub.publish(
          RealtimeEvent.toAllStaff(
              "presence",
              StaffFeed.JSON.toJson(new PresenceFrame("presence", s.id(), s.name(), s.state()))));
    }
  }

  public record PresenceFrame(String type, long agent, String name, String state) {}
}
