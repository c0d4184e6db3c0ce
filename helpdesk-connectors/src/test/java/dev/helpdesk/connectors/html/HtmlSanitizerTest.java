package dev.helpdesk.connectors.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {
  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  @Test
  void removesScriptsHandlersAndJavascriptLinks() {
    String out =
        sanitizer.sanitize(
            "<div onclick=\"steal()\">Hi<script>alert(1)</script>"
                + "<a href=\"javascript:alert(2)\">x</a><iframe src=\"https://evil\"></iframe>"
                + "<img src=\"https://shop.example/logo.png\" onerror=\"alert(3)\"></div>");
    assertFalse(out.contains("script"), out);
    assertFalse(out.contains("onclick"), out);
    assertFalse(out.contains("onerror"), out);
    assertFalse(out.contains("javascript"), out);
    assertFalse(out.contains("iframe"), out);
    assertTrue(out.contains("https://shop.example/logo.png"), out);
  }

  @Test
  void keepsFormattingLinksInlineImagesAndDirection() {
    String out =
        sanitizer.sanitize(
            "<p dir=\"rtl\"><b>مرحبا</b> <a href=\"https://shop.example/orders/1\">طلبي</a></p>"
                + "<img src=\"cid:logo@mail\">");
    assertTrue(out.contains("dir=\"rtl\""), out);
    assertTrue(out.contains("<b>مرحبا</b>"), out);
    assertTrue(out.contains("href=\"https://shop.example/orders/1\""), out);
    assertTrue(
        out.contains("src=\"cid:logo&#64;mail\"") || out.contains("src=\"cid:logo@mail\""), out);
  }

  @Test
  void derivesReadableTextFromHtml() {
    assertEquals(
        "Hello Sam,\nYour order <1001> & parcel\nshipped.",
        HtmlSanitizer.toText(
            sanitizer.sanitize(
                "<p>Hello Sam,</p><p>Your order &lt;1001&gt; &amp; parcel<br>shipped.</p>")));
  }
}
