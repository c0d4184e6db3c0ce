package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.application.internal.TopicModels;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.routing.TopicExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Topic classification measured on the labelled tickets in {@code
 * helpdesk-ear/src/test/resources/routing/topics-<lang>.tsv} (e-mails, chats and DMs as shoppers
 * write them, with tickets of no topic), with the demo store's articles, the application's
 * analysers and Hibernate Search on Lucene: accuracy per language, and the confusion matrix in the
 * output and in {@code target/topic-eval.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicClassifierTest {
  /** Issue 7's target, per language. */
  static final double TARGET = 0.85;

  /**
   * The hold-out sets ({@code routing/holdout-<lang>.tsv}, 48 tickets each) were written after the
   * method and the built-in examples were final and are reported, not tuned on; the test keeps them
   * from sliding far (docs/routing.md has the figures).
   */
  static final double HOLDOUT_FLOOR = 0.75;

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
  @Order(1) // before the correction below adds an example
  void classifiesTheLabelledTicketsOfEachLanguage() throws IOException {
    StringBuilder report = new StringBuilder();
    double en = evaluate("topics", "en", report);
    double ar = evaluate("topics", "ar", report);
    double enHoldout = evaluate("holdout", "en", report);
    double arHoldout = evaluate("holdout", "ar", report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "topic-eval.txt"), report);
    System.out.println(report);
    System.out.printf(
        "accuracy (target %.2f): English %.3f, Arabic %.3f; hold-out: English %.3f, Arabic %.3f%n",
        TARGET, en, ar, enHoldout, arHoldout);
    assertTrue(en >= TARGET, "English accuracy " + en);
    assertTrue(ar >= TARGET, "Arabic accuracy " + ar);
    assertTrue(enHoldout >= HOLDOUT_FLOOR, "English hold-out accuracy " + enHoldout);
    assertTrue(arHoldout >= HOLDOUT_FLOOR, "Arabic hold-out accuracy " + arHoldout);
  }

  @Test
  @Order(2)
  void anAgentsCorrectionChangesHowSimilarQuestionsAreClassified() {
    String asked = "please engrave my initials on the leather wallet I'm ordering";
    String similar = "can you engrave a name on the wallet";
    Topic before = classify(similar);
    orm.inTransaction(
        s -> s.persist(new TopicExample("en", Topic.CHECKOUT, asked, null, null, Instant.now())));
    assertEquals(Topic.CHECKOUT, classify(similar), "was " + before);
    assertTrue(before != Topic.CHECKOUT, "the correction made the difference, was " + before);
  }

  static Topic classify(String text) {
    try (Session s = orm.openSession()) {
      return TopicClassifier.classify(TopicModels.load(s), text, null, TopicClassifier.Signals.NONE)
          .topic();
    }
  }

  static double evaluate(String name, String language, StringBuilder report) {
    List<SearchFixture.Labelled> set =
        SearchFixture.labelled("routing/" + name + "-" + language + ".tsv");
    Topic[] topics = Topic.values();
    int[][] confusion = new int[topics.length][topics.length];
    int right = 0;
    StringBuilder misses = new StringBuilder();
    try (Session s = orm.openSession()) {
      TopicModels.Learnt learnt = TopicModels.load(s);
      for (SearchFixture.Labelled l : set) {
        Topic expected = Topic.valueOf(l.labels().iterator().next());
        TopicClassifier.Classification c =
            TopicClassifier.classify(learnt, l.text(), language, TopicClassifier.Signals.NONE);
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
            "%n%s-%s: accuracy %.3f (%d of %d)%nrows: labelled, columns: classified%n",
            name, language, accuracy, right, set.size()));
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
