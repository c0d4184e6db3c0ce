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
    List<Row> solved = report(caller, MetricFact.Kind.RESOLUTION, since, now, "none", false, f);
    List<Row> first = report(caller, MetricFact.Kind.FIRST_RESPONSE, since, now, "none", false, f);
    return new Overview(
        byChannel.values().stream().mapToLong(Long::longValue).sum(),
        ((Number) w[0]).longValue(),
        SlaClock.instant(w[1]),
        connections.countOnline(),
        createdCount,
        solved.isEmpty() ? 0 : solved.get(0).count(),
        first.isEmpty() ? null : first.get(0),
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

  /** What a report may be grouped by, and the SQL that names each group. */
  public static final Map<String, String[]> BY =
      Map.of(
          "none",
          new String[] {"'all'", ""},
          "channel",
          new String[] {"f.channel", "f.channel"},
          "team",
          new String[] {"coalesce(tm.name, '-')", "tm.name"},
          "agent",
          new String[] {"coalesce(a.display_name, '-')", "a.display_name"},
          "topic",
          new String[] {"coalesce(f.topic, 'OTHER')", "coalesce(f.topic, 'OTHER')"},
          "language",
          new String[] {"coalesce(f.language, '-')", "coalesce(f.language, '-')"},
          "hour",
          new String[] {"cast(f.local_hour as varchar(2))", "f.local_hour"},
          "weekday",
          new String[] {"cast(f.local_weekday as varchar(1))", "f.local_weekday"},
          "weekday-hour",
          new String[] {
            "cast(f.local_weekday as varchar(1)) || '-' || cast(f.local_hour as varchar(2))",
            "f.local_weekday, f.local_hour"
          });

  /** Only these facts: null fields do not filter. */
  public record Filter(String channel, Long teamId, Long agentId, String topic, String language) {}

  /**
   * One group: how many waits, their median, 90th percentile and mean in seconds, and the share of
   * those with an SLA target that met it (null: none had one).
   */
  public record Row(
      String key, long count, double median, double p90, double mean, Double slaHitRate) {}

  /**
   * @param by one of {@link #BY}'s keys
   * @param business business seconds (the team's calendar) instead of calendar seconds
   */
  public List<Row> report(
      Caller caller,
      MetricFact.Kind kind,
      Instant from,
      Instant to,
      String by,
      boolean business,
      Filter filter) {
    if (!caller.seesAllTickets()) {
      throw new AccessDeniedException("reports are for managers and admins");
    }
    String[] group = BY.get(by);
    if (group == null) {
      throw new InvalidRequestException("by", "by is one of " + String.join(", ", BY.keySet()));
    }
    String col = business ? "f.business_seconds" : "f.seconds";
    StringBuilder sql =
        new StringBuilder("select ")
            .append(group[0])
            .append(", count(*), percentile_cont(0.5) within group (order by ")
            .append(col)
            .append("), percentile_cont(0.9) within group (order by ")
            .append(col)
            .append("), avg(cast(")
            .append(col)
            .append(" as double precision)),")
            .append(" avg(case when f.sla_met = true then 1.0 when f.sla_met = false then 0.0 end)")
            .append(" from metric_fact f")
            .append(by.equals("team") ? " left join team tm on tm.id = f.team_id" : "")
            .append(by.equals("agent") ? " left join agent a on a.id = f.agent_id" : "")
            .append(" where f.kind = ?1 and f.ended_at >= ?2 and f.ended_at < ?3");
    List<Object> params =
        new ArrayList<>(List.of(kind.name(), Timestamp.from(from), Timestamp.from(to)));
    and(sql, params, "f.channel", filter.channel());
    and(sql, params, "f.team_id", filter.teamId());
    and(sql, params, "f.agent_id", filter.agentId());
    and(sql, params, "coalesce(f.topic, 'OTHER')", filter.topic());
    and(sql, params, "f.language", filter.language());
    if (!group[1].isEmpty()) {
      sql.append(" group by ").append(group[1]).append(" order by ").append(group[1]);
    }
    List<Row> out = new ArrayList<>();
    for (Object o : bind(em.createNativeQuery(sql.toString()), params).getResultList()) {
      Object[] r = (Object[]) o;
      long count = ((Number) r[1]).longValue();
      if (count == 0) {
        continue; // no facts at all: an aggregate without groups still answers one row
      }
      out.add(
          new Row(
              String.valueOf(r[0]),
              count,
              round(((Number) r[2]).doubleValue()),
              round(((Number) r[3]).doubleValue()),
              round(((Number) r[4]).doubleValue()),
              r[5] == null ? null : Math.round(((Number) r[5]).doubleValue() * 1000) / 1000.0));
    }
    return out;
  }

  /** One day of the trend: tickets created, and solves (resolution facts), that day. */
  public record Day(java.time.LocalDate day, long created, long solved) {}

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
    String day = "floor((extract(epoch from " + column + ") - ?1) / 86400)";
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
    and(sql, params, "f.channel", filter.channel());
    and(sql, params, "f.team_id", filter.teamId());
    if (table.startsWith("metric_fact")) {
      and(sql, params, "f.agent_id", filter.agentId());
      and(sql, params, "coalesce(f.topic, 'OTHER')", filter.topic());
      and(sql, params, "f.language", filter.language());
    } else {
      and(sql, params, "f.assignee_id", filter.agentId());
      and(sql, params, "coalesce(f.topic, 'OTHER')", filter.topic());
      and(sql, params, "f.language", filter.language());
    }
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

  public Summary summary(
      Caller caller, Instant from, Instant to, boolean business, Filter filter, Surveys surveys) {
    List<Day> days = trend(caller, from, to, java.time.ZoneOffset.UTC, filter);
    long created = days.stream().mapToLong(Day::created).sum();
    long solved = days.stream().mapToLong(Day::solved).sum();
    StringBuilder chats =
        new StringBuilder(
            "select count(*) from ticket f where f.channel = 'CHAT' and f.created_at >= ?1"
                + " and f.created_at < ?2");
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    and(chats, params, "f.team_id", filter.teamId());
    and(chats, params, "coalesce(f.topic, 'OTHER')", filter.topic());
    and(chats, params, "f.language", filter.language());
    long chatCount =
        ((Number) bind(em.createNativeQuery(chats.toString()), params).getSingleResult())
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
    List<Row> wait =
        chatsOnly
            ? report(caller, MetricFact.Kind.FIRST_RESPONSE, from, to, "none", business, chat)
            : List.of();
    List<Row> handle = report(caller, MetricFact.Kind.HANDLE, from, to, "none", business, filter);
    List<Surveys.Row> csat = surveys.report(caller, from, to, "none", filter);
    return new Summary(
        created,
        solved,
        chatsOnly ? chatCount : 0,
        chatsOnly ? selfServed : 0,
        wait.isEmpty() ? null : wait.get(0),
        handle.isEmpty() ? null : handle.get(0),
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
