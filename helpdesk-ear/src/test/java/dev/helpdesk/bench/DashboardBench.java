package dev.helpdesk.bench;

import dev.helpdesk.it.Api;
import dev.helpdesk.it.Browser;
import dev.helpdesk.it.Deployments;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 8's benchmark, PostgreSQL only: {@link DashboardData} writes a year of history (1,000,000
 * tickets and 5,000,000 messages by default, {@code -Dbench.dashboard.tickets}), then
 *
 * <ol>
 *   <li>every query the dashboard makes (tiles, period figures, each chart, the heatmap, the agent
 *       table with CSAT) through the REST API as a manager, for the default period (7 days) and for
 *       30 days, {@value #ROUNDS} times each after a warm-up: p50 / p95 / max per query;
 *   <li>the whole dashboard's first load in real chromium: from navigation to every tile, chart and
 *       table drawn ({@code performance.mark('dashboard-loaded')}), {@value #LOADS} loads.
 * </ol>
 *
 * Prints its figures and writes target/bench/postgresql/dashboard-results.txt; asserts nothing
 * about time. {@code mvn verify -Pbench -Ppostgres-only -Dit.test=DashboardBench}.
 */
@Tag("bench")
@ExtendWith(ArquillianExtension.class)
class DashboardBench {
  static final int TICKETS = Integer.getInteger("bench.dashboard.tickets", 1_000_000);
  static final int MESSAGES = Integer.getInteger("bench.dashboard.messages-per-ticket", 5);
  static final int ROUNDS = 30;
  static final int LOADS = 10;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  final StringBuilder out = new StringBuilder();

  void print(String line) {
    System.out.println(line);
    out.append(line).append('\n');
  }

  @Test
  void dashboardQueriesOnAYearOfHistory() throws Exception {
    if (!"postgresql".equals(System.getProperty("it.db"))) {
      System.out.println("DashboardBench measures PostgreSQL: run it with -Ppostgres-only");
      return;
    }
    Api admin = Api.admin(base);
    List<Long> teams = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      teams.add(
          admin
              .post("api/v1/teams", Map.of("name", "Bench team " + i))
              .json()
              .getJsonNumber("id")
              .longValue());
    }
    for (int i = 0; i < 50; i++) {
      Map<String, Object> body = new HashMap<>();
      body.put("login", "bench" + i);
      body.put("displayName", "Agent " + i);
      body.put("password", "agent-password");
      body.put("roles", List.of("AGENT"));
      body.put("teamIds", List.of(teams.get(i % teams.size())));
      admin.post("api/v1/agents", body);
    }
    Map<String, Object> manager = new HashMap<>();
    manager.put("login", "benchmanager");
    manager.put("displayName", "Bench Manager");
    manager.put("password", "manager-password");
    manager.put("roles", List.of("MANAGER"));
    admin.post("api/v1/agents", manager);

    print(
        "Dashboard benchmark, PostgreSQL, "
            + Runtime.getRuntime().availableProcessors()
            + " cores: generating "
            + TICKETS
            + " tickets, "
            + (long) TICKETS * MESSAGES
            + " messages");
    long t0 = System.nanoTime();
    try (Connection c =
        DriverManager.getConnection(System.getProperty("it.pg.url"), "postgres", "")) {
      DashboardData.generate(c, TICKETS, MESSAGES, this::print);
      try (var s = c.createStatement();
          var r =
              s.executeQuery(
                  "select (select count(*) from ticket), (select count(*) from message),"
                      + " (select count(*) from metric_fact), (select count(*) from csat_survey)")) {
        r.next();
        print(
            String.format(
                "  in the database: %,d tickets, %,d messages, %,d facts, %,d surveys (%.0f s)",
                r.getLong(1),
                r.getLong(2),
                r.getLong(3),
                r.getLong(4),
                (System.nanoTime() - t0) / 1e9));
      }
    }

    Api m = Api.token(base, "benchmanager", "manager-password");
    String zone = "Asia/Riyadh";
    String today =
        LocalDate.now(ZoneId.of(zone)).atStartOfDay(ZoneId.of(zone)).toInstant().toString();
    for (int days : new int[] {7, 30}) {
      String from = Instant.now().minusSeconds(86_400L * days).toString();
      String q = "from=" + from + "&hours=calendar";
      Map<String, String> queries = new LinkedHashMap<>();
      queries.put("tiles (overview, today)", "metrics/overview?since=" + today);
      queries.put("period figures (summary)", "metrics/summary?" + q);
      queries.put(
          "chart: first response by hour",
          "metrics/response-times?kind=FIRST_RESPONSE&by=hour&" + q);
      queries.put(
          "chart: by channel", "metrics/response-times?kind=FIRST_RESPONSE&by=channel&" + q);
      queries.put("chart: by topic", "metrics/response-times?kind=FIRST_RESPONSE&by=topic&" + q);
      queries.put("chart: created/solved per day", "metrics/trend?zone=" + zone + "&" + q);
      queries.put("chart: CSAT by channel", "metrics/csat?by=channel&" + q);
      queries.put(
          "heatmap: weekday x hour",
          "metrics/response-times?kind=FIRST_RESPONSE&by=weekday-hour&" + q);
      queries.put("table: by agent", "metrics/response-times?kind=FIRST_RESPONSE&by=agent&" + q);
      queries.put("table: CSAT by agent", "metrics/csat?by=agent&" + q);
      queries.put(
          "business hours, by team",
          "metrics/response-times?kind=RESOLUTION&by=team&from=" + from + "&hours=business");
      print("");
      print(String.format("Queries, period %d days (%d rounds each, ms):", days, ROUNDS));
      print(String.format("  %-34s %8s %8s %8s", "query", "p50", "p95", "max"));
      for (var e : queries.entrySet()) {
        String path = "api/v1/" + e.getValue();
        for (int i = 0; i < 3; i++) {
          check(m.get(path), path);
        }
        double[] ms = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          long s = System.nanoTime();
          check(m.get(path), path);
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        print(
            String.format(
                "  %-34s %8.1f %8.1f %8.1f",
                e.getKey(),
                ms[ROUNDS / 2],
                ms[(int) Math.ceil(ROUNDS * 0.95) - 1],
                ms[ROUNDS - 1]));
      }
    }

    // the first load in a real browser, as a manager opens it: navigation to everything drawn
    ChromeDriver browser = Browser.start(1366, 1800);
    try {
      browser.get(base.toString());
      Browser.waitFor(browser, "login", d -> d.findElement(By.name("login")).isDisplayed());
      browser.findElement(By.name("login")).sendKeys("benchmanager");
      browser.findElement(By.name("password")).sendKeys("manager-password", Keys.ENTER);
      Browser.waitFor(
          browser,
          "workspace",
          d -> !d.findElements(By.cssSelector(".connection.connected")).isEmpty());
      double[] loads = new double[LOADS + 1];
      for (int i = 0; i <= LOADS; i++) {
        browser.get(base + "dashboard.html?lang=" + (i % 2 == 0 ? "en" : "ar"));
        Browser.waitFor(
            browser,
            "dashboard",
            d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        loads[i] =
            ((Number)
                    browser.executeScript(
                        "return performance.getEntriesByName('dashboard-loaded')[0].startTime"))
                .doubleValue();
      }
      Browser.screenshot(browser, "dashboard-bench");
      double[] measured = Arrays.copyOfRange(loads, 1, loads.length); // the first warms up
      Arrays.sort(measured);
      print("");
      print(
          String.format(
              "Dashboard first load in chromium (navigation → all drawn), %d loads, ms: p50 %.0f,"
                  + " p95 %.0f, max %.0f",
              LOADS,
              measured[LOADS / 2],
              measured[(int) Math.ceil(LOADS * 0.95) - 1],
              measured[LOADS - 1]));
    } finally {
      browser.quit();
    }
    write();
  }

  static void check(Api.Response r, String path) {
    if (r.status() != 200) {
      throw new AssertionError(path + " → " + r);
    }
  }

  void write() throws IOException {
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench/postgresql"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("dashboard-results.txt"), out);
  }
}
