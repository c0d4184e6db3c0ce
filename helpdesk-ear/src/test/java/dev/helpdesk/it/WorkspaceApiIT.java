package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API the agent workspace stands on: per-view counts, "my teams", waiting-longest order, canned
 * responses (agents read, managers write) and the agent's workspace language.
 */
@ExtendWith(ArquillianExtension.class)
class WorkspaceApiIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;
  final String run = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void login() {
    admin = Api.admin(base);
  }

  @Test
  void viewCountsMyTeamsAndTheLongestWaitingFirst() throws Exception {
    long team = id(admin.post("api/v1/teams", Map.of("name", "Views " + run)));
    String login = "vic" + run;
    long me =
        id(
            admin.post(
                "api/v1/agents",
                Map.of(
                    "login",
                    login,
                    "displayName",
                    "Vic",
                    "password",
                    "agent-password",
                    "roles",
                    List.of("AGENT"),
                    "teamIds",
                    List.of(team))));
    Api vic = Api.token(base, login, "agent-password");
    JsonObject before = vic.get("api/v1/tickets/counts").json();
    long first = inbound("w1");
    Thread.sleep(20);
    long second = inbound("w2");
    long third = inbound("w3");
    assertEquals(
        200, admin.put("api/v1/tickets/" + first + "/team", Map.of("teamId", team)).status());
    assertEquals(
        200, admin.put("api/v1/tickets/" + second + "/team", Map.of("teamId", team)).status());
    assertEquals(
        200, admin.put("api/v1/tickets/" + second + "/assignee", Map.of("agentId", me)).status());
    JsonObject after = vic.get("api/v1/tickets/counts").json();
    assertEquals(before.getInt("mine") + 1, after.getInt("mine"), after.toString());
    assertEquals(before.getInt("myTeams") + 2, after.getInt("myTeams"), after.toString());
    assertEquals(
        before.getInt("unassigned") + 2,
        after.getInt("unassigned"),
        "first, and third in the shared queue");
    assertEquals(
        before.getJsonObject("byChannel").getInt("API", 0) + 3,
        after.getJsonObject("byChannel").getInt("API"));
    // My teams: the two tickets of Vic's team, not the shared queue's
    List<Long> mine = ids(vic.get("api/v1/tickets?team=mine"));
    assertEquals(List.of(second, first), mine);
    // waiting longest first: the first message waits longest
    List<Long> waiting = ids(vic.get("api/v1/tickets?team=mine&sort=waiting"));
    assertEquals(List.of(first, second), waiting);
    // paged one by one, the cursor keeps that order
    var page1 = vic.get("api/v1/tickets?team=mine&sort=waiting&limit=1").json();
    var page2 =
        vic.get(
                "api/v1/tickets?team=mine&sort=waiting&limit=1&cursor="
                    + page1.getString("nextCursor"))
            .json();
    assertEquals(
        first, page1.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(
        second, page2.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(400, vic.get("api/v1/tickets?sort=sideways").status());
    assertEquals(400, vic.get("api/v1/tickets?team=theirs").status());
    assertTrue(third > 0);
  }

  @Test
  void cannedResponsesAreReadByAgentsAndKeptByManagers() {
    String login = "can" + run;
    admin.post(
        "api/v1/agents",
        Map.of(
            "login",
            login,
            "displayName",
            "Can",
            "password",
            "agent-password",
            "roles",
            List.of("AGENT")));
    Api agent = Api.token(base, login, "agent-password");
    var created =
        admin.post(
            "api/v1/canned-responses",
            Map.of("title", "Hello " + run, "body", "Hi {{contact.name}}", "language", "en"));
    assertEquals(201, created.status(), created.body());
    long id = id(created);
    assertTrue(
        agent.get("api/v1/canned-responses").structure().asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(c -> c.getString("title").equals("Hello " + run)));
    assertEquals(
        403,
        agent
            .post("api/v1/canned-responses", Map.of("title", "x", "body", "y", "language", "en"))
            .status());
    assertEquals(
        422,
        admin
            .post("api/v1/canned-responses", Map.of("title", "x", "body", "y", "language", "fr"))
            .status());
    assertEquals(
        200,
        admin
            .put(
                "api/v1/canned-responses/" + id,
                Map.of(
                    "title", "Hello " + run, "body", "مرحبًا {{contact.name}}", "language", "ar"))
            .status());
    assertEquals(204, admin.delete("api/v1/canned-responses/" + id).status());
    assertEquals(404, admin.delete("api/v1/canned-responses/" + id).status());
  }

  @Test
  void anAgentChoosesTheWorkspaceLanguage() {
    String login = "lan" + run;
    admin.post(
        "api/v1/agents",
        Map.of(
            "login",
            login,
            "displayName",
            "Lan",
            "password",
            "agent-password",
            "roles",
            List.of("AGENT")));
    Api agent = Api.token(base, login, "agent-password");
    assertEquals("en", agent.get("api/v1/agents/me").json().getString("uiLanguage"));
    assertEquals(200, agent.put("api/v1/agents/me/language", Map.of("language", "ar")).status());
    assertEquals("ar", agent.get("api/v1/agents/me").json().getString("uiLanguage"));
    assertEquals(422, agent.put("api/v1/agents/me/language", Map.of("language", "xx")).status());
  }

  private long inbound(String key) {
    var r =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId", run + "-" + key,
                "conversationId", run + "-" + key,
                "from", Map.of("email", key + "-" + run + "@example.com"),
                "text", "Where is my parcel? " + key));
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  private static long id(Api.Response r) {
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
    return r.json().getJsonNumber("id").longValue();
  }

  private static List<Long> ids(Api.Response r) {
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
        .toList();
  }
}
