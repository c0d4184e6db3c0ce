package dev.helpdesk.infrastructure.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

/** What the knowledge base's analysers make of shoppers' words: the terms search compares. */
class FaqAnalyzersTest {
  final Analyzer arabic = FaqAnalyzers.of("ar", false);
  final Analyzer arabicQuery = FaqAnalyzers.of("ar", true);
  final Analyzer english = FaqAnalyzers.of("en", false);
  final Analyzer englishQuery = FaqAnalyzers.of("en", true);

  @Test
  void arabicSpellingsOfOneWordMeetInOneTerm() {
    // hamza forms, ta marbuta / ha, tatweel, diacritics, the article: one term
    String term = FaqAnalyzers.tokens(arabic, "الفاتورة").get(0);
    assertEquals(List.of(term), FaqAnalyzers.tokens(arabic, "الفاتوره"));
    assertEquals(List.of(term), FaqAnalyzers.tokens(arabic, "فاتـــورة"));
    assertEquals(List.of(term), FaqAnalyzers.tokens(arabic, "فَاتُورَة"));
    assertEquals(
        FaqAnalyzers.tokens(arabic, "إلغاء"),
        FaqAnalyzers.tokens(arabic, "الغاء"),
        "hamza on alef");
    assertEquals(FaqAnalyzers.tokens(arabic, "١٢٣"), List.of("123"), "Arabic-Indic digits");
  }

  @Test
  void questionAndDialectWordsCarryNoTopic() {
    assertEquals(
        FaqAnalyzers.tokens(arabic, "الطلب"),
        FaqAnalyzers.tokens(arabic, "وين ابغى الطلب لو سمحت"));
    assertEquals(
        FaqAnalyzers.tokens(english, "refund"),
        FaqAnalyzers.tokens(english, "how can I get my refund please"));
  }

  @Test
  void englishIsStemmed() {
    assertEquals(FaqAnalyzers.tokens(english, "refund"), FaqAnalyzers.tokens(english, "refunds"));
    assertEquals(
        FaqAnalyzers.tokens(english, "deliver"), FaqAnalyzers.tokens(english, "delivering"));
  }

  @Test
  void queriesAlsoLookForSynonymsAcrossWordingsAndLanguages() {
    String refund = FaqAnalyzers.tokens(english, "refund").get(0);
    assertTrue(FaqAnalyzers.tokens(englishQuery, "money back").contains(refund));
    String istirdad = FaqAnalyzers.tokens(arabic, "استرداد").get(0);
    assertTrue(FaqAnalyzers.tokens(arabicQuery, "استرجاع").contains(istirdad));
    assertTrue(
        FaqAnalyzers.tokens(arabicQuery, "متى يرجع الـ refund").contains(istirdad),
        "an English word in an Arabic question");
    String order = FaqAnalyzers.tokens(arabic, "طلب").get(0);
    assertTrue(FaqAnalyzers.tokens(arabicQuery, "فين الاوردر").contains(order), "a loanword");
  }

  @Test
  void theIndexIsNotExpanded() {
    assertEquals(1, FaqAnalyzers.tokens(english, "refund").size());
  }
}
