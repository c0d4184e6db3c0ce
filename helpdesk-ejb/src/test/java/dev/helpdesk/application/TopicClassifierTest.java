package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.application.internal.TopicModels;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.routing.TopicExample;
import dev.helpdesk.domain.model.routing.TopicModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topic classification measured on the labelled tickets in {@code
 * helpdesk-ear/src/test/resources/routing/topics-<lang>.tsv} (e-mails, chats and DMs as shoppers
 * write them, with tickets of no topic), with the demo store's articles, the application's
 * analysers and Hibernate Search on Lucene: accuracy per language, and the confusion matrix in the
 * output and in {@code target/topic-eval.txt}.
 */
class TopicClassifierTest {
  /** Issue 7's target; printed beside the result. */
  static final double TARGET = 0.85;

  /**
   * What the test holds the classifier to today (the target is not reached yet: docs/routing.md).
   */
  static final double FLOOR = 0.72;

  static SessionFactory orm;

  @BeforeAll
  static void start() {
    orm = SearchFixture.lucene("topics");
  }

  @AfterAll
  static void stop() {
    orm.close();
  }

  @Test
  void classifiesTheLabelledTicketsOfEachLanguage() throws IOException {
    StringBuilder report = new StringBuilder();
    double en = evaluate("en", report);
    double ar = evaluate("ar", report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "topic-eval.txt"), report);
    System.out.println(report);
    System.out.printf(
        "target %.2f: English %s, Arabic %s%n",
        TARGET, en >= TARGET ? "met" : "not met", ar >= TARGET ? "met" : "not met");
    assertTrue(en >= FLOOR, "English accuracy " + en);
    assertTrue(ar >= FLOOR, "Arabic accuracy " + ar);
  }

  @Test
  void anAgentsCorrectionChangesHowSimilarQuestionsAreClassified() {
    String asked = "how do I add my company VAT number to my profile for invoices";
    String similar = "where in my profile do I put the company VAT number";
    Topic before = classify(similar);
    orm.inTransaction(
        s -> s.persist(new TopicExample("en", Topic.ACCOUNT, asked, null, null, Instant.now())));
    assertEquals(Topic.ACCOUNT, classify(similar), "was " + before);
    assertTrue(before != Topic.ACCOUNT, "the correction made the difference, was " + before);
  }

  static Topic classify(String text) {
    try (Session s = orm.openSession()) {
      return TopicClassifier.classify(
              Search.session(s), models(s), text, null, TopicClassifier.Signals.NONE)
          .topic();
    }
  }

  /** The word models, learnt from what the database holds now. */
  static java.util.function.Function<String, TopicModel> models(Session s) {
    Map<String, TopicModel> m = new HashMap<>();
    return language -> m.computeIfAbsent(language, l -> TopicModels.load(s, l));
  }

  static double evaluate(String language, StringBuilder report) {
    List<SearchFixture.Labelled> set =
        SearchFixture.labelled("routing/topics-" + language + ".tsv");
    Topic[] topics = Topic.values();
    int[][] confusion = new int[topics.length][topics.length];
    int right = 0;
    StringBuilder misses = new StringBuilder();
    try (Session s = orm.openSession()) {
      for (SearchFixture.Labelled l : set) {
        Topic expected = Topic.valueOf(l.labels().iterator().next());
        TopicClassifier.Classification c =
            TopicClassifier.classify(
                Search.session(s), models(s), l.text(), language, TopicClassifier.Signals.NONE);
        confusion[expected.ordinal()][c.topic().ordinal()]++;
        if (c.topic() == expected) {
          right++;
        } else {
          misses.append(
              String.format(
                  "  %s → %s (%.2f): %s%n", expected, c.topic(), c.confidence(), l.text()));
        }
      }
    }
    double accuracy = (double) right / set.size();
    report.append(
        String.format(
            "%nTopics, %s: accuracy %.3f (%d of %d)%nrows: labelled, columns: classified%n",
            language, accuracy, right, set.size()));
    report.append(String.format("%-13s", ""));
    for (Topic t : topics) {
      report.append(String.format("%6.6s", t.name()));
    }
    report.append('\n');
    for (Topic t : topics) {
      report.append(String.format("%-13s", t.name()));
      for (int n : confusion[t.ordinal()]) {
        report.append(String.format("%6d", n));
      }
      report.append('\n');
    }
    report.append("misses:\n").append(misses);
    return accuracy;
  }
}
