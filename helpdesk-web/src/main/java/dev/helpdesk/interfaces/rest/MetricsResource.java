package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.Metrics;
import dev.helpdesk.application.Surveys;
import dev.helpdesk.domain.model.metrics.MetricFact;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Response-time reports for managers (docs/metrics.md): {@code GET
 * /api/v1/metrics/response-times?kind=FIRST_RESPONSE&by=channel&hours=business&from=…&to=…}.
 */
@Path("/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
  @Inject Metrics metrics;
  @Inject Surveys surveys;
  @Inject CurrentCaller caller;

  /**
   * Waits that ended in [from, to) (ISO instants; default the last 30 days), grouped {@code by}
   * none, channel, team, agent, topic, language, hour or weekday (of when the wait began, in the
   * team's time zone), in calendar or business seconds; filters by channel, team, agent, topic,
   * language.
   */
  @GET
  @Path("/response-times")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<Metrics.Row> responseTimes(
      @QueryParam("kind") String kind,
      @QueryParam("by") String by,
      @QueryParam("hours") String hours,
      @QueryParam("zone") String zone,
      @BeanParam ReportParams report) {
    MetricFact.Kind k;
    try {
      k =
          kind == null
              ? MetricFact.Kind.FIRST_RESPONSE
              : MetricFact.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(
          "kind", "kind is FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION or HANDLE");
    }
    String group = by == null ? "none" : by.strip().toLowerCase(Locale.ROOT);
    if (!Metrics.BY.containsKey(group) && !Metrics.PERIODS.contains(group)) {
      throw new BadParameterException(
          "by",
          "by is one of none, channel, team, agent, topic, language, hour, weekday,"
              + " weekday-hour, day, week, month");
    }
    if (hours != null && !hours.equals("business") && !hours.equals("calendar")) {
      throw new BadParameterException("hours", "hours is calendar or business");
    }
    Instant[] p = report.period();
    return metrics.report(
        caller.get(), k, p[0], p[1], group, "business".equals(hours), report.filter(), zone(zone));
  }

  /** An IANA time zone, default UTC; 400 for an unknown one. */
  static java.time.ZoneId zone(String zone) {
    try {
      return zone == null || zone.isBlank()
          ? java.time.ZoneOffset.UTC
          : java.time.ZoneId.of(zone.strip());
    } catch (java.time.DateTimeException e) {
      throw new BadParameterException("zone", "zone is an IANA time zone such as Asia/Riyadh");
    }
  }

  /**
   * Satisfaction surveys sent in [from, to) grouped {@code by} none, channel, team, agent, topic or
   * language: sent, answered, mean score, share satisfied (4-5), response rate.
   */
  @GET
  @Path("/csat")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<Surveys.Row> csat(@QueryParam("by") String by, @BeanParam ReportParams report) {
    String group = by == null ? "none" : by.strip().toLowerCase(Locale.ROOT);
    if (!List.of("none", "channel", "team", "agent", "topic", "language").contains(group)) {
      throw new BadParameterException(
          "by", "by is one of none, channel, team, agent, topic, language");
    }
    Instant[] p = report.period();
    return surveys.report(caller.get(), p[0], p[1], group, report.filter());
  }

  /**
   * Tickets created and solved per day of [from, to) in {@code zone} (IANA, default UTC), or per
   * week (from Monday) or month ({@code by=week|month}).
   */
  @GET
  @Path("/trend")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<Metrics.Day> trend(
      @QueryParam("zone") String zone,
      @QueryParam("by") String by,
      @BeanParam ReportParams report) {
    java.time.ZoneId z = zone(zone);
    if (by != null && !List.of("day", "week", "month").contains(by)) {
      throw new BadParameterException("by", "by is day, week or month");
    }
    Instant[] p = report.period();
    return Metrics.fold(metrics.trend(caller.get(), p[0], p[1], z, report.filter()), by);
  }

  /**
   * The period's figures: created, solved, chats and self-served chats (FAQ deflections), chat
   * wait, handle time, CSAT.
   */
  @GET
  @Path("/summary")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Metrics.Summary summary(
      @QueryParam("hours") String hours, @BeanParam ReportParams report) {
    if (hours != null && !hours.equals("business") && !hours.equals("calendar")) {
      throw new BadParameterException("hours", "hours is calendar or business");
    }
    Instant[] p = report.period();
    return metrics.summary(caller.get(), p[0], p[1], "business".equals(hours), report.filter());
  }

  /**
   * The dashboard's live tiles (docs/metrics.md); {@code since} (an ISO instant, default the start
   * of today in UTC) bounds "created", "solved" and "first response".
   */
  @GET
  @Path("/overview")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Metrics.Overview overview(
      @QueryParam("since") String since,
      @QueryParam("channel") String channel,
      @QueryParam("team") Long team) {
    Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    return metrics.overview(
        caller.get(),
        FaqResource.instant("since", since, today),
        channel == null ? null : channel.strip().toUpperCase(Locale.ROOT),
        team);
  }
}
