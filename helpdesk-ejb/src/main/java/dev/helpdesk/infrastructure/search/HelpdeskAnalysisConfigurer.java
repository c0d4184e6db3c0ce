package dev.helpdesk.infrastructure.search;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analysers full-text fields use. Arabic: alef/hamza/ta-marbuta/ya forms unified, diacritics
 * and tatweel removed, Arabic-Indic digits folded, light stemming (الطلبات → طلب). English: stop
 * words and Porter stemming.
 */
public class HelpdeskAnalysisConfigurer implements LuceneAnalysisConfigurer {
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
    // the knowledge base: index and query (with synonyms) analysers per language, see FaqAnalyzers
    for (String language : new String[] {"en", "ar"}) {
      context.analyzer("faq_" + language).instance(FaqAnalyzers.of(language, false));
      context.analyzer("faq_" + language + "_query").instance(FaqAnalyzers.of(language, true));
    }
  }
}
