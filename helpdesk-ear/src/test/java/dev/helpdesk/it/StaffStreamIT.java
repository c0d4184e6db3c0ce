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

/** The staff stream /ws/agent: who may connect, and which ticket events each agent hears. */
@ExtendWith(ArquillianExtension.class)
class StaffStreamIT {
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
  void withoutLoginOrFromAnotherSiteTheStreamIsRefused() throws Exception {
    assertEquals(401, ChatClient.staffRefusedWith(base, null, null));
    assertEquals(401, ChatClient.staffRefusedWith(base, "hd_not-a-token", null));
    assertEquals(403, ChatClient.staffRefusedWith(base, admin.token(), "https://evil.test"));
  }

  @Test
  void anAgentHearsOfTheirTeamsTicketsAndNotOfOthers() throws Exception {
    long payments = team("Payments");
    long shipping = team("Shipping");
    String login = "pay" + run;
    agent(login, payments);
    Api agent = Api.token(base, login, "agent-password");
    try (ChatClient stream = ChatClient.staff(base, agent.token(), null);
        ChatClient manager = ChatClient.staff(base, admin.token(), null)) {
      stream.next("welcome");
      manager.next("welcome");
      long theirs = inbound("a1", "conv-a");
      long others = inbound("b1", "conv-b");
      // both start unrouted (the shared queue): the agent hears of both
      stream.next(f -> ticketOf(f) == theirs, "the first ticket");
      stream.next(f -> ticketOf(f) == others, "the second ticket");
      move(theirs, payments);
      move(others, shipping);
      inbound("a2", "conv-a");
      inbound("b2", "conv-b");
      JsonObject added =
          stream.next(
              f -> ticketOf(f) == theirs && "MESSAGE_ADDED".equals(f.getString("event")),
              "the new message on the agent's team's ticket");
      assertEquals(
          payments,
          added.getJsonObject("ticket").getJsonObject("team").getJsonNumber("id").longValue());
      assertEquals("Where is my order? a2", added.getJsonObject("ticket").getString("preview"));
      assertEquals(
          "Payments " + run,
          added.getJsonObject("ticket").getJsonObject("team").getString("name"),
          "the list shows the team by name");
      // renamed: the next event already says the new name
      assertEquals(
          200,
          admin.put("api/v1/teams/" + payments, Map.of("name", "Card payments " + run)).status());
      inbound("a3", "conv-a");
      JsonObject renamed =
          stream.next(
              f ->
                  ticketOf(f) == theirs
                      && f.getJsonObject("ticket").getString("preview").endsWith("a3"),
              "the message after the rename");
      assertEquals(
          "Card payments " + run,
          renamed.getJsonObject("ticket").getJsonObject("team").getString("name"));
      // the other team's news exists: an admin, who sees everything, hears it
      manager.next(
          f -> ticketOf(f) == others && "MESSAGE_ADDED".equals(f.getString("event")),
          "the other team's new message, on the admin's stream");
      List<JsonObject> rest = stream.drain(1500);
      assertTrue(
          rest.stream()
              .noneMatch(f -> "ticket".equals(f.getString("type")) && ticketOf(f) == others),
          "nothing about another team's ticket once it is theirs: " + rest);
    }
  }

  @Test
  void aReconnectingTabGetsWhatItMissedOnceAndInOrderInEveryTab() throws Exception {
    long seen;
    long ticket;
    try (ChatClient tab = ChatClient.staff(base, admin.token(), null)) {
      JsonObject welcome = tab.next("welcome");
      assertEquals("fresh", welcome.getString("resume"));
      ticket = inbound("r1", "conv-r");
      JsonObject first = tab.next(f -> ticketOf(f) == ticket, "the new ticket");
      assertEquals("TICKET_CREATED", first.getString("event"));
      assertTrue(first.getJsonNumber("seq").longValue() > welcome.getJsonNumber("seq").longValue());
      seen = first.getJsonNumber("seq").longValue();
    }
    // while the tab is away: two messages and an assignment
    inbound("r2", "conv-r");
    inbound("r3", "conv-r");
    assertEquals(
        200,
        admin.put("api/v1/tickets/" + ticket + "/priority", Map.of("priority", "HIGH")).status());
    try (ChatClient tab = ChatClient.staff(base, admin.token(), null, Long.toString(seen));
        ChatClient secondTab = ChatClient.staff(base, admin.token(), null, Long.toString(seen))) {
      Map<ChatClient, List<Long>> delivered = new java.util.HashMap<>();
      for (ChatClient t : List.of(tab, secondTab)) {
        assertEquals("resumed", t.next("welcome").getString("resume"));
        List<JsonObject> got = new java.util.ArrayList<>();
        got.add(t.next(f -> ticketOf(f) == ticket, "the first missed event"));
        got.add(t.next(f -> ticketOf(f) == ticket, "the second missed event"));
        got.add(t.next(f -> ticketOf(f) == ticket, "the third missed event"));
        got.addAll(
            t.drain(1000).stream()
                .filter(f -> "ticket".equals(f.getString("type")))
                .filter(f -> ticketOf(f) == ticket)
                .toList());
        assertEquals(
            List.of("MESSAGE_ADDED", "MESSAGE_ADDED", "TICKET_UPDATED"),
            got.stream().map(f -> f.getString("event")).toList(),
            "each missed event once, in order: " + got);
        assertEquals(
            "Where is my order? r3", got.get(1).getJsonObject("ticket").getString("preview"));
        assertEquals("HIGH", got.get(2).getJsonObject("ticket").getString("priority"));
        long last = seen;
        for (JsonObject f : got) {
          long seq = f.getJsonNumber("seq").longValue();
          assertTrue(seq > last, "numbers only grow: " + got);
          last = seq;
          delivered.computeIfAbsent(t, x -> new java.util.ArrayList<>()).add(seq);
        }
      }
      // and live again: a new event reaches both tabs once
      inbound("r4", "conv-r");
      for (ChatClient t : List.of(tab, secondTab)) {
        JsonObject live =
            t.next(
                f -> ticketOf(f) == ticket && "MESSAGE_ADDED".equals(f.getString("event")),
                "live again");
        // other events may follow (an SLA tick, another test's job), each once; r4's not again
        List<Long> numbers = new java.util.ArrayList<>(delivered.get(t));
        numbers.add(live.getJsonNumber("seq").longValue());
        List<JsonObject> after =
            t.drain(800).stream().filter(f -> "ticket".equals(f.getString("type"))).toList();
        after.forEach(f -> numbers.add(f.getJsonNumber("seq").longValue()));
        assertEquals(
            numbers.size(), new java.util.HashSet<>(numbers).size(), "nothing twice: " + numbers);
        assertTrue(
            after.stream()
                .noneMatch(
                    f -> ticketOf(f) == ticket && "MESSAGE_ADDED".equals(f.getString("event"))),
            "r4 once: " + live + " then " + after);
      }
    }
    // a number the server never gave is refused; a tab too far behind is told to reload
    try (ChatClient ahead = ChatClient.staff(base, admin.token(), null, "999999999999")) {
      assertEquals(1003, ahead.closeCode());
    }
    try (ChatClient garbled = ChatClient.staff(base, admin.token(), null, "not-a-number")) {
      assertEquals("reset", garbled.next("welcome").getString("resume"));
    }
  }

  @Test
  void concurrentWritersStillReachATabOnceEachAndEachConversationInOrder() throws Exception {
    int writers = 8;
    int each = 10;
    try (ChatClient tab = ChatClient.staff(base, admin.token(), null)) {
      tab.next("welcome");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(writers);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    inbound("c" + writer + "-" + i, "conv-c" + writer);
                  }
                }));
      }
      for (var f : done) {
        f.get();
      }
      pool.shutdown();
      String prefix = "Where is my order? c";
      List<JsonObject> got = new java.util.ArrayList<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (got.size() < writers * each && System.currentTimeMillis() < deadline) {
        got.addAll(
            tab.drain(500).stream()
                .filter(f -> "ticket".equals(f.getString("type")))
                .filter(f -> f.getJsonObject("ticket").getString("preview", "").startsWith(prefix))
                .toList());
      }
      got.addAll(
          tab.drain(1000).stream()
              .filter(f -> "ticket".equals(f.getString("type")))
              .filter(f -> f.getJsonObject("ticket").getString("preview", "").startsWith(prefix))
              .toList());
      assertEquals(writers * each, got.size(), "one event per message");
      assertEquals(
          writers * each,
          got.stream().map(f -> f.getJsonNumber("seq").longValue()).distinct().count(),
          "none twice");
      // events come as their transactions commit, not in number order; each conversation's
      // messages in the order they were written
      for (int w = 0; w < writers; w++) {
        String mine = prefix + w + "-";
        List<String> previews =
            got.stream()
                .map(f -> f.getJsonObject("ticket").getString("preview"))
                .filter(p -> p.startsWith(mine))
                .toList();
        assertEquals(
            java.util.stream.IntStream.range(0, each).mapToObj(i -> mine + i).toList(), previews);
      }
      // a tab resuming from a frame's upTo has had every number up to it
      java.util.Set<Long> had = new java.util.HashSet<>();
      long lastUpTo = 0;
      for (JsonObject f : got) {
        had.add(f.getJsonNumber("seq").longValue());
        long upTo = f.getJsonNumber("upTo").longValue();
        assertTrue(upTo >= lastUpTo, "upTo only grows");
        lastUpTo = upTo;
        for (JsonObject g : got) {
          long seq = g.getJsonNumber("seq").longValue();
          assertTrue(seq > upTo || had.contains(seq), "number " + seq + " before upTo " + upTo);
        }
      }
    }
  }

  @Test
  void colleaguesSeeWhoIsViewingAndTypingButOtherTeamsDoNot() throws Exception {
    long payments = team("Payments");
    long shipping = team("Shipping");
    agent("ann" + run, payments);
    agent("ben" + run, payments);
    agent("cat" + run, shipping);
    Api ann = Api.token(base, "ann" + run, "agent-password");
    Api ben = Api.token(base, "ben" + run, "agent-password");
    Api cat = Api.token(base, "cat" + run, "agent-password");
    long ticket = inbound("v1", "conv-v");
    move(ticket, payments);
    try (ChatClient a = ChatClient.staff(base, ann.token(), null);
        ChatClient b = ChatClient.staff(base, ben.token(), null);
        ChatClient c = ChatClient.staff(base, cat.token(), null)) {
      a.next("welcome");
      b.next("welcome");
      c.next("welcome");
      a.send("{\"type\":\"viewing\",\"ticket\":" + ticket + "}");
      JsonObject viewing = b.next("collision");
      assertEquals(ticket, viewing.getJsonNumber("ticket").longValue());
      assertEquals("viewing", viewing.getString("state"));
      assertEquals("ann" + run, viewing.getString("name"));
      a.send("{\"type\":\"typing\",\"ticket\":" + ticket + "}");
      assertEquals("typing", b.next("collision").getString("state"));
      // cat may not see the ticket: cannot announce on it, and hears nothing about it
      c.send("{\"type\":\"viewing\",\"ticket\":" + ticket + "}");
      assertEquals("not-found", c.next("error").getString("code"));
      c.send("{\"type\":\"nonsense\"}");
      assertEquals("unknown-type", c.next("error").getString("code"));
      c.send("not json");
      assertEquals("malformed", c.next("error").getString("code"));
      assertTrue(
          c.drain(800).stream().noneMatch(f -> "collision".equals(f.getString("type"))),
          "another team hears no collision notices");
      assertTrue(
          a.drain(300).stream().noneMatch(f -> "collision".equals(f.getString("type"))),
          "an agent does not hear their own notices");
      // ann closes the tab: ben sees her leave
      a.close();
      JsonObject left = b.next("collision");
      assertEquals("left", left.getString("state"));
    }
  }

  @Test
  void presenceFollowsOpenWorkspacesAndTheToggle() throws Exception {
    long payments = team("Payments");
    String login = "pia" + run;
    agent(login, payments);
    Api pia = Api.token(base, login, "agent-password");
    long id = pia.get("api/v1/agents/me").json().getJsonNumber("id").longValue();
    assertEquals(
        200, pia.put("api/v1/agents/me/availability", Map.of("availability", "ONLINE")).status());
    assertEquals("OFFLINE", stateOf(id), "online by the toggle, but no workspace open");
    try (ChatClient manager = ChatClient.staff(base, admin.token(), null)) {
      manager.next("welcome");
      try (ChatClient tab1 = ChatClient.staff(base, pia.token(), null);
          ChatClient tab2 = ChatClient.staff(base, pia.token(), null)) {
        JsonObject on =
            manager.next(
                f ->
                    "presence".equals(f.getString("type"))
                        && f.getJsonNumber("agent").longValue() == id,
                "pia online");
        assertEquals("ONLINE", on.getString("state"));
        assertEquals("ONLINE", stateOf(id));
        assertEquals(
            200, pia.put("api/v1/agents/me/availability", Map.of("availability", "AWAY")).status());
        assertEquals(
            "AWAY",
            manager
                .next(
                    f ->
                        "presence".equals(f.getString("type"))
                            && f.getJsonNumber("agent").longValue() == id,
                    "pia away")
                .getString("state"));
        tab1.close();
        // the other tab is still open: still there
        assertEquals("AWAY", stateOf(id));
      }
      JsonObject off =
          manager.next(
              f ->
                  "presence".equals(f.getString("type"))
                      && f.getJsonNumber("agent").longValue() == id
                      && "OFFLINE".equals(f.getString("state")),
              "pia gone");
      assertEquals("OFFLINE", off.getString("state"));
      assertEquals("OFFLINE", stateOf(id));
    }
  }

  private String stateOf(long agent) {
    var list = admin.get("api/v1/agents/presence").structure().asJsonArray();
    return list.stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> o.getJsonNumber("id").longValue() == agent)
        .findFirst()
        .orElseThrow()
        .getString("state");
  }

  private static long ticketOf(JsonObject f) {
    return f.containsKey("ticket") && f.get("ticket").getValueType() == JsonValue.ValueType.OBJECT
        ? f.getJsonObject("ticket").getJsonNumber("id").longValue()
        : -1;
  }

  private long inbound(String key, String conversation) {
    var r =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-" + key,
                "conversationId",
                run + "-" + conversation,
                "from",
                Map.of("email", conversation + "-" + run + "@example.com"),
                "text",
                "Where is my order? " + key));
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  private void move(long ticket, long team) {
    assertEquals(
        200, admin.put("api/v1/tickets/" + ticket + "/team", Map.of("teamId", team)).status());
  }

  private long team(String name) {
    var r = admin.post("api/v1/teams", Map.of("name", name + " " + run));
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("id").longValue();
  }

  private void agent(String login, long team) {
    var r =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                login,
                "displayName",
                login,
                "password",
                "agent-password",
                "roles",
                List.of("AGENT"),
                "teamIds",
                List.of(team)));
    assertEquals(201, r.status(), r.body());
  }
}
