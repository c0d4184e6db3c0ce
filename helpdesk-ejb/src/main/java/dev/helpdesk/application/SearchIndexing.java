package dev.helpdesk.application;

import dev.helpdesk.domain.model.agent.Role;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.massindexing.MassIndexingMonitor;

/**
 * Rebuilds the search indexes (FAQ articles, ticket messages) from the database: after switching
 * the search backend (a new Elasticsearch/OpenSearch cluster starts empty), or when a node's local
 * Lucene index was lost. One run at a time; it runs in the background, searches keep answering from
 * what is indexed meanwhile.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SearchIndexing {
  private static final Logger LOG = Logger.getLogger(SearchIndexing.class.getName());

  @PersistenceUnit EntityManagerFactory emf;

  /** What the last run did; {@code finishedAt} null while it runs. */
  public record Status(
      boolean running, Instant startedAt, Instant finishedAt, long indexed, String error) {}

  private volatile Status status = new Status(false, null, null, 0, null);

  public Status status() {
    return status;
  }

  /** Starts a run unless one is running; the status of the run that is going on either way. */
  public synchronized Status start(Caller caller) {
    if (!caller.has(Role.ADMIN)) {
      throw new AccessDeniedException("rebuilding the search indexes is for admins");
    }
    if (status.running()) {
      return status;
    }
    Instant started = Instant.now();
    AtomicLong done = new AtomicLong();
    status = new Status(true, started, null, 0, null);
    LOG.info("search indexes: rebuilding from the database, started by " + caller.login());
    Search.mapping(emf)
        .scope(Object.class)
        .massIndexer()
        .monitor(new Counting(done))
        .start()
        .whenComplete(
            (ok, failure) -> {
              String error = failure == null ? null : String.valueOf(failure.getMessage());
              status = new Status(false, started, Instant.now(), done.get(), error);
              if (failure == null) {
                LOG.info("search indexes: rebuilt, " + done.get() + " entities indexed");
              } else {
                LOG.log(Level.WARNING, "search indexes: rebuilding failed", failure);
              }
            });
    return status;
  }

  /** Counts what was indexed; the rest of the monitor's events are not needed here. */
  private record Counting(AtomicLong done) implements MassIndexingMonitor {
    @Override
    public void documentsAdded(long increment) {
      done.addAndGet(increment);
    }

    @Override
    public void documentsBuilt(long increment) {}

    @Override
    public void entitiesLoaded(long increment) {}

    @Override
    public void addToTotalCount(long increment) {}

    @Override
    public void indexingCompleted() {}
  }
}
