package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.Metrics;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The period and filters every report takes ({@code @BeanParam}): {@code from}, {@code to} (ISO
 * instants, default the last 30 days), {@code channel}, {@code team}, {@code agent}, {@code topic},
 * {@code language}. Unreadable values are a 400 naming the parameter.
 */
public class ReportParams {
  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("channel")
  String channel;

  @QueryParam("team")
  String team;

  @QueryParam("agent")
  String agent;

  @QueryParam("topic")
  String topic;

  @QueryParam("language")
  String language;

  /** [from, to); 400 when unreadable or reversed. */
  Instant[] period() {
    Instant t = FaqResource.instant("to", to, Instant.now().plusSeconds(1));
    Instant f = FaqResource.instant("from", from, t.minus(Duration.ofDays(30)));
    if (!f.isBefore(t)) {
      throw new BadParameterException("from", "from must come before to");
    }
    return new Instant[] {f, t};
  }

  Metrics.Filter filter() {
    return new Metrics.Filter(
        upper(channel), id("team", team), id("agent", agent), upper(topic), blank(language));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String upper(String s) {
    return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
  }

  private static Long id(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new BadParameterException(name, name + " is an id (a number)");
    }
  }
}
