package dev.helpdesk.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives each test run a clean database before the server starts: a fresh PostgreSQL database
 * (created here, dropped when the run ends) or an empty H2 data folder.
 */
public class TestDatabase implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String db = System.getProperty("it.db");
    if (db == null) {
      return;
    }
    wipe(Path.of(System.getProperty("it.data.dir"), db));
    if (db.equals("postgresql")) {
      String name = databaseName();
      run("drop database if exists " + name + " with (force)");
      run("create database " + name + " encoding 'UTF8' template template0");
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if ("postgresql".equals(System.getProperty("it.db"))
        && !Boolean.getBoolean("it.keep.db")) { // -Dit.keep.db=true: left to look at (drop it)
      run("drop database if exists " + databaseName() + " with (force)");
    }
  }

  private static String databaseName() {
    String url = System.getProperty("it.pg.url");
    String name = url.substring(url.lastIndexOf('/') + 1);
    if (!name.matches("[a-z0-9_]+")) {
      throw new IllegalStateException("unexpected test database name " + name);
    }
    return name;
  }

  private static void run(String sql) {
    String url = System.getProperty("it.pg.url");
    String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + admin + ": " + e.getMessage(), e);
    }
  }

  private static void wipe(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
