package dev.helpdesk.application;

import dev.helpdesk.domain.model.metrics.MetricFact;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Response-time reports (docs/metrics.md): the recorded facts of a period aggregated by a
 * dimension, each group with its count, median, 90th percentile and mean, in calendar or business
 * seconds. Reads only {@code metric_fact}: no message is scanned for a report.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Metrics {
  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject dev.helpdesk.application.internal.AgentConnections connections;
  @jakarta.inject.Inject Surveys surveys;

  /**
   * The dashboard's live tiles: tickets open now, waiting for us now and the longest wait, agents
   * online, tickets created and solves since {@code since}, and the first responses since then.
   */
  public record Overview(
      long open,
      long waiting,
      Instant oldestWaitingSince,
      long agentsOnline,
      long created,
      long solved,
      Row firstResponse,
      Map<String, Long> openByChannel) {}

  public Overview overview(Caller caller, Instant since, String channel, Long teamId) {
    if (!caller.seesAllTickets()) {
      throw new AccessDeniedException("reports are for managers and admins");
    }
    StringBuilder where = new StringBuilder(" where t.status in ('NEW', 'OPEN')");
    List<Object> params = new ArrayList<>();
    and(where, params, "t.channel", channel);
    and(where, params, "t.team_id", teamId);
    Map<String, Long> byChannel = new java.util.TreeMap<>();
    for (Object o :
        bind(
                em.createNativeQuery(
                    "select t.channel, count(*) from ticket t" + where + " group by t.channel"),
                params)
            .getResultList()) {
      Object[] r = (Object[]) o;
      byChannel.put((String) r[0], ((Number) r[1]).longValue());
    }
    Object[] w =
        (Object[])
            bind(
                    em.createNativeQuery(
                        "select count(*), min(t.waiting_since) from ticket t"
                            + where
                            + " and t.waiting_since is not null"),
                    params)
                .getSingleResult();
    List<Object> since1 = new ArrayList<>(List.of(Timestamp.from(since)));
    StringBuilder created = new StringBuilder(" where t.created_at >= ?1");
    and(created, since1, "t.channel", channel);
    and(created, since1, "t.team_id", teamId);
    long createdCount =
        ((Number)
                bind(em.createNativeQuery("select count(*) from ticket t" + created), since1)
                    .getSingleResult())
            .longValue();
    Filter f = new Filter(channel, teamId, null, null, null);
    Instant now = Instant.now().plusSeconds(1);
    Row solved = total(caller, MetricFact.Kind.RESOLUTION, since, now, false, f);
    Row first = total(caller, MetricFact.Kind.FIRST_RESPONSE, since, now, false, f);
    return new Overview(
        byChannel.values().stream().mapToLong(Long::longValue).sum(),
        ((Number) w[0]).longValue(),
        SlaClock.instant(w[1]),
        connections.countOnline(),
        createdCount,
        solved == null ? 0 : solved.count(),
        first,
        byChannel);
  }

  /** The operations gauges the database knows (the same on every node). */
  public record Gauges(
      long ticketsOpen,
      long ticketsWaiting,
      Instant oldestWaitingSince,
      long outboundQueued,
      long outboundFailed,
      long agentsOnline) {}

  public Gauges gauges() {
    Object[] w =
        (Object[])
            em.createNativeQuery(
                    "select count(*), min(waiting_since) from ticket"
                        + " where status in ('NEW', 'OPEN') and waiting_since is not null")
                .getSingleResult();
    long open =
        ((Number)
                em.createNativeQuery("select count(*) from ticket where status in ('NEW', 'OPEN')")
                    .getSingleResult())
            .longValue();
    Map<String, Long> delivery = new java.util.HashMap<>();
    for (Object o :
        em.createNativeQuery(
                "select delivery_status, count(*) from message"
                    + " where delivery_status in ('QUEUED', 'FAILED') group by delivery_status")
            .getResultList()) {
      Object[] r = (Object[]) o;
      delivery.put((String) r[0], ((Number) r[1]).longValue());
    }
    return new Gauges(
        open,
        ((Number) w[0]).longValue(),
        SlaClock.instant(w[1]),
        delivery.getOrDefault("QUEUED", 0L),
        delivery.getOrDefault("FAILED", 0L),
        connections.countOnline());
  }

  private static Query bind(Query q, List<Object> params) {
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    return q;
  }

  /**
   * How a report groups: {@code key}, the column the rows are grouped by (an id, a code, a number:
   * cheap to sort), then, on the few groups, the {@code label} a reader sees (a name looked up by
   * {@code join}) and the order of the groups. Empty key: one group.
   */
  public record Grouping(String key, String label, String join, String order) {
    static Grouping of(String key) {
      return new Grouping(key, "g.k", "", "g.k");
    }

    /**
     * The grouped query: {@code aggregates} over the rows of {@code from} that {@code where}
     * selects, one row per group: the label, then the aggregates.
     */
    String sql(String aggregates, String from, String where) {
      if (key.isEmpty()) {
        return "select 'all', " + aggregates + " from " + from + " where " + where;
      }
      return "select "
          + label
          + ", g.* from (select "
          + key
          + " as k, "
          + aggregates
          + " from "
          + from
          + " where "
          + where
          + " group by "
          + key
          + ") g"
          + join
          + " order by "
          + order;
    }
  }

  /** What a report may be grouped by. */
  public static final Map<String, Grouping> BY =
      Map.of(
          "none", new Grouping("", "", "", ""),
          "channel", Grouping.of("f.channel"),
          "team",
              new Grouping(
                  "f.team_id",
                  "coalesce(tm.name, '-')",
                  " left join team tm on tm.id = g.k",
                  "coalesce(tm.name, '-')"),
          "agent",
              new Grouping(
                  "f.agent_id",
                  "coalesce(a.display_name, '-')",
                  " left join agent a on a.id = g.k",
                  "coalesce(a.display_name, '-')"),
          "topic", Grouping.of("coalesce(f.topic, 'OTHER')"),
          "language", Grouping.of("coalesce(f.language, '-')"),
          "hour", new Grouping("f.local_hour", "cast(g.k as varchar(2))", "", "g.k"),
          "weekday", new Grouping("f.local_weekday", "cast(g.k as varchar(1))", "", "g.k"),
          "weekday-hour",
              new Grouping(
                  "f.local_weekday * 100 + f.local_hour",
                  "cast(g.k / 100 as varchar(1)) || '-' || cast(mod(g.k, 100) as varchar(2))",
                  "",
                  "g.k"));

  /** Only these facts: null fields do not filter. */
  public record Filter(String channel, Long teamId, Long agentId, String topic, String language) {
    /**
     * Appends the conditions to {@code sql} (rows aliased {@code f}), their values to {@code
     * params}; {@code agentColumn} is the table's agent ({@code agent_id} of a fact, {@code
     * assignee_id} of a ticket).
     */
    void appendTo(StringBuilder sql, List<Object> params, String agentColumn) {
      and(sql, params, "f.channel", channel);
      and(sql, params, "f.team_id", teamId);
      and(sql, params, "f." + agentColumn, agentId);
      and(sql, params, "coalesce(f.topic, 'OTHER')", topic);
      and(sql, params, "f.language", language);
    }
  }

  /**
   * One group: how many waits, their median, 90th percentile and mean in seconds, and the share of
   * those with an SLA target that met it (null: none had one).
   */
  public record Row(
      String key, long count, double median, double p90, double mean, Double slaHitRate) {}

  /** One figure over the whole period, not grouped; null when nothing ended in it. */
  Row total(
      Caller caller,
      MetricFact.Kind kind,
      Instant from,
      Instant to,
      boolean business,
      Filter filter) {
    List<Row> rows =
        report(caller, kind, from, to, "none", business, filter, java.time.ZoneOffset.UTC);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * Besides {@link #BY}: per day, week (from Monday) or month of {@code zone}, by when it ended.
   */
  public static final java.util.Set<String> PERIODS = java.util.Set.of("day", "week", "month");

  /**
   * @param by one of {@link #BY}'s keys, or one of {@link #PERIODS}
   * @param business business seconds (the team's calendar) instead of calendar seconds
   * @param zone for {@code by} day, week or month: the manager's time zone (a region such as
   *     Asia/Riyadh, or UTC); days and weeks are 24-hour and 7-day steps from the first local
   *     midnight (a daylight-saving change moves an hour), months are exact
   */
  public List<Row> report(
      Caller caller,
      MetricFact.Kind kind,
      Instant from,
      Instant to,
      String by,
      boolean business,
      Filter filter,
      java.time.ZoneId zone) {
    if (!caller.seesAllTickets()) {
      throw new AccessDeniedException("reports are for managers and admins");
    }
    java.time.LocalDate first = from.atZone(zone).toLocalDate();
    Grouping group = PERIODS.contains(by) ? period(by, first, zone) : BY.get(by);
    if (group == null) {
      throw new InvalidRequestException(
          "by", "by is one of " + String.join(", ", BY.keySet()) + ", day, week, month");
    }
    String col = business ? "f.business_seconds" : "f.seconds";
    StringBuilder where = new StringBuilder("f.kind = ?1 and f.ended_at >= ?2 and f.ended_at < ?3");
    List<Object> params =
        new ArrayList<>(List.of(kind.name(), Timestamp.from(from), Timestamp.from(to)));
    filter.appendTo(where, params, "agent_id");
    String sql =
        group.sql(
            "count(*) as n, percentile_cont(0.5) within group (order by "
                + col
                + ") as p50, percentile_cont(0.9) within group (order by "
                + col
                + ") as p90, avg(cast("
                + col
                + " as double precision)) as mean,"
                + " avg(case when f.sla_met = true then 1.0 when f.sla_met = false then 0.0 end)"
                + " as hit",
            "metric_fact f",
            where.toString());
    List<Row> out = new ArrayList<>();
    for (Object o : bind(em.createNativeQuery(sql), params).getResultList()) {
      Object[] r = (Object[]) o;
      int a = group.key().isEmpty() ? 1 : 2; // grouped: the label, then the key, then the sums
      long count = ((Number) r[a]).longValue();
      if (count == 0) {
        continue; // no facts at all: an aggregate without groups still answers one row
      }
      out.add(
          new Row(
              PERIODS.contains(by)
                  ? periodLabel(by, first, ((Number) r[0]).intValue())
                  : String.valueOf(r[0]),
              count,
              round(((Number) r[a + 1]).doubleValue()),
              round(((Number) r[a + 2]).doubleValue()),
              round(((Number) r[a + 3]).doubleValue()),
              r[a + 4] == null
                  ? null
                  : Math.round(((Number) r[a + 4]).doubleValue() * 1000) / 1000.0));
    }
    return out;
  }

  /** The grouping per day, week or month of a zone, the first period starting on {@code first}. */
  private static Grouping period(String by, java.time.LocalDate first, java.time.ZoneId zone) {
    String zoneId = zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    if (!zoneId.matches("UTC|[A-Za-z_]+(/[A-Za-z0-9_+-]+)+")) {
      throw new InvalidRequestException("zone", "zone is a region such as Asia/Riyadh, or UTC");
    }
    String epoch = "cast(extract(epoch from f.ended_at) as bigint)";
    return switch (by) {
      case "day" ->
          Grouping.of("(" + epoch + " - " + first.atStartOfDay(zone).toEpochSecond() + ") / 86400");
      case "week" ->
          Grouping.of(
              "("
                  + epoch
                  + " - "
                  + first
                      .with(
                          java.time.temporal.TemporalAdjusters.previousOrSame(
                              java.time.DayOfWeek.MONDAY))
                      .atStartOfDay(zone)
                      .toEpochSecond()
                  + ") / 604800");
      default -> {
        String local = "(f.ended_at at time zone '" + zoneId + "')";
        yield Grouping.of(
            "extract(year from " + local + ") * 100 + extract(month from " + local + ")");
      }
    };
  }

  /** A period group's key as the date its period starts. */
  private static String periodLabel(String by, java.time.LocalDate first, int key) {
    return switch (by) {
      case "day" -> first.plusDays(key).toString();
      case "week" ->
          first
              .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
              .plusWeeks(key)
              .toString();
      default -> java.time.LocalDate.of(key / 100, key % 100, 1).toString();
    };
  }

  /**
   * One day (or week, or month) of the trend: tickets created, and solves (resolution facts);
   * {@code day} is its first day.
   */
  public record Day(java.time.LocalDate day, long created, long solved) {}

  /** The days folded into weeks (from Monday) or months; {@code day} keeps them as they are. */
  public static List<Day> fold(List<Day> days, String bucket) {
    if (bucket == null || bucket.equals("day")) {
      return days;
    }
    Map<java.time.LocalDate, long[]> sums = new java.util.TreeMap<>();
    for (Day d : days) {
      java.time.LocalDate key =
          bucket.equals("week")
              ? d.day()
                  .with(
                      java.time.temporal.TemporalAdjusters.previousOrSame(
                          java.time.DayOfWeek.MONDAY))
              : d.day().withDayOfMonth(1);
      long[] s = sums.computeIfAbsent(key, k -> new long[2]);
      s[0] += d.created();
      s[1] += d.solved();
    }
    List<Day> out = new ArrayList<>();
    sums.forEach((k, s) -> out.add(new Day(k, s[0], s[1])));
    return out;
  }

  /**
   * Tickets created and solved per day of [from, to) in {@code zone} (the manager's): one row per
   * day, days without either included. Days are counted in 24-hour steps from the first midnight,
   * so a daylight-saving change moves an hour between two neighbouring days.
   */
  public List<Day> trend(
      Caller caller, Instant from, Instant to, java.time.ZoneId zone, Filter filter) {
    if (!caller.seesAllTickets()) {
      throw new AccessDeniedException("reports are for managers and admins");
    }
    java.time.LocalDate first = from.atZone(zone).toLocalDate();
    long origin = first.atStartOfDay(zone).toEpochSecond();
    java.time.LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
    int days = (int) java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
    if (days > 400) {
      throw new InvalidRequestException("from", "a trend covers at most 400 days");
    }
    long[] created = perDay("ticket f", "f.created_at", null, from, to, origin, days, filter);
    long[] solved =
        perDay(
            "metric_fact f", "f.ended_at", "f.kind = 'RESOLUTION'", from, to, origin, days, filter);
    List<Day> out = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      out.add(new Day(first.plusDays(i), created[i], solved[i]));
    }
    return out;
  }

  private long[] perDay(
      String table,
      String column,
      String condition,
      Instant from,
      Instant to,
      long origin,
      int days,
      Filter filter) {
    // whole seconds, integer division: numeric arithmetic per row cost PostgreSQL half as much
    // again
    String day = "(cast(extract(epoch from " + column + ") as bigint) - ?1) / 86400";
    // the day is computed once in a derived table: H2 does not see two uses of ?1 as one expression
    StringBuilder sql =
        new StringBuilder("select ")
            .append(day)
            .append(" as d from ")
            .append(table)
            .append(" where ")
            .append(column)
            .append(" >= ?2 and ")
            .append(column)
            .append(" < ?3");
    if (condition != null) {
      sql.append(" and ").append(condition);
    }
    List<Object> params =
        new ArrayList<>(List.of(origin, Timestamp.from(from), Timestamp.from(to)));
    filter.appendTo(sql, params, table.startsWith("metric_fact") ? "agent_id" : "assignee_id");
    String grouped = "select x.d, count(*) from (" + sql + ") x group by x.d";
    long[] out = new long[days];
    for (Object o : bind(em.createNativeQuery(grouped), params).getResultList()) {
      Object[] r = (Object[]) o;
      int i = ((Number) r[0]).intValue();
      if (i >= 0 && i < days) {
        out[i] += ((Number) r[1]).longValue();
      }
    }
    return out;
  }

  /**
   * The period's figures beside the live tiles: tickets created and solved, chats and the chats the
   * shopper solved with an FAQ article (self-served: deflections), chat wait (first response on
   * chats), handle time and CSAT.
   */
  public record Summary(
      long created,
      long solved,
      long chats,
      long selfServed,
      Row chatWait,
      Row handle,
      Surveys.Row csat) {}

  public Summary summary(Caller caller, Instant from, Instant to, boolean business, Filter filter) {
    if (!caller.seesAllTickets()) {
      throw new AccessDeniedException("reports are for managers and admins");
    }
    // tickets created, chats among them: one pass over the period's index entries
    StringBuilder tickets =
        new StringBuilder(
            "select count(*), coalesce(sum(case when f.channel = 'CHAT' then 1 else 0 end), 0)"
                + " from ticket f where f.created_at >= ?1 and f.created_at < ?2");
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    filter.appendTo(tickets, params, "assignee_id");
    Object[] counted =
        (Object[]) bind(em.createNativeQuery(tickets.toString()), params).getSingleResult();
    long created = ((Number) counted[0]).longValue();
    long chatCount = ((Number) counted[1]).longValue();
    StringBuilder solves =
        new StringBuilder(
            "select count(*) from metric_fact f where f.kind = 'RESOLUTION'"
                + " and f.ended_at >= ?1 and f.ended_at < ?2");
    List<Object> solveParams = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    filter.appendTo(solves, solveParams, "agent_id");
    long solved =
        ((Number) bind(em.createNativeQuery(solves.toString()), solveParams).getSingleResult())
            .longValue();
    long selfServed =
        ((Number)
                em.createNativeQuery(
                        "select count(distinct e.ticket_id) from faq_event e"
                            + " where e.kind = 'DEFLECTED' and e.occurred_at >= ?1"
                            + " and e.occurred_at < ?2")
                    .setParameter(1, Timestamp.from(from))
                    .setParameter(2, Timestamp.from(to))
                    .getSingleResult())
            .longValue();
    Filter chat =
        new Filter("CHAT", filter.teamId(), filter.agentId(), filter.topic(), filter.language());
    boolean chatsOnly = filter.channel() == null || filter.channel().equals("CHAT");
    Row wait =
        chatsOnly ? total(caller, MetricFact.Kind.FIRST_RESPONSE, from, to, business, chat) : null;
    Row handle = total(caller, MetricFact.Kind.HANDLE, from, to, business, filter);
    List<Surveys.Row> csat = surveys.report(caller, from, to, "none", filter);
    return new Summary(
        created,
        solved,
        chatsOnly ? chatCount : 0,
        chatsOnly ? selfServed : 0,
        wait,
        handle,
        csat.isEmpty() ? null : csat.get(0));
  }

  static void and(StringBuilder sql, List<Object> params, String column, Object value) {
    if (value != null) {
      params.add(value);
      sql.append(" and ").append(column).append(" = ?").append(params.size());
    }
  }

  private static double round(double d) {
    return Math.round(d * 10) / 10.0;
  }
}
