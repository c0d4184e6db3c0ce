package dev.helpdesk.application;

import dev.helpdesk.domain.model.faq.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text article format of the demo knowledge base and of bulk import ({@code POST
 * /api/v1/faq/import}): blocks of
 *
 * <pre>
 * === slug | CATEGORY
 * title: …
 * keywords: …, …
 * &lt;p&gt;body HTML…&lt;/p&gt;
 * </pre>
 *
 * Lines starting with {@code #} before the first block are comments.
 */
public final class FaqText {
  private FaqText() {}

  /** One article as written. */
  public record Draft(String slug, Category category, String title, String keywords, String html) {}

  /**
   * @throws InvalidRequestException naming the line of the first error
   */
  public static List<Draft> parse(String text) {
    List<Draft> out = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n");
    String slug = null;
    Category category = null;
    String title = null;
    String keywords = "";
    StringBuilder body = new StringBuilder();
    int start = 0;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "=== end";
      if (line.startsWith("===")) {
        if (slug != null) {
          if (title == null || body.toString().isBlank()) {
            throw new InvalidRequestException(
                "text", "article '" + slug + "' (line " + start + ") needs a title and a body");
          }
          out.add(new Draft(slug, category, title, keywords, body.toString().strip()));
        }
        if (i == lines.length) {
          break;
        }
        String[] head = line.substring(3).split("\\|");
        if (head.length != 2) {
          throw new InvalidRequestException(
              "text", "line " + (i + 1) + ": expected '=== slug | CATEGORY'");
        }
        slug = head[0].strip();
        try {
          category = category(head[1]);
        } catch (InvalidRequestException e) {
          throw new InvalidRequestException("text", "line " + (i + 1) + ": " + e.getMessage());
        }
        title = null;
        keywords = "";
        body.setLength(0);
        start = i + 1;
      } else if (slug == null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          throw new InvalidRequestException(
              "text", "line " + (i + 1) + ": text before the first '=== slug | CATEGORY'");
        }
      } else if (title == null && line.startsWith("title:")) {
        title = line.substring(6).strip();
      } else if (body.isEmpty() && line.startsWith("keywords:")) {
        keywords = line.substring(9).strip();
      } else {
        body.append(line).append('\n');
      }
    }
    return out;
  }

  /** A category by name, any case; else 422 naming the valid ones. */
  static Category category(String name) {
    try {
      return Category.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "category",
          "category must be one of "
              + java.util.Arrays.toString(Category.values())
              + ", not "
              + name);
    }
  }
}
