package dev.helpdesk.connectors.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuoteTrimmerTest {
  @Test
  void cutsAtAnArabicAppleMailAttribution() {
    assertEquals(
        "نعم، العنوان صحيح.",
        QuoteTrimmer.visible(
            "نعم، العنوان صحيح.\n\nفي 22 نوفمبر 2026، الساعة 9:00 ص، كتب Store Support <support@store.test>:\n\n> هل العنوان صحيح؟"));
  }

  @Test
  void keepsASentenceThatMerelyMentionsWriting() {
    String text = "On Monday I wrote to you about the refund, nobody answered.\nPlease help.";
    assertEquals(text, QuoteTrimmer.visible(text));
  }

  @Test
  void germanOutlookHeaderBlock() {
    assertEquals(
        "Danke!",
        QuoteTrimmer.visible(
            "Danke!\n\nVon: Store Support <support@store.test>\nGesendet: Freitag, 20. November 2026 16:12\nAn: Jonas"));
  }

  @Test
  void emptyAndNull() {
    assertEquals("", QuoteTrimmer.visible(null));
    assertEquals("", QuoteTrimmer.visible("  \n"));
  }
}
