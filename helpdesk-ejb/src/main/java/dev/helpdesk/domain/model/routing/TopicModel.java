package dev.helpdesk.domain.model.routing;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A naive Bayes model of the words of each topic, learnt from labelled questions (and the FAQ
 * articles' titles and keywords): for a new question, each topic's likelihood of its words, with
 * add-one smoothing; words are the terms the knowledge base's query analyser makes (normalised,
 * stop and dialect words gone, synonyms added, stemmed), so "استرجاع فلوسي" and "refund" count as
 * what they mean. Immutable; rebuilt when the examples change.
 */
public final class TopicModel {
  private final Function<String, List<String>> terms;
  private final Map<Topic, Map<String, Integer>> counts = new EnumMap<>(Topic.class);
  private final Map<Topic, Integer> totals = new EnumMap<>(Topic.class);
  private final Map<String, Integer> vocabulary = new HashMap<>();

  /** A labelled text. */
  public record Example(Topic topic, String text) {}

  public TopicModel(List<Example> examples, Function<String, List<String>> terms) {
    this.terms = terms;
    for (Example e : examples) {
      Map<String, Integer> c = counts.computeIfAbsent(e.topic(), k -> new HashMap<>());
      for (String t : new java.util.LinkedHashSet<>(terms.apply(e.text()))) {
        c.merge(t, 1, Integer::sum);
        totals.merge(e.topic(), 1, Integer::sum);
        vocabulary.merge(t, 1, Integer::sum);
      }
    }
  }

  /** Each topic's probability for the text (summing to 1); empty when no word is known. */
  public Map<Topic, Double> probabilities(String text) {
    return probabilitiesOf(terms.apply(text));
  }

  /**
   * As {@link #probabilities(String)}, for the terms the analyser made of a text (each counted
   * once).
   */
  public Map<Topic, Double> probabilitiesOf(java.util.Collection<String> textTerms) {
    List<String> words = textTerms.stream().distinct().filter(vocabulary::containsKey).toList();
    Map<Topic, Double> out = new EnumMap<>(Topic.class);
    if (words.isEmpty() || counts.isEmpty()) {
      return out;
    }
    int v = vocabulary.size();
    double max = Double.NEGATIVE_INFINITY;
    Map<Topic, Double> log = new EnumMap<>(Topic.class);
    for (Map.Entry<Topic, Map<String, Integer>> e : counts.entrySet()) {
      double total = totals.getOrDefault(e.getKey(), 0) + v;
      double l = 0;
      for (String w : words) {
        l += Math.log((e.getValue().getOrDefault(w, 0) + 1) / total);
      }
      log.put(e.getKey(), l);
      max = Math.max(max, l);
    }
    double sum = 0;
    for (Map.Entry<Topic, Double> e : log.entrySet()) {
      double p = Math.exp(e.getValue() - max);
      out.put(e.getKey(), p);
      sum += p;
    }
    for (Map.Entry<Topic, Double> e : out.entrySet()) {
      e.setValue(e.getValue() / sum);
    }
    return out;
  }
}
