package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Response-time facts end to end (docs/metrics.md): recorded as an agent replies and solves,
 * whatever automatic messages went before, and aggregated by the report API.
 */
@ExtendWith(ArquillianExtension.class)
public class MetricsIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;
  Api agent;
  long agentId;
  long rule;
  final String run = Long.toString(System.nanoTime(), 36);
  final String started = Instant.now().minusSeconds(5).toString();

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
    Map<String, Object> body = new HashMap<>();
    body.put("login", "mia" + run);
    body.put("displayName", "Mia " + run);
    body.put("password", "agent-password");
    body.put("roles", List.of("AGENT"));
    Api.Response r = admin.post("api/v1/agents", body);
    assertEquals(201, r.status(), r.toString());
    agentId = r.json().getJsonNumber("id").longValue();
    agent = Api.token(base, "mia" + run, "agent-password");
    // an automatic answer to every message of this test: it must not count as a response
    Api.Response created =
        admin.post(
            "api/v1/routing/rules",
            Map.of(
                "name", "Thanks " + run,
                "conditions",
                    List.of(Map.of("field", "keywords", "op", "any", "values", List.of(run))),
                "actions",
                    List.of(Map.of("type", "autoReply", "value", "We got your message {ref}."))));
    assertEquals(201, created.status(), created.toString());
    rule = created.json().getJsonNumber("id").longValue();
  }

  @AfterEach
  void tearDown() {
    admin.delete("api/v1/routing/rules/" + rule);
  }

  long inbound(String text) {
    return inbound(text, "metrics-" + run);
  }

  long inbound(String text, String conversation) {
    Map<String, Object> body = new HashMap<>();
    body.put("externalId", run + "-" + System.nanoTime());
    body.put("conversationId", conversation);
    body.put("from", Map.of("email", "nour." + run + "@example.com", "name", "Nour"));
    body.put("text", text + " " + run);
    Api.Response r = admin.post("api/v1/inbound", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  void reply(long ticket, String status) {
    Map<String, Object> body = new HashMap<>(Map.of("text", "On it: " + run));
    if (status != null) {
      body.put("status", status);
    }
    Api.Response r = agent.post("api/v1/tickets/" + ticket + "/replies", body);
    assertEquals(202, r.status(), r.toString()); // accepted: queued for delivery
  }

  JsonArray report(String kind, String more) {
    Api.Response r =
        admin.get(
            "api/v1/metrics/response-times?kind="
                + kind
                + "&by=agent&agent="
                + agentId
                + "&from="
                + started
                + more);
    assertEquals(200, r.status(), r.toString());
    return (JsonArray) r.structure();
  }

  static long count(JsonArray rows) {
    return rows.isEmpty() ? 0 : rows.getJsonObject(0).getJsonNumber("count").longValue();
  }

  @Test
  void firstNextAndResolutionTimesAreRecordedAsTheyHappenAndReported() throws Exception {
    long id = inbound("Where is my order 7781?");
    // the rule's auto-reply goes out; the shopper still waits for a person
    Poll.until(
        () -> admin.get("api/v1/tickets/" + id).json(),
        t -> t.getJsonArray("activities").toString().contains("AUTO_REPLY"),
        "the auto-reply");
    Thread.sleep(1_100);
    reply(id, null);
    JsonArray first = report("FIRST_RESPONSE", "");
    assertEquals(1, count(first), first.toString());
    JsonObject row = first.getJsonObject(0);
    assertEquals("Mia " + run, row.getString("key"));
    assertTrue(
        row.getJsonNumber("median").doubleValue() >= 1,
        "measured from the shopper's message, not the auto-reply: " + row);

    // the shopper writes again: the next reply is a next response; solving records a resolution
    inbound("Thanks, and can I change the address?");
    reply(id, "SOLVED");
    assertEquals(1, count(report("NEXT_RESPONSE", "")));
    assertEquals(1, count(report("RESOLUTION", "")));

    // a reopened ticket does not restart the first response; its second solve is a new segment
    inbound("It came to the old address after all");
    reply(id, "SOLVED");
    assertEquals(1, count(report("FIRST_RESPONSE", "")), "still one first response");
    assertEquals(2, count(report("NEXT_RESPONSE", "")));
    assertEquals(2, count(report("RESOLUTION", "")));

    // the same facts by channel, in business hours (no team: always open, so the same count)
    Api.Response byChannel =
        admin.get(
            "api/v1/metrics/response-times?kind=NEXT_RESPONSE&by=channel&hours=business&agent="
                + agentId
                + "&from="
                + started);
    assertEquals(200, byChannel.status(), byChannel.toString());
    JsonObject api = ((JsonArray) byChannel.structure()).getJsonObject(0);
    assertEquals("API", api.getString("key"));
    assertEquals(2, api.getJsonNumber("count").longValue());
  }

  @Test
  void aTicketOfATeamWithoutAnSlaPolicyIsMeasuredWithoutATarget() {
    long id = inbound("Do you gift wrap?");
    Api.Response team = admin.post("api/v1/teams", Map.of("name", "Wrap " + run));
    assertEquals(201, team.status(), team.toString());
    long teamId = team.json().getJsonNumber("id").longValue();
    assertEquals(
        200, admin.put("api/v1/agents/" + agentId, Map.of("teamIds", List.of(teamId))).status());
    assertEquals(
        200, admin.put("api/v1/tickets/" + id + "/team", Map.of("teamId", teamId)).status());
    reply(id, "SOLVED");
    JsonArray first = report("FIRST_RESPONSE", "&team=" + teamId);
    assertEquals(1, count(first), first.toString());
    JsonObject row = first.getJsonObject(0);
    assertTrue(!row.containsKey("slaHitRate") || row.isNull("slaHitRate"), row.toString());
    assertEquals(1, count(report("RESOLUTION", "&team=" + teamId)));
  }

  /**
   * Handle time counts only the time the ticket waited on us: a ticket set PENDING (waiting on the
   * shopper) for two seconds and then solved has a handle time shorter than its resolution. The
   * trend, the period summary and the hour × weekday heatmap count it.
   */
  @Test
  void handleTimeLeavesOutPendingAndThePeriodFiguresCountTheTicket() throws Exception {
    long id = inbound("Can I pay on delivery?");
    assertEquals(
        200, admin.put("api/v1/tickets/" + id + "/assignee", Map.of("agentId", agentId)).status());
    reply(id, "PENDING");
    Thread.sleep(2_100);
    assertEquals(
        200, agent.put("api/v1/tickets/" + id + "/status", Map.of("status", "SOLVED")).status());
    JsonObject resolution = report("RESOLUTION", "").getJsonObject(0);
    JsonObject handle = report("HANDLE", "").getJsonObject(0);
    assertEquals(1, handle.getJsonNumber("count").longValue());
    assertTrue(
        resolution.getJsonNumber("median").doubleValue()
                - handle.getJsonNumber("median").doubleValue()
            >= 2,
        "two pending seconds are not handle time: " + resolution + " vs " + handle);

    // per day in the manager's zone: today has the ticket created and solved
    Api.Response trend =
        admin.get("api/v1/metrics/trend?zone=Asia/Riyadh&agent=" + agentId + "&from=" + started);
    assertEquals(200, trend.status(), trend.toString());
    JsonArray days = (JsonArray) trend.structure();
    JsonObject today = days.getJsonObject(days.size() - 1);
    assertEquals(
        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Riyadh")).toString(),
        today.getString("day"));
    assertEquals(1, today.getJsonNumber("created").longValue(), today.toString());
    assertEquals(1, today.getJsonNumber("solved").longValue(), today.toString());
    assertEquals(400, admin.get("api/v1/metrics/trend?zone=Mars/Olympus").status(), "unknown zone");
    // the resolution time per day and per month of the manager's zone
    java.time.LocalDate riyadh = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Riyadh"));
    for (String by : List.of("day", "month")) {
      JsonArray rows =
          (JsonArray)
              admin
                  .get(
                      "api/v1/metrics/response-times?kind=RESOLUTION&by="
                          + by
                          + "&zone=Asia/Riyadh&agent="
                          + agentId
                          + "&from="
                          + started)
                  .structure();
      assertEquals(1, rows.size(), rows.toString());
      assertEquals(
          (by.equals("day") ? riyadh : riyadh.withDayOfMonth(1)).toString(),
          rows.getJsonObject(0).getString("key"));
    }

    JsonObject summary =
        admin.get("api/v1/metrics/summary?agent=" + agentId + "&from=" + started).json();
    assertEquals(1, summary.getJsonNumber("solved").longValue(), summary.toString());
    assertEquals(1, summary.getJsonObject("handle").getJsonNumber("count").longValue());

    // the heatmap's cells: weekday-hour of when the shopper wrote
    Api.Response heat =
        admin.get(
            "api/v1/metrics/response-times?kind=FIRST_RESPONSE&by=weekday-hour&agent="
                + agentId
                + "&from="
                + started);
    assertEquals(200, heat.status(), heat.toString());
    JsonArray cells = (JsonArray) heat.structure();
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
    String key = now.getDayOfWeek().getValue() + "-" + now.getHour();
    assertTrue(
        cells.toString().contains("\"key\":\"" + key + "\""),
        "a cell for today at this hour (UTC, no team): " + cells);
  }

  /** Several agents of one team: each reply counts for whoever gave it, in the team's report. */
  @Test
  void eachAgentsRepliesAreTheirOwnInTheTeamsReport() {
    long teamId =
        admin
            .post("api/v1/teams", Map.of("name", "Duo " + run))
            .json()
            .getJsonNumber("id")
            .longValue();
    Api noor = admin.newAgent("noor" + run, "Noor " + run, List.of(teamId));
    assertEquals(
        200, admin.put("api/v1/agents/" + agentId, Map.of("teamIds", List.of(teamId))).status());
    long one = inbound("Is the blue kettle back in stock?", "duo-1-" + run);
    long two = inbound("Can I change my delivery slot?", "duo-2-" + run);
    long three = inbound("Where do I enter a gift card?", "duo-3-" + run);
    for (long id : new long[] {one, two, three}) {
      assertEquals(
          200, admin.put("api/v1/tickets/" + id + "/team", Map.of("teamId", teamId)).status());
    }
    reply(one, null);
    reply(two, null);
    assertEquals(
        202,
        noor.post("api/v1/tickets/" + three + "/replies", Map.of("text", "Top right.")).status());
    JsonArray rows =
        (JsonArray)
            admin
                .get(
                    "api/v1/metrics/response-times?kind=FIRST_RESPONSE&by=agent&team="
                        + teamId
                        + "&from="
                        + started)
                .structure();
    assertEquals(2, rows.size(), rows.toString());
    Map<String, Long> counts = new HashMap<>();
    for (var v : rows) {
      counts.put(
          v.asJsonObject().getString("key"), v.asJsonObject().getJsonNumber("count").longValue());
    }
    assertEquals(Map.of("Mia " + run, 2L, "Noor " + run, 1L), counts);
  }

  @Test
  void reportsAreForManagersAndBadParametersAreNamed() {
    assertEquals(403, agent.get("api/v1/metrics/response-times").status());
    assertEquals(403, agent.get("api/v1/metrics/overview").status());
    Api.Response since = admin.get("api/v1/metrics/overview?since=noon");
    assertEquals(400, since.status(), since.toString());
    Api.Response by = admin.get("api/v1/metrics/response-times?by=colour");
    assertEquals(400, by.status(), by.toString());
    assertTrue(by.body().contains("by is one of"), by.body());
    Api.Response kind = admin.get("api/v1/metrics/response-times?kind=FASTEST");
    assertEquals(400, kind.status(), kind.toString());
    Api.Response team = admin.get("api/v1/metrics/csat?team=payments");
    assertEquals(400, team.status(), team.toString());
    assertTrue(team.body().contains("team is an id"), team.body());
    Api.Response from = admin.get("api/v1/metrics/response-times?from=yesterday");
    assertEquals(400, from.status(), from.toString());
    Api.Response order =
        admin.get(
            "api/v1/metrics/response-times?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
    assertEquals(400, order.status(), order.toString());
    // nothing measured in a period: no rows, not an error
    Api.Response empty =
        admin.get(
            "api/v1/metrics/response-times?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z");
    assertEquals(200, empty.status(), empty.toString());
    assertEquals("[]", empty.body().strip());
  }

  static long value(String body, String series) {
    for (String line : body.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Long.parseLong(line.substring(series.length() + 1).strip());
      }
    }
    throw new AssertionError(series + " not in\n" + body);
  }

  @Test
  void operationsMetricsArePrometheusTextForAdmins() throws Exception {
    String api = "helpdesk_messages_ingested_total{channel=\"API\"}";
    Api.Response before = admin.get("api/v1/ops/metrics");
    assertEquals(200, before.status(), before.toString());
    assertTrue(before.contentType().startsWith("text/plain"), before.contentType());
    assertTrue(before.body().contains("# TYPE helpdesk_outbound_sent_total counter"));
    long ingested = value(before.body(), api);
    long waiting = value(before.body(), "helpdesk_queue_depth");

    inbound("Do you ship to Oman?");
    try (ChatClient tab = ChatClient.staff(base, agent.token(), null)) {
      tab.next("welcome");
      String after = admin.get("api/v1/ops/metrics").body();
      assertEquals(ingested + 1, value(after, api), "the message just stored");
      assertEquals(waiting + 1, value(after, "helpdesk_queue_depth"), "it waits for us");
      assertTrue(value(after, "helpdesk_websockets_open{endpoint=\"agent\"}") >= 1, after);
    }
    assertEquals(403, agent.get("api/v1/ops/metrics").status());
    assertEquals(401, Api.anonymous(base).get("api/v1/ops/metrics").status());
  }
}
