package dev.helpdesk.application;

import dev.helpdesk.domain.model.agent.Availability;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Whether any agent is available for chat: an active agent whose availability is ONLINE (their own
 * toggle). Read at most every 5 s; a change this node makes is seen at once.
 */
@ApplicationScoped
public class Presence {
  private static final long TTL_MS = 5_000;

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;
  @Inject RealtimeHub hub;

  private volatile long online = -1;
  private volatile long readAt;

  public boolean agentsOnline() {
    return onlineAgents() > 0;
  }

  public long onlineAgents() {
    long now = System.currentTimeMillis();
    if (online < 0 || now - readAt > TTL_MS) {
      online =
          em.createQuery(
                  "select count(a) from Agent a where a.active = true and a.availability = :o",
                  Long.class)
              .setParameter("o", Availability.ONLINE)
              .getSingleResult();
      readAt = now;
    }
    return online;
  }

  /**
   * An agent's availability changed: the count is forgotten now and when the transaction ends, and
   * then every open widget hears whether anyone is online.
   */
  public void changed() {
    online = -1;
    if (transactions.getTransactionKey() != null) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              online = -1;
              hub.publish(RealtimeEvent.toConversation("*", "presence", null));
            }
          });
    }
  }
}
