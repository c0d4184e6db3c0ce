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
 * SLA policies end to end with short targets (the server's SLA clock ticks every second in the
 * tests): a team's default policy runs on its tickets, a warning and then a breach reach the team's
 * agent over the staff stream and the timeline, and the report's hit rate counts answers within the
 * target.
 */
@ExtendWith(ArquillianExtension.class)
public class SlaIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;
  final String run = Long.toString(System.nanoTime(), 36);
  final String started = Instant.now().minusSeconds(5).toString();
  Long rule;

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
  }

  @AfterEach
  void tearDown() {
    if (rule != null) {
      admin.delete("api/v1/routing/rules/" + rule);
    }
  }

  long id(Api.Response r, int status) {
    assertEquals(status, r.status(), r.toString());
    return r.json().getJsonNumber("id").longValue();
  }

  long inbound(String text) {
    Map<String, Object> body = new HashMap<>();
    body.put("externalId", run + "-" + System.nanoTime());
    body.put("from", Map.of("email", "sla." + System.nanoTime() + "@example.com", "name", "Sara"));
    body.put("text", text + " sla-" + run);
    Api.Response r = admin.post("api/v1/inbound", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  @Test
  void aTeamsPolicyWarnsThenRecordsTheBreachAndTheReportCountsTheHits() throws Exception {
    id(
        admin.post(
            "api/v1/sla-policies",
            Map.of(
                "name",
                "Fast " + run,
                "firstResponse",
                "PT4S",
                "resolution",
                "P1D",
                "businessHours",
                false,
                "warnPercent",
                50)),
        201);
    long team = id(admin.post("api/v1/teams", Map.of("name", "Care " + run)), 201);
    assertEquals(
        204, admin.put("api/v1/teams/" + team + "/sla", Map.of("policy", "Fast " + run)).status());
    rule =
        id(
            admin.post(
                "api/v1/routing/rules",
                Map.of(
                    "name", "To care " + run,
                    "conditions",
                        List.of(
                            Map.of(
                                "field", "keywords", "op", "any", "values", List.of("sla-" + run))),
                    "actions", List.of(Map.of("type", "setTeam", "value", Long.toString(team))))),
            201);
    Api omar = admin.newAgent("omar" + run, "Omar " + run, List.of(team));

    try (ChatClient tab = ChatClient.staff(base, omar.token(), null)) {
      tab.next("welcome");
      long late = inbound("Where is my parcel?");
      JsonObject warning =
          tab.next(
              f -> "sla".equals(f.getString("type", "")) && "warning".equals(f.getString("state")),
              "the warning");
      assertEquals(late, warning.getJsonNumber("ticket").longValue());
      assertEquals("FIRST_RESPONSE", warning.getString("kind"));
      JsonObject breach =
          tab.next(
              f -> "sla".equals(f.getString("type", "")) && "breached".equals(f.getString("state")),
              "the breach");
      assertEquals(late, breach.getJsonNumber("ticket").longValue());
      String timeline = admin.timeline(late);
      assertTrue(timeline.contains("SLA_WARNING") && timeline.contains("SLA_BREACHED"), timeline);

      // answered after the target: missed; another answered at once: met
      assertEquals(
          202, omar.post("api/v1/tickets/" + late + "/replies", Map.of("text", "Sorry!")).status());
      long quick = inbound("Can I pay by card?");
      Poll.until(
          () -> admin.get("api/v1/tickets/" + quick).json(),
          t ->
              t.getJsonObject("ticket").containsKey("team")
                  && !t.getJsonObject("ticket").isNull("team"),
          "routed to the team");
      assertEquals(
          202, omar.post("api/v1/tickets/" + quick + "/replies", Map.of("text", "Yes.")).status());
    }
    Api.Response report =
        admin.get(
            "api/v1/metrics/response-times?kind=FIRST_RESPONSE&team=" + team + "&from=" + started);
    assertEquals(200, report.status(), report.toString());
    JsonObject all = ((JsonArray) report.structure()).getJsonObject(0);
    assertEquals(2, all.getJsonNumber("count").longValue(), all.toString());
    assertEquals(0.5, all.getJsonNumber("slaHitRate").doubleValue(), all.toString());
  }

  /**
   * A priority's default policy applies to tickets no rule gave one, before the team's; the inbox
   * shows when the running target is due.
   */
  @Test
  void aPrioritysDefaultPolicyGivesTheTicketItsDueTime() throws Exception {
    id(
        admin.post(
            "api/v1/sla-policies",
            Map.of("name", "Calm " + run, "firstResponse", "PT1H", "businessHours", false)),
        201);
    assertEquals(
        204, admin.put("api/v1/priorities/LOW/sla", Map.of("policy", "Calm " + run)).status());
    try {
      JsonObject defaults = admin.get("api/v1/sla-defaults").json();
      assertEquals("Calm " + run, defaults.getJsonObject("priorities").getString("LOW"));
      long id = inbound("Do you have this in blue?");
      assertEquals(
          200, admin.put("api/v1/tickets/" + id + "/priority", Map.of("priority", "LOW")).status());
      JsonObject ticket =
          Poll.until(
              () -> admin.get("api/v1/tickets/" + id).json().getJsonObject("ticket"),
              t -> t.containsKey("slaDueAt") && !t.isNull("slaDueAt"),
              "the due time from the priority's policy");
      assertEquals("FIRST_RESPONSE", ticket.getString("slaKind"));
      java.time.Duration inAnHour =
          java.time.Duration.between(
              java.time.Instant.parse(ticket.getString("createdAt")),
              java.time.Instant.parse(ticket.getString("slaDueAt")));
      assertTrue(Math.abs(inAnHour.toSeconds() - 3600) <= 5, "an hour after it: " + ticket);
      // bad requests: an unknown priority, an unknown policy
      assertEquals(
          404,
          admin.put("api/v1/priorities/SOMEDAY/sla", Map.of("policy", "Calm " + run)).status());
      assertEquals(
          422, admin.put("api/v1/priorities/LOW/sla", Map.of("policy", "Nope " + run)).status());
    } finally {
      java.util.Map<String, Object> none = new HashMap<>();
      none.put("policy", null);
      assertEquals(204, admin.put("api/v1/priorities/LOW/sla", none).status());
    }
  }

  @Test
  void badPoliciesAreRefusedByName() {
    Api.Response bad =
        admin.post("api/v1/sla-policies", Map.of("name", "Bad " + run, "firstResponse", "4 hours"));
    assertEquals(422, bad.status(), bad.toString());
    assertTrue(bad.body().contains("ISO-8601"), bad.body());
    Api.Response none = admin.post("api/v1/sla-policies", Map.of("name", "Empty " + run));
    assertEquals(422, none.status(), none.toString());
    id(
        admin.post("api/v1/sla-policies", Map.of("name", "Gold " + run, "firstResponse", "PT1H")),
        201);
    assertEquals(
        409,
        admin
            .post("api/v1/sla-policies", Map.of("name", "Gold " + run, "firstResponse", "PT2H"))
            .status());
    long team = id(admin.post("api/v1/teams", Map.of("name", "Desk " + run)), 201);
    Api.Response unknown =
        admin.put("api/v1/teams/" + team + "/sla", Map.of("policy", "Platinum " + run));
    assertEquals(422, unknown.status(), unknown.toString());
    assertEquals(
        404, admin.put("api/v1/teams/999999/sla", Map.of("policy", "Gold " + run)).status());
    Map<String, Object> body = new HashMap<>();
    body.put("login", "kai" + run);
    body.put("displayName", "Kai " + run);
    body.put("password", "agent-password");
    body.put("roles", List.of("AGENT"));
    id(admin.post("api/v1/agents", body), 201);
    Api kai = Api.token(base, "kai" + run, "agent-password");
    assertEquals(
        403,
        kai.post("api/v1/sla-policies", Map.of("name", "Mine " + run, "firstResponse", "PT1M"))
            .status());
    assertEquals(403, kai.get("api/v1/sla-policies").status());
  }
}
