package dev.helpdesk.infrastructure.search;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analysers full-text fields use, for either search backend ({@code helpdesk.search.backend}:
 * {@code lucene}, the default, an index on the local disk; {@code elasticsearch}, a cluster shared
 * by several nodes, Elasticsearch or OpenSearch). Both definitions are here side by side so they
 * stay the same chain; {@code ElasticsearchAnalysisTest} runs both on a real OpenSearch node and
 * compares their terms.
 *
 * <ul>
 *   <li>{@code english}, {@code arabic}: ticket messages. Arabic: alef/hamza/ta-marbuta/ya forms
 *       unified, diacritics and tatweel removed, Arabic-Indic digits folded, light stemming
 *       (الطلبات → طلب). English: stop words and Porter stemming.
 *   <li>{@code faq_<lang>} and {@code faq_<lang>_query}: the knowledge base, index and query sides
 *       (the query side adds the synonyms), see {@link FaqAnalyzers}.
 * </ul>
 */
public class HelpdeskAnalysisConfigurer
    implements LuceneAnalysisConfigurer, ElasticsearchAnalysisConfigurer {
  private static final String[] LANGUAGES = {"en", "ar"};

  @Override
  public void configure(LuceneAnalysisConfigurationContext context) {
    context
        .analyzer("english")
        .custom()
        .tokenizer("standard")
        .tokenFilter("lowercase")
        .tokenFilter("stop")
        .tokenFilter("porterStem");
    context
        .analyzer("arabic")
        .custom()
        .tokenizer("standard")
        .tokenFilter("lowercase")
        .tokenFilter("decimalDigit")
        .tokenFilter("arabicNormalization")
        .tokenFilter("arabicStem");
    for (String language : LANGUAGES) {
      context.analyzer("faq_" + language).instance(FaqAnalyzers.of(language, false));
      context.analyzer("faq_" + language + "_query").instance(FaqAnalyzers.of(language, true));
    }
  }

  @Override
  public void configure(ElasticsearchAnalysisConfigurationContext context) {
    // Lucene's "stop" without a list is English's; so is Elasticsearch's
    context
        .analyzer("english")
        .custom()
        .tokenizer("standard")
        .tokenFilters("lowercase", "stop", "porter_stem");
    context
        .analyzer("arabic")
        .custom()
        .tokenizer("standard")
        .tokenFilters("lowercase", "decimal_digit", "arabic_normalization", "arabic_stem");
    context.tokenFilter("faq_possessive").type("stemmer").param("language", "possessive_english");
    for (String language : LANGUAGES) {
      boolean arabic = "ar".equals(language);
      String stop = "faq_" + language + "_stop";
      String synonyms = "faq_" + language + "_synonyms";
      context
          .tokenFilter(stop)
          .type("stop")
          .param("stopwords", FaqAnalyzers.stopWordList(language).toArray(String[]::new));
      // the rules already normalised and without stop words, as FaqAnalyzers builds its map
      context
          .tokenFilter(synonyms)
          .type("synonym_graph")
          .param("synonyms", FaqAnalyzers.synonymRules(language).toArray(String[]::new))
          .param("expand", true);
      String[] normalise =
          arabic
              ? new String[] {"lowercase", "decimal_digit", "arabic_normalization", stop}
              : new String[] {"lowercase", "faq_possessive", stop};
      String stem = arabic ? "arabic_stem" : "porter_stem";
      context
          .analyzer("faq_" + language)
          .custom()
          .tokenizer("standard")
          .tokenFilters(concat(normalise, stem));
      context
          .analyzer("faq_" + language + "_query")
          .custom()
          .tokenizer("standard")
          .tokenFilters(concat(normalise, synonyms, stem));
    }
  }

  private static String[] concat(String[] head, String... tail) {
    String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }
}
