package dev.helpdesk.application;

import dev.helpdesk.domain.model.faq.Article;
import dev.helpdesk.domain.model.routing.TopicExample;
import dev.helpdesk.infrastructure.search.HelpdeskAnalysisConfigurer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM and Hibernate Search outside the server, on the application's schema (its
 * migrations, in an in-memory H2) and analysers, with the demo store's articles: for tests of the
 * search code itself (KnowledgeBase, TopicClassifier) on either backend.
 */
final class SearchFixture {
  private SearchFixture() {}

  /** A session factory on a fresh database; {@code search} are the backend's properties. */
  static SessionFactory start(String name, Map<String, String> search) {
    String db = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    org.flywaydb.core.Flyway.configure()
        .dataSource(db, "sa", "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Configuration c =
        new Configuration()
            .addAnnotatedClass(Article.class)
            .addAnnotatedClass(TopicExample.class)
            .setProperty("hibernate.connection.url", db)
            .setProperty("hibernate.connection.username", "sa")
            .setProperty(
                "hibernate.search.backend.analysis.configurer",
                "class:" + HelpdeskAnalysisConfigurer.class.getName())
            .setProperty("hibernate.search.indexing.plan.synchronization.strategy", "sync");
    search.forEach(c::setProperty);
    SessionFactory orm = c.buildSessionFactory();
    for (String language : KnowledgeBase.LANGUAGES) {
      orm.inTransaction(s -> importDemo(s, language));
      orm.inTransaction(
          s -> {
            for (String[] e : TopicClassifier.seed(language)) {
              s.persist(
                  new TopicExample(
                      language,
                      dev.helpdesk.domain.model.routing.Topic.valueOf(e[0]),
                      e[1],
                      null,
                      null,
                      Instant.now()));
            }
          });
    }
    return orm;
  }

  /** Lucene with the index in memory. */
  static SessionFactory lucene(String name) {
    return start(
        name,
        Map.of(
            "hibernate.search.backend.type", "lucene",
            "hibernate.search.backend.directory.type", "local-heap"));
  }

  private static void importDemo(Session s, String language) {
    for (FaqText.Draft d : FaqText.parse(demo(language))) {
      Article a = new Article(d.slug(), language, Instant.now());
      KnowledgeBase.apply(
          a,
          new KnowledgeBase.ArticleInput(
              d.slug(), language, d.category().name(), d.title(), d.keywords(), d.html(), true));
      s.persist(a);
    }
  }

  static String demo(String language) {
    try (var in = SearchFixture.class.getResourceAsStream("/faq/articles-" + language + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A labelled line of a test set: its labels (comma-separated) and its text. */
  record Labelled(Set<String> labels, String text) {}

  /**
   * A labelled set kept with the end-to-end tests ({@code helpdesk-ear/src/test/resources/<path>}):
   * tab-separated label(s) and text, {@code #} comments.
   */
  static List<Labelled> labelled(String path) {
    Path file = Path.of("..", "helpdesk-ear", "src", "test", "resources").resolve(path);
    List<Labelled> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split("\t", 2);
        out.add(new Labelled(Set.of(p[0].strip().split(",")), p[1].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
