package dev.helpdesk.infrastructure.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * The analysers of the knowledge base, per language, built from Lucene's filters:
 *
 * <ul>
 *   <li>English: lower case, possessives, stop words (Lucene's list plus question words: "how",
 *       "can", "my"…, {@code search/stopwords-en.txt}), Porter stemming.
 *   <li>Arabic: lower case, Arabic-Indic digits folded, alef/hamza/ta marbuta/alef maqsura forms
 *       unified with diacritics and tatweel removed, stop words (Lucene's Arabic list plus question
 *       and dialect words: "ابغى", "وين", "عايز"…, {@code search/stopwords-ar.txt}), light
 *       stemming.
 * </ul>
 *
 * The query analysers add the synonyms ({@code search/synonyms-<lang>.txt}) before stemming: a
 * query for "money back" also looks for "refund", "استرجاع" for "استرداد". The synonym entries pass
 * through the same chain as the query up to that point, so they are written as people type.
 * Synonyms are applied at query time only: editing the file needs a restart, not a re-index.
 */
public final class FaqAnalyzers {
  private FaqAnalyzers() {}

  /** The index (query = false) or query (true) analyser of a language, "en" or "ar". */
  public static Analyzer of(String language, boolean query) {
    boolean arabic = "ar".equals(language);
    CharArraySet stop = stopWords(arabic);
    SynonymMap synonyms = query ? synonyms(arabic) : null;
    return new Chain(arabic, stop, synonyms);
  }

  private static final class Chain extends Analyzer {
    private final boolean arabic;
    private final CharArraySet stop;
    private final SynonymMap synonyms;

    Chain(boolean arabic, CharArraySet stop, SynonymMap synonyms) {
      this.arabic = arabic;
      this.stop = stop;
      this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
      Tokenizer source = new StandardTokenizer();
      TokenStream s = beforeSynonyms(arabic, source, stop);
      if (synonyms != null) {
        s = new SynonymGraphFilter(s, synonyms, true);
      }
      s = arabic ? new ArabicStemFilter(s) : new PorterStemFilter(s);
      return new TokenStreamComponents(source, s);
    }

    @Override
    protected TokenStream normalize(String field, TokenStream in) {
      return normalised(arabic, in);
    }
  }

  /** Lower case; in Arabic also digits folded and letter forms unified. */
  private static TokenStream normalised(boolean arabic, TokenStream in) {
    TokenStream s = new LowerCaseFilter(in);
    return arabic ? new ArabicNormalizationFilter(new DecimalDigitFilter(s)) : s;
  }

  private static TokenStream beforeSynonyms(boolean arabic, Tokenizer source, CharArraySet stop) {
    TokenStream s = normalised(arabic, source);
    return new StopFilter(arabic ? s : new EnglishPossessiveFilter(s), stop);
  }

  /** An analyser of the standard tokenizer followed by {@code filters}. */
  private static Analyzer analyzer(java.util.function.Function<Tokenizer, TokenStream> filters) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, filters.apply(source));
      }
    };
  }

  /**
   * The stop words of a language ("en", "ar") as the filter compares them: Lucene's list plus ours,
   * normalised as the text will be (the Elasticsearch analysers are given the same list).
   */
  public static List<String> stopWordList(String language) {
    List<String> out = new ArrayList<>();
    for (Object w : stopWords("ar".equals(language))) {
      out.add(new String((char[]) w));
    }
    out.sort(null);
    return out;
  }

  /**
   * The synonym groups of a language, one per line, entries separated by commas (the Solr format of
   * Elasticsearch's {@code synonym_graph} filter), each entry as the chain before the synonyms
   * makes it: lower case, normalised, stop words gone ("وين طلبي" → "طلبي"). Written out like this,
   * an entry with a stop word in it has no position gap, which Lucene's synonym parser would
   * refuse.
   */
  public static List<String> synonymRules(String language) {
    boolean arabic = "ar".equals(language);
    CharArraySet stop = stopWords(arabic);
    Analyzer entries = analyzer(source -> beforeSynonyms(arabic, source, stop));
    List<String> rules = new ArrayList<>();
    for (String line : lines("search/synonyms-" + language + ".txt")) {
      List<String> group = new ArrayList<>();
      for (String entry : line.split(",")) {
        List<String> words = tokens(entries, entry.strip());
        String rule = String.join(" ", words);
        if (!words.isEmpty() && !group.contains(rule)) {
          group.add(rule);
        }
      }
      if (group.size() > 1) {
        rules.add(String.join(", ", group));
      }
    }
    return rules;
  }

  /** Lucene's stop words of the language plus ours, normalised as the text will be. */
  static CharArraySet stopWords(boolean arabic) {
    CharArraySet set = new CharArraySet(512, true);
    CharArraySet base =
        arabic ? ArabicAnalyzer.getDefaultStopSet() : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    List<String> words = new ArrayList<>();
    for (Object w : base) {
      words.add(new String((char[]) w));
    }
    for (String line : lines("search/stopwords-" + (arabic ? "ar" : "en") + ".txt")) {
      for (String w : line.split("\\s+")) {
        if (!w.isBlank()) {
          words.add(w);
        }
      }
    }
    Analyzer normaliser = analyzer(source -> normalised(arabic, source));
    for (String w : words) {
      for (String t : tokens(normaliser, w)) {
        set.add(t);
      }
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /** Each line a group of equivalent words and phrases, every one expanding to all the others. */
  static SynonymMap synonyms(boolean arabic) {
    SynonymMap.Builder b = new SynonymMap.Builder(true);
    for (String rule : synonymRules(arabic ? "ar" : "en")) {
      List<CharsRef> group = new ArrayList<>();
      for (String entry : rule.split(", ")) {
        CharsRefBuilder ref = new CharsRefBuilder();
        SynonymMap.Builder.join(entry.split(" "), ref);
        group.add(ref.get());
      }
      for (CharsRef from : group) {
        for (CharsRef to : group) {
          if (!from.equals(to)) {
            b.add(from, to, true);
          }
        }
      }
    }
    try {
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The terms an analyser makes of a text. */
  public static List<String> tokens(Analyzer a, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", new StringReader(text))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> lines(String resource) {
    try (InputStream in = FaqAnalyzers.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
