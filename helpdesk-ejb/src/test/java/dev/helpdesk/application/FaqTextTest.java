package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.model.faq.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaqTextTest {
  @Test
  void blocksBecomeArticles() {
    List<FaqText.Draft> d =
        FaqText.parse(
            "# a comment\n\n=== cod | payment\ntitle: Cash on delivery?\nkeywords: cod, cash\n"
                + "<p>Yes.</p>\n<p>Fee 15 SAR.</p>\n\n=== late | ORDER_STATUS\ntitle: Late\n<p>Wait.</p>\n");
    assertEquals(2, d.size());
    assertEquals("cod", d.get(0).slug());
    assertEquals(Category.PAYMENT, d.get(0).category());
    assertEquals("Cash on delivery?", d.get(0).title());
    assertEquals("cod, cash", d.get(0).keywords());
    assertEquals("<p>Yes.</p>\n<p>Fee 15 SAR.</p>", d.get(0).html());
    assertEquals("", d.get(1).keywords());
  }

  @Test
  void errorsNameTheLine() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> FaqText.parse("=== a | WEATHER\ntitle: x\n<p>y</p>"));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    assertTrue(
        assertThrows(InvalidRequestException.class, () -> FaqText.parse("hello\n=== a | PAYMENT"))
            .getMessage()
            .contains("line 1"));
    assertTrue(
        assertThrows(
                InvalidRequestException.class, () -> FaqText.parse("=== a | PAYMENT\ntitle: x\n"))
            .getMessage()
            .contains("needs a title and a body"));
  }

  @Test
  void theQuestionsLanguageIsReadFromItsScript() {
    assertEquals("ar", KnowledgeBase.languageOf("متى يرجع الـ refund", "en"));
    assertEquals("en", KnowledgeBase.languageOf("refund status please", "ar"));
    assertEquals("ar", KnowledgeBase.languageOf("10432", "ar"), "no letters: the page's language");
  }
}
