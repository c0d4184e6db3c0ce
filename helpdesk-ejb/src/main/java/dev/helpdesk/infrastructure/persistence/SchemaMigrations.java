package dev.helpdesk.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date with Flyway before anything else touches it. Several nodes
 * starting at once are safe: Flyway locks its history table.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {
  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  @Resource(lookup = "java:comp/DefaultDataSource")
  private DataSource ignored; // makes the container wait for the datasource subsystem

  @PostConstruct
  void migrate() {
    DataSource ds = dataSource();
    var result =
        Flyway.configure(SchemaMigrations.class.getClassLoader())
            .dataSource(ds)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            "schema at version "
                + (result.targetSchemaVersion == null
                    ? result.initialSchemaVersion
                    : result.targetSchemaVersion)
                + " on "
                + product(ds)
                + " ("
                + result.migrationsExecuted
                + " migrations applied)");
  }

  /** The database the application runs on, chosen like persistence.xml's: h2 or postgresql. */
  public static String database() {
    return System.getProperty("helpdesk.db", System.getenv().getOrDefault("HELPDESK_DB", "h2"));
  }

  /** The application's datasource, chosen like persistence.xml's. */
  static DataSource dataSource() {
    String db = database();
    try {
      return (DataSource) new InitialContext().lookup("java:jboss/datasources/helpdesk-" + db);
    } catch (NamingException e) {
      throw new IllegalStateException(
          "no datasource java:jboss/datasources/helpdesk-"
              + db
              + " (HELPDESK_DB must be h2 or postgresql)",
          e);
    }
  }

  private static String product(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      return "?";
    }
  }
}
