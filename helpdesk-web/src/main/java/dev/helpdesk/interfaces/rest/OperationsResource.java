package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.Metrics;
import dev.helpdesk.application.OperationsCounters;
import dev.helpdesk.interfaces.websocket.ChatSessions;
import dev.helpdesk.interfaces.websocket.StaffSessions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.time.Duration;
import java.time.Instant;

/**
 * Operations metrics in the Prometheus text format, for a scraper holding an admin's API token
 * ({@code Authorization: Bearer …}): counters of this node since it started, the sockets open on
 * it, and gauges the database knows (docs/metrics.md, "Operations").
 */
@Path("/v1/ops")
public class OperationsResource {
  @Inject OperationsCounters counters;
  @Inject Metrics metrics;
  @Inject ChatSessions chat;
  @Inject StaffSessions staff;

  @GET
  @Path("/metrics")
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  @RolesAllowed("ADMIN")
  public String metrics() {
    OperationsCounters.Snapshot c = counters.snapshot();
    Metrics.Gauges g = metrics.gauges();
    StringBuilder out = new StringBuilder();
    type(
        out,
        "helpdesk_messages_ingested_total",
        "counter",
        "Inbound messages stored on this node since it started, by channel (duplicates apart).");
    c.ingested()
        .forEach(
            (channel, n) ->
                out.append("helpdesk_messages_ingested_total{channel=\"")
                    .append(channel.name())
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    metric(
        out,
        "helpdesk_messages_duplicate_total",
        "counter",
        "Inbound messages delivered again and recognised as stored already.",
        c.duplicates());
    metric(out, "helpdesk_outbound_sent_total", "counter", "Replies sent.", c.sent());
    metric(
        out,
        "helpdesk_outbound_failed_attempts_total",
        "counter",
        "Delivery attempts that failed (retried or given up).",
        c.failedAttempts());
    metric(
        out,
        "helpdesk_outbound_failed_total",
        "counter",
        "Replies given up on (FAILED).",
        c.failed());
    type(
        out,
        "helpdesk_outbound_messages",
        "gauge",
        "Replies waiting in the outbound queue, and replies that failed, in the database.");
    out.append("helpdesk_outbound_messages{status=\"QUEUED\"} ").append(g.outboundQueued());
    out.append("\nhelpdesk_outbound_messages{status=\"FAILED\"} ")
        .append(g.outboundFailed())
        .append('\n');
    metric(out, "helpdesk_tickets_open", "gauge", "Tickets NEW or OPEN.", g.ticketsOpen());
    metric(
        out,
        "helpdesk_queue_depth",
        "gauge",
        "Open tickets waiting for an answer from us.",
        g.ticketsWaiting());
    metric(
        out,
        "helpdesk_queue_oldest_wait_seconds",
        "gauge",
        "How long the longest-waiting ticket has waited.",
        g.oldestWaitingSince() == null
            ? 0
            : Duration.between(g.oldestWaitingSince(), Instant.now()).toSeconds());
    metric(out, "helpdesk_agents_online", "gauge", "Agents online (presence).", g.agentsOnline());
    type(out, "helpdesk_websockets_open", "gauge", "WebSockets open on this node.");
    out.append("helpdesk_websockets_open{endpoint=\"chat\"} ").append(chat.open());
    out.append("\nhelpdesk_websockets_open{endpoint=\"agent\"} ").append(staff.open()).append('\n');
    return out.toString();
  }

  private static void type(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void metric(StringBuilder out, String name, String type, String help, long v) {
    type(out, name, type, help);
    out.append(name).append(' ').append(v).append('\n');
  }
}
