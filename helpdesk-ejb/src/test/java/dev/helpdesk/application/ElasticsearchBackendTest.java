package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.helpdesk.infrastructure.search.FaqAnalyzers;
import dev.helpdesk.infrastructure.search.HelpdeskAnalysisConfigurer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search backend for several nodes ({@code helpdesk.search.backend=elasticsearch}) on a real
 * OpenSearch node started in this JVM: Hibernate Search creates the knowledge base's index with
 * {@link HelpdeskAnalysisConfigurer}'s Elasticsearch definitions, the demo articles are indexed
 * into it, and
 *
 * <ul>
 *   <li>OpenSearch's analysers make the same terms as the Lucene ones ({@link FaqAnalyzers}) of
 *       every demo article and every labelled question, index side and query side (synonyms);
 *   <li>the suggestion search ({@link KnowledgeBase#suggest}) answers the labelled questions as
 *       well as on Lucene: precision@3 ≥ 0.8 per language.
 * </ul>
 */
class ElasticsearchBackendTest {
  static OpenSearchRunner node;
  static SessionFactory orm;
  static String url;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    Path data = Files.createTempDirectory("opensearch");
    node = new OpenSearchRunner();
    node.onBuild((n, settings) -> settings.put("discovery.type", "single-node"))
        .build(
            OpenSearchRunner.newConfigs()
                .clusterName("helpdesk-test")
                .numOfNode(1)
                .basePath(data.toString())
                .disableESLogger());
    node.ensureYellow();
    // the first free HTTP port from 9201 on
    String port = node.node().settings().get("http.port");
    url = "http://localhost:" + port;
    orm =
        SearchFixture.start(
            "es-test",
            Map.of(
                "hibernate.search.backend.type", "elasticsearch",
                "hibernate.search.backend.hosts", "localhost:" + port,
                "hibernate.search.schema_management.strategy", "drop-and-create"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (orm != null) {
      orm.close();
    }
    if (node != null) {
      node.close();
      node.clean();
    }
  }

  @Test
  void openSearchMakesTheSameTermsAsLuceneOfArticlesAndQuestions() throws Exception {
    for (String language : KnowledgeBase.LANGUAGES) {
      List<String> texts = new ArrayList<>();
      for (FaqText.Draft d : FaqText.parse(SearchFixture.demo(language))) {
        texts.add(d.title());
        texts.add(d.keywords());
        texts.add(d.html().replaceAll("<[^>]+>", " "));
      }
      for (SearchFixture.Labelled q : questions(language)) {
        texts.add(q.text());
      }
      for (boolean query : new boolean[] {false, true}) {
        String analyzer = "faq_" + language + (query ? "_query" : "");
        Analyzer lucene = FaqAnalyzers.of(language, query);
        for (String text : texts) {
          assertEquals(
              terms(lucene, text), openSearchTerms(analyzer, text), analyzer + " on: " + text);
        }
      }
    }
  }

  @Test
  void suggestionsOnOpenSearchAnswerTheLabelledQuestions() throws Exception {
    for (String language : KnowledgeBase.LANGUAGES) {
      List<SearchFixture.Labelled> questions = questions(language);
      int answered = 0;
      try (Session s = orm.openSession()) {
        for (SearchFixture.Labelled q : questions) {
          for (KnowledgeBase.Suggestion hit :
              KnowledgeBase.suggest(Search.session(s), q.text(), language, 3)) {
            if (q.labels().contains(hit.slug())) {
              answered++;
              break;
            }
          }
        }
      }
      double at3 = (double) answered / questions.size();
      System.out.printf(
          "OpenSearch %s: precision@3 %.3f (%d questions)%n", language, at3, questions.size());
      assertTrue(at3 >= 0.8, language + " precision@3 " + at3);
    }
  }

  /** The terms by position, synonyms stacked at one position in the order they come. */
  static Map<Integer, List<String>> terms(Analyzer lucene, String text) {
    Map<Integer, List<String>> out = new TreeMap<>();
    try (var ts = lucene.tokenStream("f", text)) {
      var term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      var inc =
          ts.addAttribute(
              org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        out.computeIfAbsent(position, p -> new ArrayList<>()).add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  static Map<Integer, List<String>> openSearchTerms(String analyzer, String text)
      throws IOException, InterruptedException {
    JsonObject request = new JsonObject();
    request.addProperty("analyzer", analyzer);
    request.addProperty("text", text);
    String body = request.toString();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/faq_article-read/_analyze"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    Map<Integer, List<String>> out = new TreeMap<>();
    for (JsonElement v :
        JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("tokens")) {
      JsonObject t = v.getAsJsonObject();
      out.computeIfAbsent(t.get("position").getAsInt(), p -> new ArrayList<>())
          .add(t.get("token").getAsString());
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  /** The labelled questions FaqEvaluationIT asks the running application. */
  static List<SearchFixture.Labelled> questions(String language) {
    return SearchFixture.labelled("faq/eval-" + language + ".tsv");
  }
}
