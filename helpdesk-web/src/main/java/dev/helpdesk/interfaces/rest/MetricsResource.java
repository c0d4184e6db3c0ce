package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.Metrics;
import dev.helpdesk.domain.model.metrics.MetricFact;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
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
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("channel") String channel,
      @QueryParam("team") Long team,
      @QueryParam("agent") Long agent,
      @QueryParam("topic") String topic,
      @QueryParam("language") String language) {
    MetricFact.Kind k;
    try {
      k =
          kind == null
              ? MetricFact.Kind.FIRST_RESPONSE
              : MetricFact.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(
          "kind", "kind is FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION");
    }
    String group = by == null ? "none" : by.strip().toLowerCase(Locale.ROOT);
    if (!Metrics.BY.containsKey(group)) {
      throw new BadParameterException(
          "by", "by is one of none, channel, team, agent, topic, language, hour, weekday");
    }
    if (hours != null && !hours.equals("business") && !hours.equals("calendar")) {
      throw new BadParameterException("hours", "hours is calendar or business");
    }
    Instant t = FaqResource.instant("to", to, Instant.now().plusSeconds(1));
    Instant f = FaqResource.instant("from", from, t.minus(Duration.ofDays(30)));
    if (!f.isBefore(t)) {
      throw new BadParameterException("from", "from must come before to");
    }
    return metrics.report(
        caller.get(),
        k,
        f,
        t,
        group,
        "business".equals(hours),
        new Metrics.Filter(
            channel == null ? null : channel.strip().toUpperCase(Locale.ROOT),
            team,
            agent,
            topic == null ? null : topic.strip().toUpperCase(Locale.ROOT),
            language));
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
