package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
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
      stream.next(f -> f.getJsonNumber("ticket").longValue() == theirs, "the first ticket");
      stream.next(f -> f.getJsonNumber("ticket").longValue() == others, "the second ticket");
      move(theirs, payments);
      move(others, shipping);
      inbound("a2", "conv-a");
      inbound("b2", "conv-b");
      JsonObject added =
          stream.next(
              f ->
                  f.getJsonNumber("ticket").longValue() == theirs
                      && "MESSAGE_ADDED".equals(f.getString("event")),
              "the new message on the agent's team's ticket");
      assertEquals(payments, added.getJsonNumber("team").longValue());
      // the other team's news exists: an admin, who sees everything, hears it
      manager.next(
          f ->
              f.getJsonNumber("ticket").longValue() == others
                  && "MESSAGE_ADDED".equals(f.getString("event")),
          "the other team's new message, on the admin's stream");
      List<JsonObject> rest = stream.drain(1500);
      assertTrue(
          rest.stream()
              .noneMatch(
                  f ->
                      f.containsKey("ticket")
                          && f.getJsonNumber("ticket").longValue() == others
                          && f.containsKey("team")),
          "nothing about another team's ticket once it is theirs: " + rest);
    }
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
