package dev.helpdesk.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates a year of helpdesk history in PostgreSQL for the dashboard benchmark (issue 8): tickets
 * spread evenly over the last 365 days on every channel, topic and language, their messages, and
 * the facts the reports read (first and next responses, resolutions, handle times, CSAT surveys),
 * as the application records them. The last {@code open} tickets are still open, half of them
 * waiting for us. Ids start at 100,000,000 (the application's sequences stay far below).
 *
 * <p>Set-based SQL ({@code generate_series}), so a million tickets take minutes, not hours. Needs
 * teams and agents to exist (it spreads tickets over all of them).
 *
 * <pre>
 * mvn -q -pl helpdesk-ear test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.helpdesk.bench.DashboardData \
 *   -Dexec.args="jdbc:postgresql://127.0.0.1:5432/helpdesk 1000000 5"
 * </pre>
 */
public final class DashboardData {
  static final long BASE = 100_000_000L;

  private DashboardData() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/helpdesk";
    int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int messages = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      generate(c, tickets, messages, System.out::println);
    }
  }

  /**
   * @param messagesPerTicket messages per ticket (5: five million for a million tickets)
   */
  public static void generate(
      Connection c, int tickets, int messagesPerTicket, java.util.function.Consumer<String> log)
      throws SQLException {
    String teams = array(c, "select id from team order by id");
    String agents = array(c, "select id from agent where active order by id");
    if (teams.equals("array[]::bigint[]") || agents.equals("array[]::bigint[]")) {
      throw new IllegalStateException("create teams and agents first");
    }
    int contacts = Math.max(1, tickets / 3);
    int open = Math.max(1, tickets / 50);
    long seconds = 365L * 86_400;
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      step(
          s,
          log,
          "contacts",
          "insert into contact (id, name, preferred_language, created_at, version, vip)"
              + " select "
              + BASE
              + " + g, 'Shopper ' || g, case when g % 3 = 0 then 'ar' else 'en' end,"
              + " now() - interval '400 days', 0, g % 50 = 0 from generate_series(1, "
              + contacts
              + ") g");
      // ticket g was created at created(g); an answer after fr seconds, solved after res seconds;
      // pseudo-random but repeatable spreads from the ticket number
      String created =
          "now() - make_interval(secs => ("
              + tickets
              + " - g) * "
              + seconds
              + ".0 / "
              + tickets
              + " + 60)";
      step(
          s,
          log,
          "tickets",
          "insert into ticket (id, subject, status, priority, topic, language, team_id,"
              + " assignee_id, contact_id, channel, created_at, updated_at, last_message_at,"
              + " waiting_since, first_response_at, solved_at, message_count, preview, version,"
              + " routed_at, work_since, work_seconds, work_business_seconds, reopen_count)"
              + " select "
              + BASE
              + " + g, 'Question ' || g,"
              + " case when g > "
              + (tickets - open)
              + " then (case when g % 2 = 0 then 'NEW' else 'OPEN' end) else 'SOLVED' end,"
              + " case when g % 20 = 0 then 'HIGH' else 'NORMAL' end,"
              + " (array['CHECKOUT','PAYMENT','SHIPPING','ORDER_STATUS','RETURNS','COUPONS',"
              + "'ACCOUNT','OTHER'])[1 + g % 8],"
              + " case when g % 3 = 0 then 'ar' else 'en' end,"
              + " ("
              + teams
              + ")[1 + g % cardinality("
              + teams
              + ")],"
              + " ("
              + agents
              + ")[1 + (g / 7) % cardinality("
              + agents
              + ")],"
              + BASE
              + " + 1 + g % "
              + contacts
              + ", (array['EMAIL','CHAT','CHAT','WHATSAPP','EMAIL','MESSENGER','INSTAGRAM',"
              + "'TELEGRAM'])[1 + (g * 7) % 8],"
              + " t.created, t.created, t.created + interval '1 hour',"
              + " case when g > "
              + (tickets - open)
              + " and g % 2 = 0 then t.created end,"
              + " case when g <= "
              + (tickets - open)
              + " or g % 2 = 1 then t.created + make_interval(secs => 30 + (g::bigint * 7919) % 7200) end,"
              + " case when g <= "
              + (tickets - open)
              + " then t.created + make_interval(secs => 600 + (g::bigint * 104729) % 172800) end, "
              + messagesPerTicket
              + ", 'Hello, about my order ' || g, 0, t.created, "
              + " case when g > "
              + (tickets - open)
              + " then t.created end, (g * 31) % 3600, (g * 31) % 3600, 0"
              + " from (select g, "
              + created
              + " as created from generate_series(1, "
              + tickets
              + ") g) t");
      step(
          s,
          log,
          "messages",
          "insert into message (id, ticket_id, seq, direction, visibility, channel,"
              + " external_id, author_agent_id, author_contact_id, body_text, sent_at,"
              + " created_at, delivery_status, automatic)"
              + " select "
              + BASE
              + " * 10 + (t.id - "
              + BASE
              + ") * "
              + messagesPerTicket
              + " + n, t.id, n,"
              + " case when n % 2 = 1 then 'INBOUND' else 'OUTBOUND' end, 'PUBLIC', t.channel,"
              + " case when n % 2 = 1 then 'gen-' || t.id || '-' || n end,"
              + " case when n % 2 = 0 then t.assignee_id end,"
              + " case when n % 2 = 1 then t.contact_id end,"
              + " case when n % 2 = 1 then 'Hello, where is my order ' || t.id || '?'"
              + " else 'It ships today, tracking follows.' end,"
              + " t.created_at + make_interval(mins => n * 20), t.created_at + make_interval(mins"
              + " => n * 20), case when n % 2 = 1 then 'RECEIVED' else 'SENT' end, false"
              + " from ticket t cross join generate_series(1, "
              + messagesPerTicket
              + ") n where t.id > "
              + BASE);
      String facts =
          "insert into metric_fact (id, kind, ticket_id, started_at, ended_at, seconds,"
              + " business_seconds, segment, agent_id, team_id, channel, topic, language,"
              + " local_hour, local_weekday, sla_target_seconds, sla_met)"
              + " select %s, '%s', t.id, %s, %s, %s, %s, 1, t.assignee_id, t.team_id,"
              + " t.channel, t.topic, t.language, extract(hour from (%3$s) at time zone"
              + " 'Asia/Riyadh'), extract(isodow from (%3$s) at time zone 'Asia/Riyadh'),"
              + " %s, %s from ticket t where t.id > "
              + BASE
              + " and %s";
      step(
          s,
          log,
          "first responses",
          String.format(
              facts,
              "t.id",
              "FIRST_RESPONSE",
              "t.created_at",
              "t.first_response_at",
              "extract(epoch from t.first_response_at - t.created_at)::bigint",
              "(extract(epoch from t.first_response_at - t.created_at) * 0.6)::bigint",
              "3600",
              "t.first_response_at - t.created_at <= interval '1 hour'",
              "t.first_response_at is not null"));
      step(
          s,
          log,
          "next responses",
          String.format(
              facts,
              "t.id + " + BASE * 2,
              "NEXT_RESPONSE",
              "t.created_at + interval '40 minutes'",
              "t.created_at + interval '40 minutes' + make_interval(secs => (t.id * 13) % 5400)",
              "(t.id * 13) % 5400",
              "((t.id * 13) % 5400) * 6 / 10",
              "null",
              "null",
              "t.status = 'SOLVED'"));
      step(
          s,
          log,
          "resolutions",
          String.format(
              facts,
              "t.id + " + BASE * 4,
              "RESOLUTION",
              "t.created_at",
              "t.solved_at",
              "extract(epoch from t.solved_at - t.created_at)::bigint",
              "(extract(epoch from t.solved_at - t.created_at) * 0.4)::bigint",
              "86400",
              "t.solved_at - t.created_at <= interval '1 day'",
              "t.solved_at is not null"));
      step(
          s,
          log,
          "handle times",
          String.format(
              facts,
              "t.id + " + BASE * 6,
              "HANDLE",
              "t.created_at",
              "t.solved_at",
              "t.work_seconds",
              "t.work_business_seconds",
              "null",
              "null",
              "t.solved_at is not null"));
      step(
          s,
          log,
          "CSAT surveys",
          "insert into csat_survey (id, token, ticket_id, segment, channel, agent_id, team_id,"
              + " topic, language, created_at, send_after, sent_at, cancelled, score, answered_at)"
              + " select t.id, 'gen-' || t.id, t.id, 1, t.channel, t.assignee_id, t.team_id,"
              + " t.topic, t.language, t.solved_at, t.solved_at, t.solved_at + interval '1 hour',"
              + " false, case when t.id % 3 = 0 then 1 + (t.id * 7) % 5 end,"
              + " case when t.id % 3 = 0 then t.solved_at + interval '2 hours' end"
              + " from ticket t where t.id > "
              + BASE
              + " and t.solved_at is not null and t.id % 4 = 0");
      step(s, log, "vacuum analyze", "vacuum analyze");
    }
  }

  private static void step(
      Statement s, java.util.function.Consumer<String> log, String what, String sql)
      throws SQLException {
    long t0 = System.nanoTime();
    int rows = s.executeUpdate(sql);
    log.accept(
        String.format("  %-16s %,10d rows in %5.1f s", what, rows, (System.nanoTime() - t0) / 1e9));
  }

  private static String array(Connection c, String sql) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    return "array["
        + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
        + "]::bigint[]";
  }
}
