package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Working tickets through the REST API, as agents, managers and admins. */
@ExtendWith(ArquillianExtension.class)
class TicketApiIT {
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

  private long inbound(String key, String email, String subject, String text) {
    var body =
        new java.util.HashMap<String, Object>(
            Map.of("externalId", run + "-" + key, "from", Map.of("email", email), "text", text));
    if (subject != null) {
      body.put("subject", subject);
    }
    var r = admin.post("api/v1/inbound", body);
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  private long team(String name) {
    var r = admin.post("api/v1/teams", Map.of("name", name + " " + run));
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("id").longValue();
  }

  private long agent(String login, String role, long... teams) {
    List<Long> teamIds = new ArrayList<>();
    for (long t : teams) {
      teamIds.add(t);
    }
    var r =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                login + run,
                "displayName",
                login,
                "password",
                "agent-password",
                "roles",
                List.of(role),
                "teamIds",
                teamIds,
                "languages",
                List.of("en", "ar")));
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("id").longValue();
  }

  private static List<Long> ids(Api.Response page) {
    assertEquals(200, page.status(), page.body());
    return page.json().getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
        .toList();
  }

  @Test
  void theListIsKeysetPagedNewestFirstWithoutGapsOrRepeats() {
    List<Long> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long id = inbound("page" + i, "page" + i + "-" + run + "@example.com", null, "Question " + i);
      admin.post("api/v1/tickets/" + id + "/tags", Map.of("add", List.of("paging-" + run)));
      made.add(id);
    }
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var r =
          admin.get(
              "api/v1/tickets?tag=paging-"
                  + run
                  + "&limit=2"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      seen.addAll(ids(r));
      JsonValue next = r.json().get("nextCursor");
      cursor = next == null || next == JsonValue.NULL ? null : r.json().getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(3, pages);
    assertEquals(
        List.of(made.get(4), made.get(3), made.get(2), made.get(1), made.get(0)),
        seen,
        "newest activity first, each once");
  }

  @Test
  void filtersNarrowTheList() {
    long teamId = team("Filters");
    long a = inbound("f1", "f1-" + run + "@example.com", null, "Filter me");
    long b = inbound("f2", "f2-" + run + "@example.com", null, "Not me");
    admin.put("api/v1/tickets/" + a + "/team", Map.of("teamId", teamId));
    admin.put("api/v1/tickets/" + a + "/priority", Map.of("priority", "URGENT"));
    assertEquals(List.of(a), ids(admin.get("api/v1/tickets?team=" + teamId)));
    assertTrue(
        ids(admin.get("api/v1/tickets?status=NEW,OPEN&channel=api&assignee=none&limit=200"))
            .contains(b));
    assertFalse(ids(admin.get("api/v1/tickets?status=SOLVED&limit=200")).contains(b));
  }

  @Test
  void fullTextSearchFindsEnglishAndArabicWordForms() {
    long en =
        inbound(
            "fts-en",
            "fts-en-" + run + "@example.com",
            "Refunds " + run,
            "I am still waiting for my refunds after returning the shoes");
    long ar =
        inbound(
            "fts-ar", "fts-ar-" + run + "@example.com", null, "متى تصل الطلبات إلى الرياض؟ " + run);
    // English stemming: "refund" finds "refunds"; the run id keeps other tests' tickets out
    assertEquals(List.of(en), ids(admin.get("api/v1/tickets?q=" + enc("refund " + run))));
    assertEquals(
        List.of(en),
        ids(admin.get("api/v1/tickets?q=" + enc("returned shoe"))).stream()
            .filter(id -> id == en)
            .toList());
    // Arabic: the definite article and plural are folded, alef forms normalised
    assertTrue(ids(admin.get("api/v1/tickets?q=" + enc("طلب الرياض"))).contains(ar));
    assertTrue(ids(admin.get("api/v1/tickets?q=" + enc("الرياض " + run))).contains(ar));
    assertEquals(List.of(), ids(admin.get("api/v1/tickets?q=" + enc("nothing-matches-" + run))));
  }

  @Test
  void anAgentWorksATicketAndTheTimelineTellsTheStory() {
    long teamId = team("Payments");
    long agentId = agent("pat", "AGENT", teamId);
    long id =
        inbound(
            "work",
            "work-" + run + "@example.com",
            "Declined card",
            "My card was declined at checkout");
    admin.put("api/v1/tickets/" + id + "/team", Map.of("teamId", teamId));
    Api pat = Api.session(base, "pat" + run, "agent-password");

    var assigned = pat.put("api/v1/tickets/" + id + "/assignee", Map.of("agentId", agentId));
    assertEquals(200, assigned.status(), assigned.body());
    assertEquals("pat", assigned.json().getJsonObject("assignee").getString("name"));
    assertEquals(
        List.of(id),
        ids(pat.get("api/v1/tickets?assignee=me")).stream().filter(x -> x == id).toList());

    var note =
        pat.post("api/v1/tickets/" + id + "/notes", Map.of("text", "Bank flagged it as fraud"));
    assertEquals(201, note.status(), note.body());
    assertEquals("INTERNAL", note.json().getString("visibility"));

    var reply =
        pat.post(
            "api/v1/tickets/" + id + "/replies",
            Map.of("text", "Please try again with 3-D Secure.", "status", "PENDING"));
    assertEquals(202, reply.status(), reply.body());
    assertEquals("QUEUED", reply.json().getString("deliveryStatus"));

    assertEquals(
        200, pat.put("api/v1/tickets/" + id + "/priority", Map.of("priority", "HIGH")).status());
    var tags =
        pat.post(
            "api/v1/tickets/" + id + "/tags",
            Map.of("add", List.of("Card-Declined", "vip"), "remove", List.of("vip")));
    assertEquals(
        List.of("card-declined"),
        tags.json().getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(
        200, pat.put("api/v1/tickets/" + id + "/status", Map.of("status", "SOLVED")).status());

    JsonObject t =
        Poll.until(
            () -> pat.get("api/v1/tickets/" + id).json(),
            x ->
                x.getJsonArray("messages")
                    .getJsonObject(2)
                    .getString("deliveryStatus")
                    .equals("SENT"),
            "reply delivered");
    assertEquals("SOLVED", t.getJsonObject("ticket").getString("status"));
    assertEquals("HIGH", t.getJsonObject("ticket").getString("priority"));
    assertTrue(
        t.containsKey("firstResponseAt") && t.get("firstResponseAt") != JsonValue.NULL,
        "first response recorded");
    var messages = t.getJsonArray("messages");
    assertEquals(
        List.of("INBOUND", "OUTBOUND", "OUTBOUND"),
        messages.stream().map(m -> m.asJsonObject().getString("direction")).toList());
    assertEquals("pat", messages.getJsonObject(2).getJsonObject("authorAgent").getString("name"));
    List<String> activity =
        t.getJsonArray("activities").stream().map(a -> a.asJsonObject().getString("type")).toList();
    assertTrue(
        activity.containsAll(
            List.of(
                "CREATED",
                "TEAM_CHANGED",
                "ASSIGNED",
                "STATUS_CHANGED",
                "PRIORITY_CHANGED",
                "TAGS_CHANGED")),
        activity.toString());
    JsonObject statusChange =
        t.getJsonArray("activities").stream()
            .map(JsonValue::asJsonObject)
            .filter(a -> a.getString("type").equals("STATUS_CHANGED"))
            .reduce((x, y) -> y)
            .orElseThrow();
    assertEquals("PENDING → SOLVED", statusChange.getString("detail"));
    assertEquals("pat", statusChange.getJsonObject("actor").getString("name"));
  }

  @Test
  void agentsSeeOnlyTheirTeamsTicketsManagersSeeAll() {
    long mine = team("Mine");
    long other = team("Other");
    agent("ann", "AGENT", mine);
    agent("max", "MANAGER");
    long theirs = inbound("role", "role-" + run + "@example.com", null, "Secret of another team");
    admin.put("api/v1/tickets/" + theirs + "/team", Map.of("teamId", other));
    long ours = inbound("role2", "role2-" + run + "@example.com", null, "Ours");
    admin.put("api/v1/tickets/" + ours + "/team", Map.of("teamId", mine));

    Api ann = Api.token(base, "ann" + run, "agent-password");
    var denied = ann.get("api/v1/tickets/" + theirs);
    assertEquals(403, denied.status(), denied.body());
    assertTrue(denied.json().getString("detail").contains("team you are not in"));
    assertEquals(
        403, ann.post("api/v1/tickets/" + theirs + "/notes", Map.of("text", "peek")).status());
    List<Long> annSees = ids(ann.get("api/v1/tickets?limit=200"));
    assertFalse(annSees.contains(theirs));
    assertTrue(annSees.contains(ours));
    assertEquals(200, ann.get("api/v1/tickets/" + ours).status());

    Api max = Api.token(base, "max" + run, "agent-password");
    assertEquals(200, max.get("api/v1/tickets/" + theirs).status());
    assertEquals(
        403,
        ann.post("api/v1/teams", Map.of("name", "Coup " + run)).status(),
        "only admins manage teams");
  }

  @Test
  void mergingMovesTheConversationAndLaterMessagesFollow() {
    String email = "merge-" + run + "@example.com";
    var first =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-m1",
                "conversationId",
                run + "-mconv1",
                "from",
                Map.of("email", email),
                "text",
                "Chat: where is my order?"));
    var second =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-m2",
                "conversationId",
                run + "-mconv2",
                "from",
                Map.of("email", email),
                "text",
                "Email: same question"));
    long source = second.json().getJsonNumber("ticketId").longValue();
    long target = first.json().getJsonNumber("ticketId").longValue();
    admin.post("api/v1/tickets/" + source + "/tags", Map.of("add", List.of("merged-tag")));

    var merged = admin.post("api/v1/tickets/" + source + "/merge", Map.of("into", target));
    assertEquals(200, merged.status(), merged.body());
    var messages = merged.json().getJsonArray("messages");
    assertEquals(
        List.of("Chat: where is my order?", "Email: same question"),
        messages.stream().map(m -> m.asJsonObject().getString("text")).toList());
    assertEquals(
        List.of(1, 2), messages.stream().map(m -> m.asJsonObject().getInt("sequence")).toList());
    assertTrue(
        merged
            .json()
            .getJsonObject("ticket")
            .getJsonArray("tags")
            .toString()
            .contains("merged-tag"));

    JsonObject closed = admin.get("api/v1/tickets/" + source).json();
    assertEquals("CLOSED", closed.getJsonObject("ticket").getString("status"));
    assertEquals(target, closed.getJsonNumber("mergedInto").longValue());
    assertEquals(
        409,
        admin.post("api/v1/tickets/" + source + "/replies", Map.of("text", "hello?")).status(),
        "a merged ticket takes no replies");
    assertEquals(
        422, admin.post("api/v1/tickets/" + target + "/merge", Map.of("into", target)).status());
    // the shopper writes again on the merged-away conversation: it lands on the surviving ticket
    var later =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-m3",
                "conversationId",
                run + "-mconv2",
                "from",
                Map.of("email", email),
                "text",
                "Any update?"));
    assertEquals(target, later.json().getJsonNumber("ticketId").longValue());
    assertFalse(
        ids(admin.get("api/v1/tickets?limit=200")).contains(source),
        "merged tickets leave the list");
  }

  @Test
  void assigningToAnUnknownAgentIsRefused() {
    long id = inbound("bad-assign", "bad-assign-" + run + "@example.com", null, "hi");
    var r = admin.put("api/v1/tickets/" + id + "/assignee", Map.of("agentId", 987654321));
    assertEquals(422, r.status());
    assertEquals("agentId", r.json().getString("field"));
    var unassigned = admin.put("api/v1/tickets/" + id + "/assignee", Map.of());
    assertEquals(200, unassigned.status(), unassigned.body());
    JsonValue assignee = unassigned.json().get("assignee");
    assertTrue(assignee == null || assignee == JsonValue.NULL, "unassigned: " + unassigned.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
