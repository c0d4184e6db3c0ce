package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API channel end to end: POST /api/v1/inbound → IngestService → a ticket. */
@ExtendWith(ArquillianExtension.class)
class InboundApiIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api integration;
  Api admin;
  final String run = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void clients() {
    admin = Api.admin(base);
    integration = admin; // admins may feed the API channel too; a dedicated account is tested below
  }

  private Map<String, Object> message(String externalId, String email, String text) {
    return Map.of(
        "externalId",
        run + "-" + externalId,
        "from",
        Map.of("email", email, "name", "Sam Shopper"),
        "text",
        text);
  }

  private JsonObject ticket(long id) {
    var r = admin.get("api/v1/tickets/" + id);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  @Test
  void aNewMessageOpensATicketWithItsContactAndOrderContext() {
    var r =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-ctx",
                "conversationId",
                run + "-conv",
                "from",
                Map.of("email", "Layla." + run + "@Example.com", "name", "ليلى"),
                "subject",
                "أين طلبي؟",
                "html",
                "<p>لم يصل <b>طلبي</b></p><script>alert('x')</script><img src=x onerror=alert(1)>",
                "metadata",
                Map.of(
                    "orderRef",
                    "A-1001",
                    "cartRef",
                    "cart-9",
                    "language",
                    "ar",
                    "checkoutStep",
                    "payment")));
    assertEquals(201, r.status(), r.body());
    assertTrue(r.json().getBoolean("ticketCreated"));
    long id = r.json().getJsonNumber("ticketId").longValue();
    assertEquals(
        "/api/v1/tickets/" + id,
        java.net.URI.create(r.headers().firstValue("Location").orElseThrow()).getPath());

    JsonObject t = ticket(id);
    assertEquals("أين طلبي؟", t.getJsonObject("ticket").getString("subject"));
    assertEquals("NEW", t.getJsonObject("ticket").getString("status"));
    assertEquals("ar", t.getJsonObject("ticket").getString("language"));
    assertEquals("A-1001", t.getString("orderRef"));
    assertEquals("cart-9", t.getString("cartRef"));
    assertEquals(
        "layla." + run + "@example.com",
        t.getJsonObject("contact").getJsonArray("identities").getJsonObject(0).getString("value"),
        "e-mail lower-cased");
    JsonObject m = t.getJsonArray("messages").getJsonObject(0);
    assertEquals(1, m.getInt("sequence"));
    assertEquals("لم يصل طلبي", m.getString("text"));
    assertFalse(m.getString("html").contains("script"), m.getString("html"));
    assertFalse(m.getString("html").contains("onerror"), m.getString("html"));
    assertEquals("payment", m.getJsonObject("metadata").getString("checkoutStep"));
  }

  @Test
  void theSameMessagePostedTwiceIsStoredOnce() {
    var first =
        integration.post(
            "api/v1/inbound", message("dup", "dup-" + run + "@example.com", "Where is my parcel?"));
    var again =
        integration.post(
            "api/v1/inbound", message("dup", "dup-" + run + "@example.com", "Where is my parcel?"));
    assertEquals(201, first.status());
    assertEquals(200, again.status());
    assertTrue(again.json().getBoolean("duplicate"));
    assertEquals(first.json().getJsonNumber("messageId"), again.json().getJsonNumber("messageId"));
    assertEquals(
        1,
        ticket(first.json().getJsonNumber("ticketId").longValue()).getJsonArray("messages").size());
  }

  @Test
  void concurrentRedeliveriesOfOneMessageStoreItOnce() throws Exception {
    Map<String, Object> body = message("race", "race-" + run + "@example.com", "Charged twice!");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Response>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(() -> integration.post("api/v1/inbound", body)));
      }
      Set<Long> messages = new HashSet<>();
      int created = 0;
      for (Future<Api.Response> f : all) {
        Api.Response r = f.get();
        assertTrue(r.status() == 201 || r.status() == 200, r.toString());
        created += r.status() == 201 ? 1 : 0;
        messages.add(r.json().getJsonNumber("messageId").longValue());
      }
      assertEquals(1, created, "exactly one delivery stores the message");
      assertEquals(1, messages.size());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aFollowUpInTheSameConversationThreadsOntoTheSameTicket() {
    var first =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-t1",
                "conversationId",
                run + "-thread",
                "from",
                Map.of("email", "thread-" + run + "@example.com"),
                "text",
                "My card was declined"));
    var second =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-t2",
                "conversationId",
                run + "-thread",
                "from",
                Map.of("email", "thread-" + run + "@example.com"),
                "text",
                "Tried another card, declined again"));
    var third =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-t3",
                "inReplyTo",
                List.of(run + "-t2"),
                "from",
                Map.of("email", "thread-" + run + "@example.com"),
                "text",
                "Any news?"));
    long id = first.json().getJsonNumber("ticketId").longValue();
    assertEquals(id, second.json().getJsonNumber("ticketId").longValue());
    assertEquals(id, third.json().getJsonNumber("ticketId").longValue());
    var messages = ticket(id).getJsonArray("messages");
    assertEquals(3, messages.size());
    assertEquals("Any news?", messages.getJsonObject(2).getString("text"));
    assertEquals(3, messages.getJsonObject(2).getInt("sequence"));
  }

  @Test
  void aTicketReferenceInTheSubjectThreadsOnlyForTheSameCustomer() {
    var first =
        integration.post(
            "api/v1/inbound", message("ref1", "ref-" + run + "@example.com", "Order late"));
    long id = first.json().getJsonNumber("ticketId").longValue();
    var sameCustomer =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-ref2",
                "subject",
                "Re: Order late [#" + id + "]",
                "from",
                Map.of("email", "ref-" + run + "@example.com"),
                "text",
                "Still waiting"));
    var stranger =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-ref3",
                "subject",
                "Re: Order late [#" + id + "]",
                "from",
                Map.of("email", "stranger-" + run + "@example.com"),
                "text",
                "Guessing ticket numbers"));
    assertEquals(id, sameCustomer.json().getJsonNumber("ticketId").longValue());
    assertNotEquals(
        id,
        stranger.json().getJsonNumber("ticketId").longValue(),
        "never threads across customers");
    assertEquals(
        "Re: Order late",
        ticket(stranger.json().getJsonNumber("ticketId").longValue())
            .getJsonObject("ticket")
            .getString("subject"),
        "our reference is not kept in a new ticket's subject");
  }

  @Test
  void aMessageOnASolvedTicketReopensItAndOnAClosedOneOpensAFollowUp() {
    var first =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-s1",
                "conversationId",
                run + "-solved",
                "from",
                Map.of("email", "solved-" + run + "@example.com"),
                "text",
                "Coupon does not work"));
    long id = first.json().getJsonNumber("ticketId").longValue();
    assertEquals(
        200, admin.put("api/v1/tickets/" + id + "/status", Map.of("status", "SOLVED")).status());
    integration.post(
        "api/v1/inbound",
        Map.of(
            "externalId",
            run + "-s2",
            "conversationId",
            run + "-solved",
            "from",
            Map.of("email", "solved-" + run + "@example.com"),
            "text",
            "Now it fails again"));
    JsonObject reopened = ticket(id);
    assertEquals("OPEN", reopened.getJsonObject("ticket").getString("status"));
    assertTrue(
        reopened.getJsonArray("activities").stream()
            .anyMatch(a -> a.asJsonObject().getString("type").equals("REOPENED")));

    assertEquals(
        200, admin.put("api/v1/tickets/" + id + "/status", Map.of("status", "CLOSED")).status());
    var afterClose =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-s3",
                "conversationId",
                run + "-solved",
                "from",
                Map.of("email", "solved-" + run + "@example.com"),
                "text",
                "One more thing"));
    long followUp = afterClose.json().getJsonNumber("ticketId").longValue();
    assertNotEquals(id, followUp);
    assertEquals(id, ticket(followUp).getJsonNumber("followUpOf").longValue());
    assertEquals("CLOSED", ticket(id).getJsonObject("ticket").getString("status"));
  }

  @Test
  void anIntegrationAccountFeedsTheChannelButCannotReadTickets() {
    var created =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                "store-" + run,
                "displayName",
                "Store backend",
                "roles",
                List.of("INTEGRATION")));
    assertEquals(201, created.status(), created.body());
    long id = created.json().getJsonNumber("id").longValue();
    var token = admin.post("api/v1/agents/" + id + "/tokens", Map.of("name", "store backend"));
    assertEquals(201, token.status(), token.body());
    Api store = Api.anonymous(base).withToken(token.json().getString("secret"));

    assertEquals(
        201,
        store
            .post("api/v1/inbound", message("int", "int-" + run + "@example.com", "hello"))
            .status());
    var list = store.get("api/v1/tickets");
    assertEquals(403, list.status(), "an integration cannot read the inbox");
    assertTrue(list.contentType().startsWith("application/problem+json"));

    assertEquals(
        204,
        admin
            .delete("api/v1/auth/tokens/" + token.json().getJsonNumber("id").longValue())
            .status());
    assertEquals(
        401,
        store
            .post("api/v1/inbound", message("int2", "int-" + run + "@example.com", "hello"))
            .status(),
        "a revoked token authenticates nobody");
  }

  @Test
  void attachmentsAreStoredAndDownloadedSafely() {
    String pdf =
        java.util.Base64.getEncoder()
            .encodeToString("%PDF-1.4 receipt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String html =
        java.util.Base64.getEncoder()
            .encodeToString(
                "<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var r =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-att",
                "from",
                Map.of("email", "att-" + run + "@example.com"),
                "text",
                "Receipt attached",
                "attachments",
                List.of(
                    Map.of(
                        "filename",
                        "إيصال الطلب.pdf",
                        "contentType",
                        "application/pdf",
                        "data",
                        pdf),
                    Map.of("filename", "page.html", "contentType", "text/html", "data", html))));
    assertEquals(201, r.status(), r.body());
    var attachments =
        ticket(r.json().getJsonNumber("ticketId").longValue())
            .getJsonArray("messages")
            .getJsonObject(0)
            .getJsonArray("attachments");
    assertEquals(2, attachments.size());
    assertEquals("إيصال الطلب.pdf", attachments.getJsonObject(0).getString("filename"));
    assertEquals(16, attachments.getJsonObject(0).getInt("size"));

    var file =
        admin.get(
            "api/v1/attachments/" + attachments.getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(200, file.status());
    assertEquals("%PDF-1.4 receipt", file.body());
    assertTrue(
        file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    assertTrue(
        file.headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("filename*=UTF-8''%D8%A5%D9%8A%D8%B5%D8%A7%D9%84"));

    var page =
        admin.get(
            "api/v1/attachments/" + attachments.getJsonObject(1).getJsonNumber("id").longValue());
    assertEquals(
        "application/octet-stream",
        page.contentType(),
        "HTML from a shopper is never served as a page");
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(
        page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("sandbox"));
    assertEquals(404, admin.get("api/v1/attachments/987654321").status());
  }

  @Test
  void aBatchIsStoredInOrderThreadedAndDeduplicated() {
    var before =
        integration.post(
            "api/v1/inbound", message("b0", "batch-" + run + "@example.com", "Posted earlier"));
    var r =
        integration.post(
            "api/v1/inbound/batch",
            List.of(
                Map.of(
                    "externalId",
                    run + "-b1",
                    "conversationId",
                    run + "-bconv",
                    "from",
                    Map.of("email", "batch-" + run + "@example.com"),
                    "text",
                    "First"),
                Map.of(
                    "externalId",
                    run + "-b2",
                    "conversationId",
                    run + "-bconv",
                    "from",
                    Map.of("email", "batch-" + run + "@example.com"),
                    "text",
                    "Second, same conversation"),
                message("b0", "batch-" + run + "@example.com", "Posted earlier"),
                Map.of(
                    "externalId",
                    run + "-b1",
                    "from",
                    Map.of("email", "batch-" + run + "@example.com"),
                    "text",
                    "First, redelivered in the same batch")));
    assertEquals(200, r.status(), r.body());
    var results = r.structure().asJsonArray();
    assertEquals(4, results.size());
    assertTrue(results.getJsonObject(0).getBoolean("ticketCreated"));
    assertEquals(
        results.getJsonObject(0).getJsonNumber("ticketId"),
        results.getJsonObject(1).getJsonNumber("ticketId"),
        "threaded within the batch");
    assertTrue(results.getJsonObject(2).getBoolean("duplicate"));
    assertEquals(
        before.json().getJsonNumber("messageId"),
        results.getJsonObject(2).getJsonNumber("messageId"));
    assertTrue(
        results.getJsonObject(3).getBoolean("duplicate"),
        "a redelivery inside the batch is a duplicate too");
    assertEquals(
        2,
        ticket(results.getJsonObject(0).getJsonNumber("ticketId").longValue())
            .getJsonArray("messages")
            .size());

    var bad =
        integration.post(
            "api/v1/inbound/batch",
            List.of(
                message("b5", "batch-" + run + "@example.com", "fine"),
                Map.of("externalId", run + "-b6", "text", "no sender")));
    assertEquals(422, bad.status(), bad.body());
    assertTrue(bad.json().getString("detail").startsWith("message 1: "), bad.body());
    assertEquals(
        201,
        integration
            .post("api/v1/inbound", message("b5", "batch-" + run + "@example.com", "fine"))
            .status(),
        "nothing of a refused batch was stored");
  }

  @Test
  void twoStoresUsingTheSameMessageIdsDoNotCollide() {
    var a =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "channelAccount",
                "shop-a-" + run,
                "externalId",
                "1",
                "from",
                Map.of("email", "a-" + run + "@example.com"),
                "text",
                "From shop A"));
    var b =
        integration.post(
            "api/v1/inbound",
            Map.of(
                "channelAccount",
                "shop-b-" + run,
                "externalId",
                "1",
                "from",
                Map.of("email", "b-" + run + "@example.com"),
                "text",
                "From shop B"));
    assertEquals(201, a.status(), a.body());
    assertEquals(201, b.status(), "shop B's message 1 is not shop A's: " + b.body());
    assertNotEquals(a.json().getJsonNumber("messageId"), b.json().getJsonNumber("messageId"));
  }
}
