package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbound path: reply → QUEUED → JMS → dispatcher → the API channel's callback, a real HTTP
 * server here → SENT, or retries with back-off → FAILED.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundDeliveryIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;
  HttpServer receiver;
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicInteger calls = new AtomicInteger();
  volatile String fixedId;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final String run = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void start() throws IOException {
    admin = Api.admin(base);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/store/replies",
        exchange -> {
          // the answer is chosen before the call is counted: a test that waits for a call and
          // then changes the status changes the next call's answer, never this one's
          int answerStatus = status.get();
          int call = calls.incrementAndGet();
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer =
              ("{\"id\":\"" + (fixedId != null ? fixedId : "store-" + call) + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answerStatus, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private long ticketOnAccount(String account) {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/store/replies";
    var acc =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "API",
                "address",
                account,
                "name",
                "Store",
                "settings",
                Map.of("callbackUrl", url, "callbackSecret", "s3cret")));
    assertEquals(201, acc.status(), acc.body());
    assertEquals(
        List.of("callbackSecret", "callbackUrl"),
        acc.json().getJsonArray("settingKeys").getValuesAs(jakarta.json.JsonString::getString),
        "settings are write-only: only their names come back");
    var r =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "channelAccount",
                account,
                "externalId",
                account + "-1",
                "from",
                Map.of("email", account + "@example.com", "name", "Noor"),
                "text",
                "هل وصل طلبي؟"));
    assertEquals(201, r.status(), r.body());
    return r.json().getJsonNumber("ticketId").longValue();
  }

  private JsonObject lastMessage(long ticket) {
    var messages = admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages");
    return messages.getJsonObject(messages.size() - 1);
  }

  @Test
  void aReplyIsDeliveredToTheChannelAndMarkedSent() {
    String account = "ok-" + run;
    long ticket = ticketOnAccount(account);
    var reply =
        admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "نعم، وصل طلبك اليوم"));
    assertEquals(202, reply.status(), reply.body());
    JsonObject sent =
        Poll.until(
            () -> lastMessage(ticket), m -> m.getString("deliveryStatus").equals("SENT"), "SENT");
    assertEquals(account + "/store-1", sent.getString("externalId"), "the channel's id is kept");
    assertEquals(1, calls.get());
    assertTrue(bodies.get(0).contains("نعم، وصل طلبك اليوم"), bodies.get(0));
    assertTrue(bodies.get(0).contains("\"ticket\":" + ticket), bodies.get(0));
  }

  @Test
  void aFailingChannelIsRetriedWithBackOffThenMarkedFailed() {
    long ticket = ticketOnAccount("down-" + run);
    status.set(503);
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "We are on it"));
    JsonObject failed =
        Poll.until(
            () -> lastMessage(ticket),
            m -> m.getString("deliveryStatus").equals("FAILED"),
            "FAILED");
    assertEquals(3, failed.getInt("deliveryAttempts"), "helpdesk.outbound.max-attempts=3 in tests");
    assertEquals(3, calls.get());
    assertEquals("callback answered HTTP 503", failed.getString("deliveryError"));
    var activities = admin.get("api/v1/tickets/" + ticket).json().getJsonArray("activities");
    assertTrue(
        activities.stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(a -> a.getString("type").equals("DELIVERY_FAILED")));
  }

  @Test
  void aPermanentRefusalFailsAtOnce() {
    long ticket = ticketOnAccount("gone-" + run);
    status.set(410);
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Hello?"));
    JsonObject failed =
        Poll.until(
            () -> lastMessage(ticket),
            m -> m.getString("deliveryStatus").equals("FAILED"),
            "FAILED");
    assertEquals(1, failed.getInt("deliveryAttempts"));
    assertEquals(1, calls.get());
  }

  @Test
  void aRecoveringChannelGetsTheReplyOnALaterAttempt() {
    long ticket = ticketOnAccount("flaky-" + run);
    status.set(500);
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Second time lucky"));
    Poll.until(calls::get, n -> n >= 1, "first attempt");
    status.set(200);
    JsonObject sent =
        Poll.until(
            () -> lastMessage(ticket), m -> m.getString("deliveryStatus").equals("SENT"), "SENT");
    assertEquals(1, sent.getInt("deliveryAttempts"), "one failed attempt before success");
    assertEquals(2, calls.get(), "delivered once after recovering, not twice");
  }

  @Test
  void aChannelRepeatingAnIdNeverCausesASecondSend() {
    String account = "same-id-" + run;
    long ticket = ticketOnAccount(account);
    fixedId = "always-the-same";
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "First reply"));
    Poll.until(
        () -> lastMessage(ticket), m -> m.getString("deliveryStatus").equals("SENT"), "first SENT");
    var second =
        admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Second reply"));
    long secondId = second.json().getJsonNumber("id").longValue();
    JsonObject sent =
        Poll.until(
            () -> lastMessage(ticket),
            m -> m.getString("deliveryStatus").equals("SENT"),
            "second SENT");
    assertEquals(account + "/always-the-same#" + secondId, sent.getString("externalId"));
    assertEquals(2, calls.get(), "each reply reached the channel exactly once");
  }
}
