package dev.helpdesk.application.internal;

import dev.helpdesk.domain.model.agent.Availability;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code agent_connection} table: how many staff sockets each agent has open on each node. Each
 * node writes its own rows (so no two writers race on a row); a row not refreshed within {@link
 * #STALE_SECONDS} belongs to a node that is gone and counts for nothing.
 */
@Stateless
public class AgentConnections {
  public static final int STALE_SECONDS = 60;

  @PersistenceContext EntityManager em;

  /** One agent's presence as colleagues see it. */
  public record AgentState(long id, String name, String state) {}

  /** Sets this node's socket count for one agent (0 removes the row). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void write(String node, long agentId, int sockets) {
    em.createNativeQuery("delete from agent_connection where agent_id = ? and node = ?")
        .setParameter(1, agentId)
        .setParameter(2, node)
        .executeUpdate();
    if (sockets > 0) {
      insert(node, agentId, sockets, Instant.now());
    }
  }

  /** Rewrites all of this node's rows (the heartbeat) and drops rows of nodes long gone. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void rewrite(String node, Map<Long, Integer> sockets) {
    Instant now = Instant.now();
    em.createNativeQuery("delete from agent_connection where node = ? or seen_at < ?")
        .setParameter(1, node)
        .setParameter(2, Timestamp.from(now.minusSeconds(5L * STALE_SECONDS)))
        .executeUpdate();
    sockets.forEach(
        (agent, n) -> {
          if (n > 0) {
            insert(node, agent, n, now);
          }
        });
  }

  private void insert(String node, long agentId, int sockets, Instant now) {
    em.createNativeQuery(
            "insert into agent_connection (agent_id, node, sockets, seen_at) values (?, ?, ?, ?)")
        .setParameter(1, agentId)
        .setParameter(2, node)
        .setParameter(3, sockets)
        .setParameter(4, Timestamp.from(now))
        .executeUpdate();
  }

  /**
   * SQL: agent {@code a} has the workspace open somewhere, on a node seen after parameter 1 ({@link
   * #fresh()}).
   */
  public static final String CONNECTED =
      "exists (select 1 from agent_connection c where c.agent_id = a.id and c.sockets > 0"
          + " and c.seen_at > ?1)";

  /** Active agents whose toggle says ONLINE and who have the workspace open somewhere. */
  public long countOnline() {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from agent a where a.active = true and a.availability = ?2 and "
                        + CONNECTED)
                .setParameter(2, Availability.ONLINE.name())
                .setParameter(1, fresh())
                .getSingleResult())
        .longValue();
  }

  /** Of these agents, those whose toggle says ONLINE and who have the workspace open somewhere. */
  @SuppressWarnings("unchecked")
  public java.util.Set<Long> onlineAmong(java.util.Collection<Long> ids) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object> rows =
        em.createNativeQuery(
                "select a.id from agent a where a.availability = ?2 and a.id in (?3) and "
                    + CONNECTED)
            .setParameter(1, fresh())
            .setParameter(2, Availability.ONLINE.name())
            .setParameter(3, ids)
            .getResultList();
    rows.forEach(r -> out.add(((Number) r).longValue()));
    return out;
  }

  /** Every active agent's state: their toggle while connected, OFFLINE otherwise. */
  public List<AgentState> states() {
    return states(null);
  }

  /** One agent's state, as in {@link #states()} (null if no such active agent). */
  public AgentState state(long agentId) {
    List<AgentState> one = states(agentId);
    return one.isEmpty() ? null : one.get(0);
  }

  private List<AgentState> states(Long onlyAgent) {
    var q =
        em.createNativeQuery(
                "select a.id, a.display_name, a.availability, case when "
                    + CONNECTED
                    + " then 1 else 0 end from agent a where a.active = true"
                    + (onlyAgent == null ? "" : " and a.id = ?2")
                    + " order by a.display_name")
            .setParameter(1, fresh());
    if (onlyAgent != null) {
      q.setParameter(2, onlyAgent);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<AgentState> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      boolean connected = ((Number) r[3]).intValue() == 1;
      out.add(
          new AgentState(
              ((Number) r[0]).longValue(),
              (String) r[1],
              connected ? (String) r[2] : Availability.OFFLINE.name()));
    }
    return out;
  }

  /** The oldest a node's row may be and still count ({@link #STALE_SECONDS}). */
  public static Timestamp fresh() {
    return Timestamp.from(Instant.now().minusSeconds(STALE_SECONDS));
  }
}
