package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing and assignment end to end: messages come in through the API channel (or a chat socket),
 * the router classifies, runs the admins' rules and assigns; agents are online the way they are in
 * the product, with the workspace's staff socket open and their toggle on ONLINE.
 */
@ExtendWith(ArquillianExtension.class)
public class RoutingIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;
  final String run = Long.toString(System.nanoTime(), 36);
  final List<Long> rules = new ArrayList<>();
  final List<ChatClient> sockets = new ArrayList<>();
  final List<Api> online = new ArrayList<>();

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
  }

  @AfterEach
  void tearDown() {
    // rules are global and online agents take tickets: leave neither to the other tests
    for (long id : rules) {
      admin.delete("api/v1/routing/rules/" + id);
    }
    for (Api a : online) {
      a.put("api/v1/agents/me/availability", Map.of("availability", "OFFLINE"));
    }
    sockets.forEach(ChatClient::close);
  }

  long team(String name) {
    Api.Response r = admin.post("api/v1/teams", Map.of("name", name + " " + run));
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonNumber("id").longValue();
  }

  void teamRouting(long team, Map<String, Object> settings) {
    Api.Response r = admin.put("api/v1/teams/" + team + "/routing", settings);
    assertEquals(200, r.status(), r.toString());
  }

  /** An agent of the team, with their own API client. */
  record Agent(long id, String login, Api api) {}

  Agent agent(String name, long team, List<String> languages, int capacity) {
    return agent(name, team, languages, capacity, List.of());
  }

  Agent agent(String name, long team, List<String> languages, int capacity, List<String> skills) {
    String login = name.toLowerCase() + "-" + run;
    Map<String, Object> body = new HashMap<>();
    body.put("login", login);
    body.put("displayName", name + " " + run);
    body.put("password", "agent-password");
    body.put("roles", List.of("AGENT"));
    body.put("teamIds", List.of(team));
    body.put("languages", languages);
    body.put("capacity", capacity);
    body.put("chatCapacity", 2);
    body.put("skills", skills);
    Api.Response r = admin.post("api/v1/agents", body);
    assertEquals(201, r.status(), r.toString());
    return new Agent(
        r.json().getJsonNumber("id").longValue(), login, Api.token(base, login, "agent-password"));
  }

  /** The agent opens the workspace (a staff socket) and sets their toggle to ONLINE. */
  ChatClient goOnline(Agent a) throws Exception {
    ChatClient socket = ChatClient.staff(base, a.api().token(), null);
    sockets.add(socket);
    online.add(a.api());
    assertEquals(
        200,
        a.api().put("api/v1/agents/me/availability", Map.of("availability", "ONLINE")).status());
    return socket;
  }

  long rule(Map<String, Object> body) {
    Api.Response r = admin.post("api/v1/routing/rules", body);
    assertEquals(201, r.status(), r.toString());
    long id = r.json().getJsonNumber("id").longValue();
    rules.add(id);
    return id;
  }

  static Map<String, Object> when(String field, String op, String... values) {
    return Map.of("field", field, "op", op, "values", List.of(values));
  }

  static Map<String, Object> then(String type, String value) {
    return Map.of("type", type, "value", value);
  }

  /** A shopper's message through the API channel; the ticket's id. */
  long inbound(String from, String text, Map<String, String> metadata) {
    Map<String, Object> body = new HashMap<>();
    body.put("externalId", run + "-" + System.nanoTime());
    body.put("from", Map.of("email", from + "." + run + "@example.com", "name", from));
    body.put("text", text);
    if (metadata != null) {
      body.put("metadata", metadata);
    }
    Api.Response r = admin.post("api/v1/inbound", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  /** A message in a conversation of the API channel (threads onto its ticket); the ticket's id. */
  long inboundIn(String conversation, String from, String text) {
    Map<String, Object> body = new HashMap<>();
    body.put("externalId", run + "-" + System.nanoTime());
    body.put("conversationId", conversation);
    body.put("from", Map.of("email", from + "." + run + "@example.com", "name", from));
    body.put("text", text);
    Api.Response r = admin.post("api/v1/inbound", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  JsonObject ticket(long id) {
    Api.Response r = admin.get("api/v1/tickets/" + id);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  JsonObject routed(long id) {
    return Poll.until(
        () -> ticket(id),
        t ->
            t.getJsonArray("activities").stream()
                .anyMatch(a -> "ROUTED".equals(a.asJsonObject().getString("type"))),
        "ticket " + id + " routed");
  }

  static Long assignee(JsonObject details) {
    JsonObject t = details.getJsonObject("ticket");
    return !t.containsKey("assignee") || t.isNull("assignee")
        ? null
        : t.getJsonObject("assignee").getJsonNumber("id").longValue();
  }

  static List<String> timeline(JsonObject details, String type) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : details.getJsonArray("activities")) {
      if (type.equals(v.asJsonObject().getString("type"))) {
        out.add(v.asJsonObject().getString("detail", ""));
      }
    }
    return out;
  }

  @Test
  void aDeclinedCardGoesToPaymentsWithPriorityAndTagsAndTheTimelineSaysWhy() {
    long payments = team("Payments");
    rule(
        Map.of(
            "name", "Payments " + run,
            "conditions", List.of(when("topic", "in", "PAYMENT")),
            "actions",
                List.of(
                    then("setTeam", Long.toString(payments)),
                    then("setPriority", "HIGH"),
                    Map.of("type", "addTags", "values", List.of("payment-" + run)))));
    long id = inbound("sam", "Hi, my card keeps getting declined when I try to pay. Help!", null);
    JsonObject t = routed(id);
    JsonObject summary = t.getJsonObject("ticket");
    assertEquals("PAYMENT", summary.getString("topic"));
    assertEquals(payments, summary.getJsonObject("team").getJsonNumber("id").longValue());
    assertEquals("HIGH", summary.getString("priority"));
    assertTrue(summary.getJsonArray("tags").toString().contains("payment-" + run));
    // one entry says why: the topic, the rule and what it did, where the ticket went
    List<String> routed = timeline(t, "ROUTED");
    assertEquals(1, routed.size(), routed.toString());
    String why = routed.get(0);
    assertTrue(why.startsWith("topic PAYMENT ("), why);
    assertTrue(
        why.contains("rule “Payments " + run + "”: setTeam “Payments " + run + "”"),
        "the team by its name: " + why);
    assertTrue(why.contains("setPriority HIGH"), why);
    assertTrue(why.endsWith("waits in the team's queue"), "nobody of Payments is online: " + why);

    // an Arabic question about a late parcel, in the shopper's dialect, goes elsewhere
    long arabic =
        inbound("layla", "السلام عليكم وين طلبي؟ طلبت من أسبوع ولا وصل", Map.of("language", "ar"));
    JsonObject a = routed(arabic);
    assertEquals("ORDER_STATUS", a.getJsonObject("ticket").getString("topic"));
    assertFalse(
        a.getJsonObject("ticket").containsKey("team") && !a.getJsonObject("ticket").isNull("team"),
        "no rule for order status");
    assertTrue(
        timeline(a, "ROUTED").get(0).endsWith("no team: waits in the shared queue"),
        timeline(a, "ROUTED").toString());
  }

  @Test
  void aGreetingAloneIsOtherUntilTheShoppersNextMessageSaysWhatItIsAbout() {
    String conversation = "conv-" + run;
    long id = inboundIn(conversation, "greet", "Hello there");
    assertEquals("OTHER", routed(id).getJsonObject("ticket").getString("topic"));
    assertEquals(id, inboundIn(conversation, "greet", "my card was declined twice when paying"));
    JsonObject t =
        Poll.until(
            () -> ticket(id),
            x -> "PAYMENT".equals(x.getJsonObject("ticket").getString("topic")),
            "the second message re-classifies the ticket");
    assertTrue(
        timeline(t, "TOPIC_SET").stream().anyMatch(d -> d.contains("(was OTHER)")),
        timeline(t, "TOPIC_SET").toString());
  }

  @Test
  void roundRobinTakesOnlineAgentsInTurnAndArabicTicketsGoToArabicSpeakersFirst() throws Exception {
    long orders = team("Orders");
    rule(
        Map.of(
            "name", "All to orders " + run,
            "conditions", List.of(when("keywords", "any", "rr-" + run)),
            "actions", List.of(then("setTeam", Long.toString(orders)))));
    Agent a = agent("Ana", orders, List.of("en"), 10);
    Agent b = agent("Ben", orders, List.of("en"), 10);
    Agent c = agent("Carl", orders, List.of("en", "ar"), 10);
    Agent offline = agent("Olga", orders, List.of("en"), 10);
    goOnline(a);
    goOnline(b);
    goOnline(c);
    List<Long> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long id = inbound("rr" + i, "where is my parcel rr-" + run, null);
      order.add(assignee(routed(id)));
    }
    assertEquals(List.of(a.id(), b.id(), c.id(), a.id(), b.id(), c.id()), order);
    assertFalse(order.contains(offline.id()), "nobody offline gets tickets");

    long arabic = inbound("noura", "وين الطلب حقي rr-" + run, Map.of("language", "ar"));
    assertEquals(c.id(), assignee(routed(arabic)), "Carl speaks Arabic, though it is Ana's turn");
    List<String> routed = timeline(ticket(arabic), "ROUTED");
    assertTrue(
        routed.get(0).endsWith("assigned to Carl " + run + " (round-robin)"), routed.toString());
  }

  @Test
  void fiftyTicketsAtOnceNeverPushAnAgentOverCapacityNorGetAssignedTwice() throws Exception {
    long rush = team("Rush");
    teamRouting(rush, Map.of("assignment", "LEAST_LOADED"));
    rule(
        Map.of(
            "name", "Rush " + run,
            "conditions", List.of(when("keywords", "any", "rush-" + run)),
            "actions", List.of(then("setTeam", Long.toString(rush)))));
    Agent a = agent("Dana", rush, List.of("en"), 7);
    Agent b = agent("Eli", rush, List.of("en"), 5);
    goOnline(a);
    goOnline(b);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      done.add(
          pool.submit(() -> ids.add(inbound("p" + n, "help with my order rush-" + run, null))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    Map<Long, Integer> perAgent = new HashMap<>();
    int waiting = 0;
    for (long id : ids) {
      JsonObject t = routed(id);
      Long who = assignee(t);
      if (who == null) {
        waiting++;
      } else {
        perAgent.merge(who, 1, Integer::sum);
        List<String> routed = timeline(t, "ROUTED");
        assertEquals(1, routed.size(), "ticket " + id + " routed once");
        assertTrue(routed.get(0).contains("assigned to "), routed.toString());
        assertTrue(timeline(t, "ASSIGNED").isEmpty(), "ticket " + id + " assigned once");
      }
    }
    assertEquals(7, perAgent.get(a.id()), "Dana's capacity is 7");
    assertEquals(5, perAgent.get(b.id()), "Eli's capacity is 5");
    assertEquals(38, waiting, "the rest wait in the team's queue");
  }

  @Test
  void anAgentWithTheSkillATicketCallsForIsOfferedItFirst() throws Exception {
    long desk = team("Desk");
    rule(
        Map.of(
            "name", "Desk " + run,
            "conditions", List.of(when("keywords", "any", "desk-" + run)),
            "actions", List.of(then("setTeam", Long.toString(desk)))));
    Agent hana = agent("Hana", desk, List.of("en"), 10);
    Agent ivan = agent("Ivan", desk, List.of("en"), 10, List.of("payment"));
    goOnline(hana);
    goOnline(ivan);
    long payment = inbound("pay", "my card was declined twice at checkout desk-" + run, null);
    JsonObject p = routed(payment);
    assertEquals("PAYMENT", p.getJsonObject("ticket").getString("topic"));
    assertEquals(ivan.id(), assignee(p), "Ivan has the payment skill, though it is Hana's turn");
    long parcel = inbound("parcel", "where is my parcel? desk-" + run, null);
    assertEquals(hana.id(), assignee(routed(parcel)), "no skill called for: round-robin");
  }

  @Test
  void aRuleNoticeReachesTheAgentItNamesAndNobodyElse() throws Exception {
    long floor = team("Floor");
    Agent jo = agent("Jo", floor, List.of("en"), 10);
    Agent kim = agent("Kim", floor, List.of("en"), 10);
    ChatClient joTab = goOnline(jo);
    ChatClient kimTab = goOnline(kim);
    rule(
        Map.of(
            "name", "Tell Jo " + run,
            "conditions", List.of(when("keywords", "any", "vip-" + run)),
            "actions", List.of(then("notify", Long.toString(jo.id())))));
    long id = inbound("vip", "urgent: order for the wedding vip-" + run, null);
    JsonObject notice = joTab.next(f -> "notice".equals(f.getString("type", "")), "Jo's notice");
    assertEquals(id, notice.getJsonNumber("ticket").longValue());
    assertTrue(notice.getString("text").contains("#" + id), notice.toString());
    routed(id);
    assertFalse(
        kimTab.drain(500).stream().anyMatch(f -> "notice".equals(f.getString("type", ""))),
        "Kim is not named by the rule");
  }

  @Test
  void aReturningShopperGoesBackToTheirAgent() throws Exception {
    long care = team("Care");
    rule(
        Map.of(
            "name", "Care " + run,
            "conditions", List.of(when("keywords", "any", "care-" + run)),
            "actions", List.of(then("setTeam", Long.toString(care)))));
    Agent a = agent("Fay", care, List.of("en"), 10);
    Agent b = agent("Gus", care, List.of("en"), 10);
    goOnline(a);
    goOnline(b);
    long first = inbound("returning", "my refund care-" + run, null);
    long agent = assignee(routed(first));
    // the ticket is solved; the same shopper writes again about something else
    assertEquals(
        200, admin.put("api/v1/tickets/" + first + "/status", Map.of("status", "CLOSED")).status());
    inbound("someone", "other shopper care-" + run, null); // moves round-robin on
    long second = inbound("returning", "another question care-" + run, null);
    assertNotEquals(first, second);
    assertEquals(agent, assignee(routed(second)));
    assertTrue(
        timeline(ticket(second), "ROUTED").get(0).contains("(sticky: their previous agent)"),
        timeline(ticket(second), "ROUTED").toString());
  }

  @Test
  void outsideBusinessHoursARuleRepliesWithTheOpeningTimeOnceAnHour() {
    long night = team("Night");
    // closed today (a holiday) in its time zone
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Riyadh")).toString();
    teamRouting(
        night,
        Map.of(
            "timeZone", "Asia/Riyadh", "businessHours", "sun-thu 09:00-17:00", "holidays", today));
    rule(
        Map.of(
            "name", "Night " + run,
            "conditions", List.of(when("keywords", "any", "night-" + run)),
            "actions", List.of(then("setTeam", Long.toString(night)))));
    rule(
        Map.of(
            "name", "Closed " + run,
            "conditions",
                List.of(
                    when("keywords", "any", "night-" + run), when("businessHours", "is", "false")),
            "actions",
                List.of(
                    then("autoReply", "Thanks! We are closed; we answer from {opens}. {ref}"))));
    long id = inbound("owl", "are you there? night-" + run, null);
    JsonObject t = routed(id);
    List<JsonObject> automatic = new ArrayList<>();
    for (JsonValue v : t.getJsonArray("messages")) {
      if (v.asJsonObject().getBoolean("automatic", false)) {
        automatic.add(v.asJsonObject());
      }
    }
    assertEquals(1, automatic.size(), t.getJsonArray("messages").toString());
    String text = automatic.get(0).getString("text");
    assertTrue(text.contains("(Asia/Riyadh)") && text.contains("#" + id), text);
    assertTrue(timeline(t, "AUTO_REPLY").get(0).contains("sent"));

    // the same shopper again within the hour: no second auto-reply
    long again = inbound("owl", "hello?? night-" + run, null);
    JsonObject t2 = routed(again);
    assertTrue(
        t2.getJsonArray("messages").stream()
            .noneMatch(v -> v.asJsonObject().getBoolean("automatic", false)));
    assertTrue(timeline(t2, "AUTO_REPLY").get(0).contains("not sent"));
  }

  @Test
  void unansweredTicketsMoveOnAfterTheTeamsDelay() throws Exception {
    long slow = team("Slow");
    teamRouting(slow, Map.of("reassignAfterMinutes", 1));
    rule(
        Map.of(
            "name", "Slow " + run,
            "conditions", List.of(when("keywords", "any", "slow-" + run)),
            "actions", List.of(then("setTeam", Long.toString(slow)))));
    Agent a = agent("Hal", slow, List.of("en"), 10);
    Agent b = agent("Ivy", slow, List.of("en"), 10);
    goOnline(a);
    goOnline(b);
    long id = inbound("waiting", "anyone? slow-" + run, null);
    long first = assignee(routed(id));
    JsonObject moved =
        Poll.until(
            () -> ticket(id),
            t -> assignee(t) != null && assignee(t) != first,
            "re-assignment after a minute without an answer",
            Duration.ofSeconds(120));
    assertTrue(
        timeline(moved, "UNASSIGNED").get(0).contains("not answered within 1 min"),
        timeline(moved, "UNASSIGNED").toString());
  }

  @Test
  void aChatWaitingForAnAgentWhoGoesOfflineReturnsToTheTeam() throws Exception {
    long chat = team("Chat");
    String widget = "rt-" + run;
    String origin = "https://" + widget + ".test";
    Api.Response account =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "CHAT",
                "address",
                widget,
                "name",
                "Routing shop " + run,
                "settings",
                Map.of("allowedOrigins", origin, "faqBot", "false")));
    assertEquals(201, account.status(), account.toString());
    rule(
        Map.of(
            "name", "Chat " + run,
            "conditions",
                List.of(when("channel", "in", "CHAT"), when("keywords", "any", "chat-" + run)),
            "actions", List.of(then("setTeam", Long.toString(chat)))));
    Agent a = agent("Jo", chat, List.of("en"), 10);
    Agent b = agent("Kim", chat, List.of("en"), 10);
    ChatClient aSocket = goOnline(a);
    long ticket;
    try (ChatClient shopper = ChatClient.connect(base, widget, origin)) {
      shopper.send(Json.createObjectBuilder().add("type", "hello").add("lastSeq", 0).build());
      shopper.next("welcome");
      shopper.send(
          Json.createObjectBuilder()
              .add("type", "send")
              .add("key", "k-" + run)
              .add("text", "my card was declined chat-" + run)
              .build());
      ticket = shopper.next("ack").getJsonNumber("ticket").longValue();
      assertEquals(a.id(), assignee(routed(ticket)));
      goOnline(b);
      // Jo closes the workspace
      aSocket.close();
      JsonObject moved =
          Poll.until(
              () -> ticket(ticket),
              t -> Long.valueOf(b.id()).equals(assignee(t)),
              "the chat back to the team and on to Kim",
              Duration.ofSeconds(60));
      assertTrue(timeline(moved, "UNASSIGNED").get(0).contains("went offline"));
    }
  }

  @Test
  void badRulesAreRefusedTheDryRunShowsWhatWouldFireAndAgentsCorrectTopics() {
    long team = team("Dry");
    Api.Response badRegex =
        admin.post(
            "api/v1/routing/rules",
            Map.of(
                "name", "bad",
                "conditions", List.of(when("text", "matches", "(unclosed")),
                "actions", List.of(then("setTeam", Long.toString(team)))));
    assertEquals(422, badRegex.status(), badRegex.toString());
    assertEquals("conditions[0].values", badRegex.json().getString("field"));
    Api.Response unknownTeam =
        admin.post(
            "api/v1/routing/rules",
            Map.of("name", "bad", "actions", List.of(then("setTeam", "987654321"))));
    assertEquals(422, unknownTeam.status());
    assertEquals("actions[0].value", unknownTeam.json().getString("field"));
    assertEquals(404, admin.get("api/v1/routing/rules/987654321").status());

    Agent agent = agent("Lee", team, List.of("en"), 10);
    assertEquals(
        403,
        agent
            .api()
            .post(
                "api/v1/routing/rules",
                Map.of("name", "mine", "actions", List.of(then("setPriority", "LOW"))))
            .status(),
        "agents do not write rules");

    rule(
        Map.of(
            "name",
            "VIP carts " + run,
            "matchAny",
            true,
            "conditions",
            List.of(when("vip", "is", "true"), when("orderValue", "atLeast", "500")),
            "actions",
            List.of(then("setPriority", "URGENT"), then("setTeam", Long.toString(team)))));
    Api.Response dry =
        admin.post(
            "api/v1/routing/dry-run",
            Map.of(
                "text", "the payment page says my card was declined",
                "channel", "CHAT",
                "checkoutStep", "payment",
                "orderValue", 640));
    assertEquals(200, dry.status(), dry.toString());
    JsonObject d = dry.json();
    assertEquals("PAYMENT", d.getJsonObject("topic").getString("topic"));
    assertEquals("URGENT", d.getJsonObject("outcome").getString("priority"));
    assertTrue(
        d.getJsonObject("outcome").getJsonArray("firings").toString().contains("VIP carts " + run));

    // an agent corrects a topic: it stays, and the timeline names them
    long id = inbound("corr", "do you have the oak table in 200 cm? corr-" + run, null);
    routed(id);
    Api.Response corrected =
        admin.put("api/v1/tickets/" + id + "/topic", Map.of("topic", "CHECKOUT"));
    assertEquals(200, corrected.status(), corrected.toString());
    assertEquals("CHECKOUT", corrected.json().getJsonObject("ticket").getString("topic"));
    assertTrue(
        timeline(corrected.json(), "TOPIC_SET").stream().anyMatch(s -> s.contains("corrected")));
    assertEquals(
        422, admin.put("api/v1/tickets/" + id + "/topic", Map.of("topic", "WEATHER")).status());
    assertEquals(
        404, admin.put("api/v1/tickets/987654321/topic", Map.of("topic", "CHECKOUT")).status());
    assertEquals(
        422,
        admin
            .put("api/v1/teams/" + team + "/routing", Map.of("businessHours", "weekdays"))
            .status());
  }
}
