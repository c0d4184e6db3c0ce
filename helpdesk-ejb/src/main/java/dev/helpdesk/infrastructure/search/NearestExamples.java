package dev.helpdesk.infrastructure.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.SmallFloat;

/**
 * Labelled short texts, held in memory, searched for the ones nearest a new text: the topic
 * classifier's examples. Each text is analysed for every language with the knowledge base's index
 * analyser ({@code text_<lang>}); a search analyses the new text with the query analyser (synonyms
 * added) into the query Hibernate Search's match predicate makes (Lucene's {@link QueryBuilder}:
 * terms, synonym groups, alternative paths of multi-word synonyms) and scores it as Lucene does,
 * BM25 with Lucene's statistics and length norms — the same hits and scores as the Lucene index the
 * examples were searched in until session 10, without a search session, reader, term dictionary and
 * scorers per question (the Lucene search was a fifth of a routing decision; this is a few array
 * passes). {@code NearestExamplesTest} compares both on every labelled ticket.
 *
 * <p>Immutable and safe for any number of threads; built again when the examples change ({@code
 * TopicModels}).
 *
 * @param <T> what an example is labelled with
 */
public final class NearestExamples<T> {
  /** Lucene's BM25 defaults. */
  static final float K1 = 1.2f;

  static final float B = 0.75f;

  /** A labelled text of a language. */
  public record Example<T>(String language, T label, String text) {}

  /** An example near the text searched for, and how near (the search score). */
  public record Hit<T>(T label, float score) {}

  /** One language's field over all the examples. */
  private static final class Field {
    final Map<String, Scores> postings = new HashMap<>(); // a term's frequency per document
    final float[] normInverse; // per document: 1 / (k1 * (1 - b + b * length / avgdl))
    final int docCount;
    final QueryBuilder queries;

    Field(List<List<String>> terms, QueryBuilder queries) {
      this.queries = queries;
      Map<String, List<int[]>> occurrences = new HashMap<>();
      int[] lengths = new int[terms.size()];
      long sum = 0;
      int count = 0;
      for (int d = 0; d < terms.size(); d++) {
        List<String> doc = terms.get(d);
        lengths[d] = doc.size();
        sum += doc.size();
        count += doc.isEmpty() ? 0 : 1;
        Map<String, Integer> tf = new HashMap<>();
        doc.forEach(t -> tf.merge(t, 1, Integer::sum));
        int doc0 = d;
        tf.forEach(
            (t, f) ->
                occurrences.computeIfAbsent(t, k -> new ArrayList<>()).add(new int[] {doc0, f}));
      }
      occurrences.forEach(
          (t, list) -> {
            float[] f = new float[list.size()];
            for (int i = 0; i < f.length; i++) {
              f[i] = list.get(i)[1];
            }
            postings.put(t, new Scores(list.stream().mapToInt(o -> o[0]).toArray(), f));
          });
      docCount = count;
      float avgdl = count == 0 ? 1 : (float) (sum / (double) count);
      normInverse = new float[terms.size()];
      for (int d = 0; d < lengths.length; d++) {
        // the length as Lucene's norm keeps it: one byte, exact for short texts
        int length = SmallFloat.byte4ToInt(SmallFloat.intToByte4(lengths[d]));
        normInverse[d] = 1f / (K1 * ((1 - B) + B * length / avgdl));
      }
    }
  }

  private final List<T> labels = new ArrayList<>();
  private final List<String> languages = new ArrayList<>();
  private final Map<String, Field> fields = new HashMap<>();

  /** Indexes {@code examples}; {@code analysed} are the languages every text is analysed for. */
  public NearestExamples(List<Example<T>> examples, Collection<String> analysed) {
    for (Example<T> e : examples) {
      labels.add(e.label());
      languages.add(e.language());
    }
    for (String language : analysed) {
      Analyzer index = FaqAnalyzers.of(language, false);
      List<List<String>> terms = new ArrayList<>();
      for (Example<T> e : examples) {
        terms.add(FaqAnalyzers.tokens(index, e.text()));
      }
      fields.put(language, new Field(terms, new QueryBuilder(FaqAnalyzers.of(language, true))));
    }
  }

  /** The {@code n} examples of {@code language} nearest {@code text}, nearest first. */
  public List<Hit<T>> nearest(String language, String text, int n) {
    return search(language, text, n).hits();
  }

  /**
   * What a search found: the nearest examples, and every term the query analyser made of the text
   * (synonyms included) — what a word model of the same analysis needs, without analysing again.
   */
  public record Found<T>(List<Hit<T>> hits, Set<String> terms) {}

  /** The {@code n} examples of {@code language} nearest {@code text}, and the text's terms. */
  public Found<T> search(String language, String text, int n) {
    Field field = fields.get(language);
    Query q = field == null ? null : field.queries.createBooleanQuery("text", text);
    if (q == null) {
      return new Found<>(List.of(), Set.of());
    }
    Set<String> terms = new LinkedHashSet<>();
    Scores scores = score(field, q, terms);
    // the best n of the language's examples; equal scores in the examples' order, as Lucene does
    List<Integer> best = new ArrayList<>();
    for (int i = 0; i < scores.docs().length; i++) {
      if (!language.equals(languages.get(scores.docs()[i]))) {
        continue;
      }
      int at = best.size();
      while (at > 0 && scores.values()[best.get(at - 1)] < scores.values()[i]) {
        at--;
      }
      if (at < n) {
        best.add(at, i);
        if (best.size() > n) {
          best.remove(n);
        }
      }
    }
    List<Hit<T>> out = new ArrayList<>(best.size());
    for (int i : best) {
      out.add(new Hit<>(labels.get(scores.docs()[i]), scores.values()[i]));
    }
    return new Found<>(out, terms);
  }

  /**
   * Documents (ascending) with a value each: a query's scores, or a term's frequencies (its
   * postings).
   */
  private record Scores(int[] docs, float[] values) {
    static final Scores NONE = new Scores(new int[0], new float[0]);

    /** The documents of either, with the values of both added where both have one. */
    Scores plus(Scores o) {
      int[] d = new int[docs.length + o.docs.length];
      float[] v = new float[d.length];
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < docs.length || j < o.docs.length) {
        int a = i < docs.length ? docs[i] : Integer.MAX_VALUE;
        int b = j < o.docs.length ? o.docs[j] : Integer.MAX_VALUE;
        d[k] = Math.min(a, b);
        v[k++] = (a <= b ? values[i++] : 0) + (b <= a ? o.values[j++] : 0);
      }
      return new Scores(Arrays.copyOf(d, k), Arrays.copyOf(v, k));
    }
  }

  /** {@code q}'s scores; {@code seen} collects its terms. */
  private Scores score(Field field, Query q, Set<String> seen) {
    if (q instanceof TermQuery t) {
      return terms(field, List.of(t.getTerm()), seen);
    }
    if (q instanceof SynonymQuery s) {
      return terms(field, s.getTerms(), seen);
    }
    if (q instanceof BoostQuery b) {
      Scores inner = score(field, b.getQuery(), seen);
      float[] v = inner.values().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] *= b.getBoost();
      }
      return new Scores(inner.docs(), v);
    }
    if (q instanceof BooleanQuery bq) {
      return bool(field, bq, seen);
    }
    throw new IllegalStateException("not a query the match predicate makes: " + q);
  }

  /** Lucene's boolean query: the matching clauses' sum; every required clause must match. */
  private Scores bool(Field field, BooleanQuery q, Set<String> seen) {
    Scores sum = Scores.NONE;
    Scores required = Scores.NONE; // how many required clauses each document matched
    int musts = 0;
    for (BooleanClause c : q.clauses()) {
      boolean must = c.getOccur() == BooleanClause.Occur.MUST;
      if (!must && c.getOccur() != BooleanClause.Occur.SHOULD) {
        throw new IllegalStateException("not a clause the match predicate makes: " + c);
      }
      Scores s = score(field, c.getQuery(), seen);
      sum = sum.plus(s);
      if (must) {
        musts++;
        float[] one = new float[s.docs().length];
        Arrays.fill(one, 1);
        required = required.plus(new Scores(s.docs(), one));
      }
    }
    if (musts == 0) {
      return sum;
    }
    int[] docs = new int[sum.docs().length];
    float[] values = new float[docs.length];
    int k = 0;
    for (int i = 0; i < sum.docs().length; i++) {
      int at = Arrays.binarySearch(required.docs(), sum.docs()[i]);
      if (at >= 0 && required.values()[at] == musts) {
        docs[k] = sum.docs()[i];
        values[k++] = sum.values()[i];
      }
    }
    return new Scores(Arrays.copyOf(docs, k), Arrays.copyOf(values, k));
  }

  /**
   * One term, or synonyms scored as one term (Lucene's SynonymQuery: the frequencies summed, the
   * largest document frequency).
   */
  private Scores terms(Field field, List<Term> terms, Set<String> seen) {
    int docFreq = 0;
    Scores freqs = Scores.NONE;
    for (Term t : terms) {
      String term = t.text();
      seen.add(term);
      Scores p = field.postings.get(term);
      if (p != null) {
        docFreq = Math.max(docFreq, p.docs().length);
        freqs = freqs.plus(p);
      }
    }
    if (docFreq == 0) {
      return Scores.NONE;
    }
    float idf = (float) Math.log(1 + (field.docCount - docFreq + 0.5D) / (docFreq + 0.5D));
    float[] values = new float[freqs.docs().length];
    for (int i = 0; i < values.length; i++) {
      float f = freqs.values()[i];
      values[i] = idf - idf / (1f + f * field.normInverse[freqs.docs()[i]]);
    }
    return new Scores(freqs.docs(), values);
  }
}
