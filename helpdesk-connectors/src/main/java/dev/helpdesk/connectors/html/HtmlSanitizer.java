package dev.helpdesk.connectors.html;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Sanitises HTML from shoppers with the OWASP Java HTML Sanitizer: formatting, blocks, tables,
 * links (http, https, mailto; opened with rel=nofollow noopener) and images (https and inline cid:
 * parts) survive; script, event handlers, forms, iframes and styles that could overlay the agent's
 * page do not. Thread-safe.
 */
public final class HtmlSanitizer {
  private static final PolicyFactory POLICY =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.TABLES)
          .and(Sanitizers.LINKS)
          .and(
              new HtmlPolicyBuilder()
                  .allowUrlProtocols("https", "cid")
                  .allowElements("img")
                  .allowAttributes("alt", "src", "width", "height")
                  .onElements("img")
                  .allowElements("hr", "span", "br", "pre", "code")
                  .allowAttributes("dir", "lang")
                  .globally()
                  .toFactory());

  private static final Pattern BLOCK_END =
      Pattern.compile("(?i)</(p|div|h[1-6]|li|tr|blockquote|pre)>|<br\\s*/?>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  public String sanitize(String html) {
    return html == null ? null : POLICY.sanitize(html);
  }

  /** Plain text of (already sanitised) HTML: blocks become lines, entities are decoded. */
  public static String toText(String html) {
    if (html == null) {
      return "";
    }
    String text = BLOCK_END.matcher(html).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    text =
        text.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&#64;", "@")
            .replace("&#61;", "=")
            .replace("&#43;", "+")
            .replace("&#96;", "`")
            .replace("&amp;", "&");
    return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }
}
