package dev.helpdesk.connectors.text;

/**
 * How many Arabic and Latin letters a text has: what the helpdesk reads a message's or a question's
 * language from (Arabic or not), the same way for every channel and for the FAQ.
 *
 * @param arabic characters of the Arabic script
 * @param latin characters of the Latin script
 */
public record Letters(int arabic, int latin) {
  /** The letters of the first {@code max} characters of {@code text}. */
  public static Letters of(CharSequence text, int max) {
    int arabic = 0;
    int latin = 0;
    int n = Math.min(text.length(), max);
    for (int i = 0; i < n; i++) {
      Character.UnicodeScript s = Character.UnicodeScript.of(text.charAt(i));
      if (s == Character.UnicodeScript.ARABIC) {
        arabic++;
      } else if (s == Character.UnicodeScript.LATIN) {
        latin++;
      }
    }
    return new Letters(arabic, latin);
  }
}
