package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * The knowledge base in use: suggestions in the chat widget while the shopper types, "this answered
 * my question" (a deflection, the chat solved self-served), the bot answering while no agent is
 * online, the agent's suggestions and insert in the ticket's language, feedback and statistics,
 * "article missing", and the index following edits and unpublishing.
 */
@ExtendWith(ArquillianExtension.class)
class KnowledgeBaseIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;
  String widget;
  String origin;
  final String run = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void setUp() throws Exception {
    admin = Api.admin(base);
    FaqEvaluationIT.importDemoArticles(admin);
    widget = "kb-" + run;
    origin = "https://" + widget + ".test";
    Api.Response r =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "CHAT",
                "address",
                widget,
                "name",
                "KB shop " + run,
                "settings",
                Map.of("allowedOrigins", origin)));
    assertEquals(201, r.status(), r.toString());
  }

  /** The last shopper's welcome frame. */
  JsonObject welcome;

  ChatClient shopper(String lang) throws Exception {
    ChatClient c = ChatClient.connect(base, widget, origin);
    c.send(
        Json.createObjectBuilder()
            .add("type", "hello")
            .add("lastSeq", 0)
            .add("lang", lang)
            .build());
    welcome = c.next("welcome");
    return c;
  }

  long articleId(String slug, String language) {
    for (JsonValue v :
        admin.get("api/v1/faq/articles?language=" + language).structure().asJsonArray()) {
      JsonObject a = v.asJsonObject();
      if (a.getString("slug").equals(slug)) {
        return a.getJsonNumber("id").longValue();
      }
    }
    throw new AssertionError("no article " + slug + " in " + language);
  }

  JsonObject stats(long article) {
    for (JsonValue v : admin.get("api/v1/faq/stats").structure().asJsonArray()) {
      if (v.asJsonObject().getJsonNumber("id").longValue() == article) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no stats for " + article);
  }

  @Test
  void theShopperSeesSuggestionsWhileTypingOpensOneAndItAnswersTheQuestion() throws Exception {
    long declined = articleId("payment-declined", "en");
    long viewsBefore = stats(declined).getJsonNumber("views").longValue();
    long deflectionsBefore = stats(declined).getJsonNumber("deflections").longValue();
    try (ChatClient c = shopper("en")) {
      c.send(
          Json.createObjectBuilder()
              .add("type", "suggest")
              .add("id", 7)
              .add("text", "my card got declin")
              .build());
      JsonObject s = c.next("suggestions");
      assertEquals(7, s.getInt("id"));
      JsonArray articles = s.getJsonArray("articles");
      assertTrue(articles.size() >= 1 && articles.size() <= 3, s.toString());
      assertEquals(
          declined, articles.getJsonObject(0).getJsonNumber("id").longValue(), s.toString());

      c.send(Json.createObjectBuilder().add("type", "article").add("article", declined).build());
      JsonObject a = c.next("article").getJsonObject("article");
      assertTrue(a.getString("html").contains("<li>"), a.toString());
      c.send(
          Json.createObjectBuilder()
              .add("type", "feedback")
              .add("article", declined)
              .add("helpful", true)
              .build());
      c.next("feedback-saved");
      c.send(Json.createObjectBuilder().add("type", "resolved").add("article", declined).build());
      c.next("resolved");
    }
    JsonObject after = stats(declined);
    assertEquals(viewsBefore + 1, after.getJsonNumber("views").longValue());
    assertEquals(deflectionsBefore + 1, after.getJsonNumber("deflections").longValue());
    assertTrue(after.getJsonNumber("helpful").longValue() >= 1);
  }

  @Test
  void whileNobodyIsOnlineTheBotAnswersOnceAndTheShopperCanCloseTheChatSelfServed()
      throws Exception {
    long codAr = articleId("payment-cod", "ar");
    String since = java.time.Instant.now().minusSeconds(1).toString();
    long firstResponses = facts("FIRST_RESPONSE", since);
    long resolutions = facts("RESOLUTION", since);
    try (ChatClient c = shopper("ar")) {
      assertFalse(welcome.getBoolean("agentsOnline"), "the widget says nobody is online");
      c.send(ChatChannelIT.say("q1", "هل يوجد دفع عند الاستلام؟"));
      long ticket = c.next("ack").getJsonNumber("ticket").longValue();
      JsonObject bot = c.next(f -> "bot".equals(f.getString("from", "")), "the bot's answer");
      assertEquals(codAr, bot.getJsonNumber("article").longValue(), bot.toString());
      assertTrue(
          bot.getString("text").startsWith("هل يمكنني الدفع عند الاستلام"), bot.getString("text"));

      c.send(ChatChannelIT.say("q2", "اقدر ادفع كاش عند الاستلام؟"));
      c.next("ack");
      assertFalse(
          c.drain(1500).stream().anyMatch(f -> "bot".equals(f.getString("from", ""))),
          "the same article is not sent twice");

      JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
      JsonObject auto = details.getJsonArray("messages").getJsonObject(1);
      assertEquals("OUTBOUND", auto.getString("direction"));
      assertTrue(auto.getBoolean("automatic"), auto.toString());
      assertTrue(
          details.getJsonArray("activities").stream()
              .anyMatch(x -> x.asJsonObject().getString("detail", "").contains("FAQ bot")));

      c.send(Json.createObjectBuilder().add("type", "resolved").add("article", codAr).build());
      c.next("resolved");
      Poll.until(
          () -> admin.get("api/v1/tickets/" + ticket).json(),
          d ->
              "SOLVED".equals(d.getJsonObject("ticket").getString("status"))
                  && d.getJsonArray("activities").stream()
                      .anyMatch(x -> "SELF_SERVED".equals(x.asJsonObject().getString("type"))),
          "the chat solved self-served");
      // the bot's answer is nobody's first response; the self-served solve is a resolution, and
      // nobody is asked to rate a conversation no person had
      assertEquals(firstResponses, facts("FIRST_RESPONSE", since));
      assertEquals(resolutions + 1, facts("RESOLUTION", since));
      assertFalse(
          admin
              .get("api/v1/tickets/" + ticket)
              .json()
              .getJsonArray("activities")
              .toString()
              .contains("CSAT_SENT"));
    }
  }

  /** How many facts of a kind ended on chats since then (docs/metrics.md). */
  private long facts(String kind, String since) {
    JsonArray rows =
        admin
            .get("api/v1/metrics/response-times?kind=" + kind + "&channel=CHAT&from=" + since)
            .structure()
            .asJsonArray();
    return rows.isEmpty() ? 0 : rows.getJsonObject(0).getJsonNumber("count").longValue();
  }

  @Test
  void theAgentSeesArticlesForTheTicketAndInsertsThemInItsLanguage() throws Exception {
    long ticket;
    try (ChatClient c = shopper("ar")) {
      c.send(ChatChannelIT.say("q1", "ابغى ارجع الفستان، المقاس ما ضبط"));
      ticket = c.next("ack").getJsonNumber("ticket").longValue();
    }
    JsonArray suggestions = admin.get("api/v1/faq/tickets/" + ticket).structure().asJsonArray();
    assertFalse(suggestions.isEmpty());
    assertTrue(
        suggestions.stream().allMatch(s -> "ar".equals(s.asJsonObject().getString("language"))),
        suggestions.toString());
    assertTrue(
        suggestions.stream()
            .anyMatch(s -> s.asJsonObject().getString("slug").startsWith("returns")),
        suggestions.toString());

    long english = articleId("returns-how", "en");
    long insertedBefore =
        stats(articleId("returns-how", "ar")).getJsonNumber("inserted").longValue();
    Api.Response inserted =
        admin.post("api/v1/faq/tickets/" + ticket + "/insert/" + english, Map.of());
    assertEquals(200, inserted.status(), inserted.toString());
    assertEquals(
        "ar", inserted.json().getString("language"), "the ticket's language, not the article's");
    assertTrue(inserted.json().getString("bodyText").contains("طلباتي"));
    assertEquals(
        insertedBefore + 1,
        stats(articleId("returns-how", "ar")).getJsonNumber("inserted").longValue());

    Api.Response gap =
        admin.post(
            "api/v1/faq/tickets/" + ticket + "/missing",
            Map.of("note", "exchange after 30 days " + run));
    assertEquals(201, gap.status(), gap.toString());
    assertTrue(admin.get("api/v1/faq/gaps").body().contains("exchange after 30 days " + run));
  }

  @Test
  void theIndexFollowsEditsAndUnpublishing() {
    String word = "zorblax" + run.replaceAll("[0-9]", "");
    Api.Response created =
        admin.post(
            "api/v1/faq/articles",
            Map.of(
                "language", "en",
                "category", "SHIPPING",
                "title", "Delivery to the " + word + " islands",
                "keywords", word,
                "bodyHtml",
                    "<p>We ship there weekly.</p><script>alert(1)</script><img src=x onerror=alert(2)>"));
    assertEquals(201, created.status(), created.toString());
    long id = created.json().getJsonNumber("id").longValue();
    assertFalse(created.json().getString("bodyHtml").contains("script"), "sanitised");
    assertFalse(created.json().getString("bodyHtml").contains("onerror"), "sanitised");
    assertEquals(id, first("delivery to " + word));

    String slug = created.json().getString("slug");
    assertEquals(
        200, Api.anonymous(base).get("api/v1/public/faq/" + slug + "?language=en").status());
    String renamed = "quuxly" + run.replaceAll("[0-9]", "");
    Api.Response edited =
        admin.put(
            "api/v1/faq/articles/" + id,
            Map.of(
                "language",
                "en",
                "category",
                "SHIPPING",
                "title",
                "Delivery to the " + renamed + " islands",
                "keywords",
                renamed,
                "bodyHtml",
                "<p>We ship there weekly.</p>",
                "published",
                true));
    assertEquals(200, edited.status(), edited.toString());
    assertEquals(id, first("delivery to " + renamed));
    assertNotEquals(Long.valueOf(id), firstOrNull(word));

    admin.put(
        "api/v1/faq/articles/" + id,
        Map.of(
            "language", "en",
            "category", "SHIPPING",
            "title", "Delivery to the " + renamed + " islands",
            "bodyHtml", "<p>We ship there weekly.</p>",
            "published", false));
    assertNotEquals(Long.valueOf(id), firstOrNull(renamed), "a draft is never suggested");
    assertEquals(
        404, Api.anonymous(base).get("api/v1/public/faq/" + slug + "?language=en").status());
    assertEquals(204, admin.delete("api/v1/faq/articles/" + id).status());
    assertEquals(404, admin.get("api/v1/faq/articles/" + id).status());
  }

  @Test
  void anAdminRebuildsTheIndexesFromTheDatabaseAndSearchAnswersAsBefore() throws Exception {
    String word = "plimsoll" + run.replaceAll("[0-9]", "");
    Api.Response created =
        admin.post(
            "api/v1/faq/articles",
            Map.of(
                "language", "en",
                "category", "RETURNS",
                "title", "Returning " + word + " shoes",
                "keywords", word,
                "bodyHtml", "<p>Send them back within 30 days.</p>"));
    assertEquals(201, created.status(), created.toString());
    long id = created.json().getJsonNumber("id").longValue();
    assertEquals(id, first(word));
    assertEquals(403, agent().post("api/v1/search/reindex", Map.of()).status(), "admins only");

    Api.Response started = admin.post("api/v1/search/reindex", Map.of());
    assertEquals(202, started.status(), started.toString());
    JsonObject status = started.json();
    long deadline = System.currentTimeMillis() + 120_000;
    while (status.getBoolean("running") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = admin.get("api/v1/search/reindex").json();
    }
    assertFalse(status.getBoolean("running"), status.toString());
    assertFalse(status.containsKey("error") && !status.isNull("error"), status.toString());
    assertTrue(status.getJsonNumber("indexed").longValue() >= 1, status.toString());
    assertEquals(id, first(word), "found again after the rebuild");
    admin.delete("api/v1/faq/articles/" + id);
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    Api agent = agent();
    Map<String, Object> article =
        Map.of(
            "language", "en", "category", "SHIPPING", "title", "T " + run, "bodyHtml", "<p>x</p>");
    assertEquals(403, agent.post("api/v1/faq/articles", article).status(), "agents do not edit");
    assertEquals(200, agent.get("api/v1/faq/suggest?q=refund").status(), "agents search");
    assertEquals(
        422,
        admin
            .post(
                "api/v1/faq/articles",
                Map.of(
                    "language", "fr", "category", "SHIPPING", "title", "x", "bodyHtml", "<p>x</p>"))
            .status());
    assertEquals(
        422,
        admin
            .post(
                "api/v1/faq/articles",
                Map.of(
                    "language", "en", "category", "WEATHER", "title", "x", "bodyHtml", "<p>x</p>"))
            .status());
    assertEquals(
        422,
        admin
            .post(
                "api/v1/faq/articles",
                Map.of(
                    "language",
                    "en",
                    "category",
                    "SHIPPING",
                    "title",
                    "x",
                    "bodyHtml",
                    "<script>only()</script>"))
            .status(),
        "a body with no text once sanitised");
    assertEquals(400, admin.get("api/v1/faq/suggest").status());
    assertEquals(400, admin.get("api/v1/faq/suggest?q=x&limit=500").status());
    assertEquals(404, admin.get("api/v1/faq/articles/987654321").status());
    assertEquals(404, admin.get("api/v1/faq/tickets/987654321").status());
    Api.Response bad =
        admin.send(
            "POST", "api/v1/faq/import?language=en", "text/plain", "=== oops\ntitle: x\n<p>y</p>");
    assertEquals(422, bad.status(), bad.toString());
    assertTrue(bad.body().contains("line 1"), bad.body());
    assertEquals(400, Api.anonymous(base).post("api/v1/public/faq/1/feedback", Map.of()).status());
    try (ChatClient c = shopper("en")) {
      c.send(Json.createObjectBuilder().add("type", "article").add("article", 987654321L).build());
      assertEquals("not-found", c.next("error").getString("code"));
      c.send(Json.createObjectBuilder().add("type", "feedback").add("article", 1).build());
      assertEquals("invalid", c.next("error").getString("code"));
      c.send(Json.createObjectBuilder().add("type", "ping").build());
      c.next("pong");
    }
  }

  Api agent() {
    String login = "kba" + run;
    admin.post(
        "api/v1/agents",
        Map.of(
            "login",
            login,
            "displayName",
            "KB agent",
            "password",
            "agent-password",
            "roles",
            List.of("AGENT"),
            "teamIds",
            List.of()));
    return Api.token(base, login, "agent-password");
  }

  Long first(String q) {
    Long id = firstOrNull(q);
    if (id == null) {
      throw new AssertionError("nothing found for " + q);
    }
    return id;
  }

  Long firstOrNull(String q) {
    JsonArray hits =
        admin
            .get("api/v1/faq/suggest?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
            .structure()
            .asJsonArray();
    return hits.isEmpty() ? null : hits.getJsonObject(0).getJsonNumber("id").longValue();
  }
}
