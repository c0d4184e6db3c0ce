package dev.helpdesk.infrastructure.persistence;

import java.util.logging.Logger;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.service.spi.ServiceContributor;

/**
 * JDBC batching where it saves something: on PostgreSQL a batch of inserts is one round trip
 * instead of one per row ({@code hibernate.jdbc.batch_size} in persistence.xml). On H2, the
 * embedded default, there is no round trip to save, and H2's {@code executeBatch} creates an {@code
 * SQLException} on every call (to chain errors into), its stack trace filled through WildFly's
 * 200-frame stacks: a chat message's three short transactions paid for one per table written, a
 * quarter of the memory the chat path allocated (async-profiler, ChatBench). So on H2 every session
 * writes unbatched. The database is chosen as persistence.xml chooses its datasource ({@code
 * -Dhelpdesk.db} / {@code HELPDESK_DB}).
 *
 * <p>Hibernate finds this class through {@code META-INF/services} while it boots the persistence
 * unit, after persistence.xml's properties, which this setting overrides.
 */
public class JdbcBatching implements ServiceContributor {
  private static final Logger LOG = Logger.getLogger(JdbcBatching.class.getName());

  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    if ("h2".equals(SchemaMigrations.database())) {
      builder.applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "1");
      LOG.info("H2: JDBC statements unbatched (nothing to save on an embedded database)");
    }
  }
}
