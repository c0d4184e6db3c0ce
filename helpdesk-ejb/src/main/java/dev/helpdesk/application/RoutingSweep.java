package dev.helpdesk.application;

import dev.helpdesk.connectors.spi.Channel;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Every 15 s, on every node (each step re-checks under the ticket's row lock, so nodes never do a
 * step twice):
 *
 * <ul>
 *   <li>routes the tickets routing has not reached 20 s after they were created (a crash between
 *       ingest and routing, a failure);
 *   <li>takes from their agent the tickets nobody answered within their team's {@code
 *       reassign_after_minutes} and offers them to the team again;
 *   <li>returns the waiting chats of agents who went offline (presence) to their team.
 * </ul>
 */
@Singleton
@DependsOn("SchemaMigrations") // its timer fired during the first start's migrations
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoutingSweep {
  private static final Logger LOG = Logger.getLogger(RoutingSweep.class.getName());
  static final Duration ROUTE_AFTER = Duration.ofSeconds(20);

  @PersistenceContext EntityManager em;
  @Inject Router router;
  @Inject dev.helpdesk.application.internal.AgentConnections connections;

  @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
  public void sweep() {
    if (!Router.enabled()) {
      return;
    }
    try {
      run();
    } catch (RuntimeException e) {
      LOG.warning("routing sweep: " + e);
    }
  }

  public void run() {
    Instant now = Instant.now();
    for (Long id :
        em.createQuery(
                "select t.id from Ticket t where t.routedAt is null and t.createdAt < :before"
                    + " order by t.id",
                Long.class)
            .setParameter("before", now.minus(ROUTE_AFTER))
            .setMaxResults(500)
            .getResultList()) {
      router.route(id);
    }
    for (Object[] r :
        em.createQuery(
                "select t.id, tm.reassignAfterMinutes from Ticket t join t.team tm"
                    + " where tm.reassignAfterMinutes is not null and t.assignee is not null"
                    + " and t.status in :open and t.waitingSince is not null",
                Object[].class)
            .setParameter("open", Assignment.OPEN)
            .setMaxResults(500)
            .getResultList()) {
      Duration silent = Duration.ofMinutes((Integer) r[1]);
      router.reassign((Long) r[0], silent, "not answered within " + r[1] + " min");
    }
    List<Object[]> chats =
        em.createQuery(
                "select t.id, t.assignee.id from Ticket t where t.channel = :chat"
                    + " and t.assignee is not null and t.team is not null and t.status in :open"
                    + " and t.waitingSince is not null",
                Object[].class)
            .setParameter("chat", Channel.CHAT)
            .setParameter("open", Assignment.OPEN)
            .setMaxResults(500)
            .getResultList();
    if (!chats.isEmpty()) {
      List<Long> agents = new ArrayList<>();
      chats.forEach(c -> agents.add((Long) c[1]));
      var online = connections.onlineAmong(agents);
      for (Object[] c : chats) {
        if (!online.contains((Long) c[1])) {
          router.reassign((Long) c[0], null, "went offline with the chat waiting");
        }
      }
    }
  }
}
