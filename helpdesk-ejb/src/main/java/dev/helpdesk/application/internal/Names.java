package dev.helpdesk.application.internal;

import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Teams' and agents' names by id, for the summaries the staff stream sends with every ticket event:
 * a ticket's team and agent are references there (routing does not read their rows), and reading
 * them whole for a name was a tenth of what routing added to a ticket (profile of the routing
 * benchmark). An id not seen yet is read on the spot; directory changes on this node forget the
 * names (now and after the changing transaction); another node's renames show within {@link
 * #TTL_MS}. A CDI bean, not an EJB, for the same reason as {@link TeamLoads}.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Names {
  static final long TTL_MS = Long.getLong("helpdesk.names.cache-ms", 10_000);

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;

  private record Known(Map<Long, String> teams, Map<Long, String> agents, long readAt) {}

  private volatile Known known = new Known(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), 0);

  /** The team's name; null when there is no such team. */
  public String team(long id) {
    return name(current().teams(), id, "select t.name from Team t where t.id = :id");
  }

  /** The agent's display name; null when there is no such agent. */
  public String agent(long id) {
    return name(current().agents(), id, "select a.displayName from Agent a where a.id = :id");
  }

  /** A team or an agent changed on this node: their names are read again. */
  public void forget() {
    TransactionEnd.nowAndAtEnd(
        transactions,
        () -> known = new Known(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), 0));
  }

  private Known current() {
    Known k = known;
    long now = System.currentTimeMillis();
    if (now - k.readAt() > TTL_MS) {
      k = new Known(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), now);
      known = k;
    }
    return k;
  }

  private String name(Map<Long, String> names, long id, String query) {
    String n = names.get(id);
    if (n == null) {
      List<String> found =
          em.createQuery(query, String.class).setParameter("id", id).getResultList();
      if (found.isEmpty()) {
        return null;
      }
      n = found.get(0);
      names.put(id, n);
    }
    return n;
  }
}
