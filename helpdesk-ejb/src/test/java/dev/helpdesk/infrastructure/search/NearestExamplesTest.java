package dev.helpdesk.infrastructure.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.application.TopicClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;

/**
 * The classifier's nearest examples are what a Lucene index of the same examples finds (as
 * Hibernate Search searched them until session 10: a field per language with the knowledge base's
 * analysers, a match query, BM25): for every labelled ticket of both languages, the same examples
 * with the same scores, nearest first; and the terms it hands the word model are the query
 * analyser's.
 */
class NearestExamplesTest {
  static final List<String> LANGUAGES = List.of("en", "ar");

  @Test
  void findsWhatALuceneIndexOfTheSameExamplesFinds() throws IOException {
    List<NearestExamples.Example<Integer>> examples = new ArrayList<>();
    for (String language : LANGUAGES) {
      for (String[] e : TopicClassifier.seed(language)) {
        examples.add(new NearestExamples.Example<>(language, examples.size(), e[1]));
      }
    }
    NearestExamples<Integer> nearest = new NearestExamples<>(examples, LANGUAGES);
    IndexSearcher lucene = lucene(examples);
    int compared = 0;
    int hits = 0;
    for (String language : LANGUAGES) {
      for (String text : tickets(language)) {
        NearestExamples.Found<Integer> found = nearest.search(language, text, 7);
        List<NearestExamples.Hit<Integer>> ours = found.hits();
        // the terms it gives the word model are the query analyser's, synonyms included
        assertEquals(
            java.util.Set.copyOf(FaqAnalyzers.tokens(FaqAnalyzers.of(language, true), text)),
            found.terms(),
            text);
        List<ScoreDoc> theirs = search(lucene, language, text);
        assertEquals(theirs.size(), ours.size(), text);
        for (int i = 0; i < ours.size(); i++) {
          float expected = theirs.get(i).score;
          assertEquals(expected, ours.get(i).score(), 1e-4 * expected, text + " #" + i);
          if (Math.abs(ours.get(i).score() - expected) < 1e-6) {
            // equal scores may come in either order only if they are tied with a neighbour
            boolean tied =
                (i > 0 && Math.abs(theirs.get(i - 1).score - expected) < 1e-5)
                    || (i + 1 < theirs.size()
                        && Math.abs(theirs.get(i + 1).score - expected) < 1e-5);
            if (!tied) {
              assertEquals(theirs.get(i).doc, (int) ours.get(i).label(), text + " #" + i);
            }
          }
        }
        compared++;
        hits += ours.size();
      }
    }
    assertTrue(compared >= 300, "compared " + compared);
    assertTrue(hits > compared * 5, "most tickets have near examples: " + hits);
  }

  /** The labelled tickets of the topic evaluation and the hold-out set. */
  static List<String> tickets(String language) throws IOException {
    List<String> out = new ArrayList<>();
    for (String set : List.of("topics", "holdout")) {
      Path file =
          Path.of("..", "helpdesk-ear", "src", "test", "resources", "routing")
              .resolve(set + "-" + language + ".tsv");
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t", 2)[1].strip());
        }
      }
    }
    return out;
  }

  static IndexSearcher lucene(List<NearestExamples.Example<Integer>> examples) throws IOException {
    Map<String, org.apache.lucene.analysis.Analyzer> fields = new HashMap<>();
    for (String language : LANGUAGES) {
      fields.put("text_" + language, FaqAnalyzers.of(language, false));
    }
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w =
        new IndexWriter(
            dir,
            new IndexWriterConfig(
                new PerFieldAnalyzerWrapper(FaqAnalyzers.of("en", false), fields)))) {
      for (NearestExamples.Example<Integer> e : examples) {
        Document d = new Document();
        d.add(new StringField("language", e.language(), Field.Store.NO));
        for (String language : LANGUAGES) {
          d.add(new TextField("text_" + language, e.text(), Field.Store.NO));
        }
        w.addDocument(d);
      }
      w.forceMerge(1);
    }
    return new IndexSearcher(DirectoryReader.open(dir));
  }

  static List<ScoreDoc> search(IndexSearcher s, String language, String text) throws IOException {
    Query match =
        new QueryBuilder(FaqAnalyzers.of(language, true))
            .createBooleanQuery("text_" + language, text);
    if (match == null) {
      return List.of();
    }
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term("language", language)), BooleanClause.Occur.FILTER)
            .add(match, BooleanClause.Occur.MUST)
            .build();
    return List.of(s.search(q, 7).scoreDocs);
  }
}
