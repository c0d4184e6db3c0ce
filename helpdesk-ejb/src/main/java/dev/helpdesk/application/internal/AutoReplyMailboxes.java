package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mailboxes that acknowledge new tickets ({@code autoReply=true}), read at most every 10 s (and
 * at once after this node changes a channel account), so that the many tickets of mailboxes without
 * acknowledgements cost no query at all.
 */
@ApplicationScoped
public class AutoReplyMailboxes {
  private static final long TTL_MS = 10_000;

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;

  private volatile Set<Long> ids;
  private volatile long loadedAt;

  public boolean acknowledges(long accountId) {
    return current().contains(accountId);
  }

  public boolean none() {
    return current().isEmpty();
  }

  private Set<Long> current() {
    Set<Long> known = ids;
    return known == null || System.currentTimeMillis() - loadedAt > TTL_MS ? load() : known;
  }

  /**
   * Forgets what it read, now and again when the current transaction ends: the next question reads
   * the accounts as committed.
   */
  public void invalidate() {
    TransactionEnd.nowAndAtEnd(transactions, () -> ids = null);
  }

  private Set<Long> load() {
    List<Object[]> rows =
        em.createQuery(
                "select a.id, a.settings from ChannelAccount a"
                    + " where a.channel = :c and a.active = true",
                Object[].class)
            .setParameter("c", Channel.EMAIL)
            .getResultList();
    Set<Long> out = new HashSet<>();
    for (Object[] r : rows) {
      if (Boolean.parseBoolean(
          ChannelAccount.parseSettings((String) r[1]).getOrDefault("autoReply", "false"))) {
        out.add((Long) r[0]);
      }
    }
    ids = Set.copyOf(out);
    loadedAt = System.currentTimeMillis();
    return ids;
  }
}
