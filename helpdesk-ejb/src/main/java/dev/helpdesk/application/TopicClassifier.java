package dev.helpdesk.application;

import dev.helpdesk.application.internal.TopicModels;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.routing.TopicExample;
import dev.helpdesk.domain.model.routing.TopicModel;
import dev.helpdesk.infrastructure.search.NearestExamples;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a ticket is about, from the same language analysis as the FAQ search (the knowledge base's
 * analysers: normalisation, stop and dialect words, synonyms, stemming, in English and Arabic). The
 * nearest labelled questions ({@link TopicExample}: the built-in ones, {@code
 * routing/examples-<lang>.tsv}, shoppers' questions with their topic, OTHER among them, and every
 * correction an agent makes; held in an index in memory, {@link NearestExamples}) vote, each hit
 * for its topic with its search score (BM25), the first hits weighing most. Beside these votes, a
 * naive Bayes word model learnt from the same questions and the published FAQ articles' titles and
 * keywords (their categories are the topics; {@link TopicModel}, {@code TopicModels}) gives each
 * topic a probability; a topic's share of the votes and its probability are averaged. (A search of
 * the articles themselves voted too until session 7: it cost half the classification's time and
 * lowered the accuracy; docs/routing.md.)
 *
 * <p>What the chat widget knows adds a little: a message from the checkout page leans to checkout
 * and payment, one with an order number to order status. When no vote reaches {@code
 * helpdesk.routing.other-below} (default 4), nothing known is near the question: OTHER. The
 * confidence is the best topic's share of all votes.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TopicClassifier {
  static final int EXAMPLE_HITS = 7;
  static final double CONTEXT_LEAN = 0.1;

  /** The word model's share beside the search votes' (docs/routing.md has the variants tried). */
  static final double MODEL_WEIGHT = 0.5;

  static final double OTHER_BELOW =
      Double.parseDouble(System.getProperty("helpdesk.routing.other-below", "4"));

  /** A topic, how sure (0–1) and every topic's votes. */
  public record Classification(Topic topic, double confidence, Map<Topic, Double> votes) {}

  /** What else is known of the conversation: sent from the checkout page, an order number. */
  public record Signals(boolean checkout, boolean order) {
    public static final Signals NONE = new Signals(false, false);
  }

  @Inject TopicModels models;

  public Classification classify(String text, String languageHint, Signals signals) {
    return classify(models.learnt(), text, languageHint, signals);
  }

  static Classification classify(
      TopicModels.Learnt learnt, String text, String languageHint, Signals signals) {
    Map<Topic, Double> votes = new EnumMap<>(Topic.class);
    String q = text == null ? "" : text.strip();
    if (q.length() > KnowledgeBase.MAX_QUERY) {
      q = q.substring(0, KnowledgeBase.MAX_QUERY); // the first words say what it is about
    }
    if (q.isEmpty()) {
      return decide(votes, Map.of(), signals);
    }
    String language = KnowledgeBase.languageOf(q, languageHint);
    // one analysis of the text for both: the search's query terms are the word model's terms
    NearestExamples.Found<Topic> found = learnt.examples().search(language, q, EXAMPLE_HITS);
    List<NearestExamples.Hit<Topic>> examples = found.hits();
    for (int i = 0; i < examples.size(); i++) {
      NearestExamples.Hit<Topic> e = examples.get(i);
      votes.merge(e.label(), e.score() / (1.0 + i), Double::sum);
    }
    return decide(votes, learnt.model(language).probabilitiesOf(found.terms()), signals);
  }

  /** The built-in labelled questions of a language: topic and text per line. */
  public static List<String[]> seed(String language) {
    List<String[]> out = new java.util.ArrayList<>();
    try (var in =
        TopicClassifier.class
            .getClassLoader()
            .getResourceAsStream("routing/examples-" + language + ".tsv")) {
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split("\t", 2);
        out.add(new String[] {p[0].strip(), p[1].strip()});
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The topic the search votes, the word model's probabilities and the signals give: each topic's
   * share of the votes and its probability, averaged (one alone when the other has nothing).
   */
  static Classification decide(
      Map<Topic, Double> votes, Map<Topic, Double> model, Signals signals) {
    double best = votes.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double sum = votes.values().stream().mapToDouble(Double::doubleValue).sum();
    boolean near = best >= OTHER_BELOW;
    Map<Topic, Double> p = new EnumMap<>(Topic.class);
    double w = near && !model.isEmpty() ? MODEL_WEIGHT : near ? 0 : 1;
    for (Topic t : Topic.values()) {
      double share = near ? votes.getOrDefault(t, 0.0) / sum : 0;
      double v = (1 - w) * share + w * model.getOrDefault(t, 0.0);
      if (v > 0) {
        p.put(t, v);
      }
    }
    if (p.isEmpty()) {
      return new Classification(Topic.OTHER, 1, p);
    }
    if (signals.checkout()) {
      p.merge(Topic.CHECKOUT, CONTEXT_LEAN, Double::sum);
      p.merge(Topic.PAYMENT, CONTEXT_LEAN, Double::sum);
    }
    if (signals.order()) {
      p.merge(Topic.ORDER_STATUS, CONTEXT_LEAN, Double::sum);
    }
    double total = p.values().stream().mapToDouble(Double::doubleValue).sum();
    Topic top = null;
    for (Map.Entry<Topic, Double> e : p.entrySet()) {
      if (top == null || e.getValue() > p.get(top)) {
        top = e.getKey();
      }
    }
    return new Classification(top, round(p.get(top) / total), p);
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
