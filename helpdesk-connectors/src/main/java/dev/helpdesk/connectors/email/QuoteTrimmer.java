package dev.helpdesk.connectors.email;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of an e-mail the shopper just wrote: quoted history (Gmail, Outlook, Apple Mail,
 * Thunderbird; English, Arabic, French, German, Spanish quote headers) and signatures (the "-- "
 * delimiter, "Sent from my iPhone" and its kin) are cut. When cutting would leave nothing, the
 * whole text is kept: a reply never disappears.
 */
public final class QuoteTrimmer {
  /** "On … wrote:" and translations; may span two lines (Gmail wraps long attributions). */
  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "(?is)^\\s*(on|le|am|el|op|في|بتاريخ)\\s.{4,300}"
              + "(wrote|a écrit|schrieb|escribió|schreef|كتب|تمت كتابة ما يلي بواسطة\\s.*)\\s*:?\\s*$");

  private static final Pattern ARABIC_ATTRIBUTION =
      Pattern.compile("(?s)^\\s*(في|بتاريخ)\\s.{4,300}(كتب|تمت كتابة ما يلي بواسطة).{0,300}:\\s*$");

  private static final Pattern SEPARATOR =
      Pattern.compile(
          "(?i)^\\s*(-{2,}\\s*(original message|message d'origine|ursprüngliche nachricht"
              + "|mensaje original|الرسالة الأصلية)\\s*-{2,}|_{10,})\\s*$");

  private static final Pattern HEADER_FROM =
      Pattern.compile("(?i)^\\s*\\*?(from|de|von|van|من)\\s*:\\*?\\s*.+$");

  private static final Pattern HEADER_NEXT =
      Pattern.compile(
          "(?i)^\\s*\\*?(sent|date|envoyé|gesendet|enviado|verzonden|to|تاريخ الإرسال|تم الإرسال|أُرسل|أرسل|التاريخ|إلى)\\s*:\\*?.*$");

  private static final Pattern SIGNATURE_DELIMITER = Pattern.compile("^--\\s?$");

  private static final Pattern MOBILE_SIGNATURE =
      Pattern.compile(
          "(?i)^\\s*(sent from my .{1,40}|sent from (mail|outlook|yahoo mail|gmail) for .{1,30}"
              + "|sent from (outlook|yahoo mail|gmail|mail)\\b.{0,30}|get outlook for (ios|android).{0,10}"
              + "|envoyé de mon .{1,40}|von meinem .{1,40} gesendet|enviado desde mi .{1,40}"
              + "|أرسلت من .{1,40}|أُرسلت من .{1,40}|مرسل من .{1,40}|تم الإرسال من .{1,40}|تم الإرسال من جهاز .{1,40})\\s*$");

  private QuoteTrimmer() {}

  /** The text without quoted history and signature, or the text itself if nothing else remains. */
  public static String visible(String text) {
    if (text == null || text.isBlank()) {
      return text == null ? "" : text.strip();
    }
    List<String> lines = text.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
    int cut = quoteStart(lines);
    int sig = signatureStart(lines, cut);
    cut = Math.min(cut, sig);
    String kept = String.join("\n", lines.subList(0, cut)).strip();
    return kept.isEmpty() ? text.strip() : kept;
  }

  private static int quoteStart(List<String> lines) {
    int n = lines.size();
    for (int i = 0; i < n; i++) {
      String line = lines.get(i);
      String two = i + 1 < n ? line + " " + lines.get(i + 1) : line;
      if (line.isBlank()) {
        continue;
      }
      if (attribution(line) || (i + 1 < n && !lines.get(i + 1).isBlank() && attribution(two))) {
        return i;
      }
      if (SEPARATOR.matcher(line).matches()) {
        return i;
      }
      if (HEADER_FROM.matcher(line).matches()
          && i + 1 < n
          && HEADER_NEXT.matcher(lines.get(i + 1)).matches()) {
        return i;
      }
    }
    // a trailing block of "> " lines (bottom of the mail) without an attribution
    int end = n;
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    int start = end;
    while (start > 0 && (lines.get(start - 1).startsWith(">") || lines.get(start - 1).isBlank())) {
      start--;
    }
    while (start < end && lines.get(start).isBlank()) {
      start++;
    }
    return start < end ? start : n;
  }

  private static boolean attribution(String s) {
    String t = s.strip();
    if (t.length() > 400) {
      return false;
    }
    return (ATTRIBUTION.matcher(t).matches() && t.endsWith(":"))
        || ARABIC_ATTRIBUTION.matcher(t).matches();
  }

  private static int signatureStart(List<String> lines, int limit) {
    for (int i = 0; i < limit; i++) {
      if (SIGNATURE_DELIMITER.matcher(lines.get(i)).matches() && i > 0) {
        return i;
      }
    }
    // a mobile signature as the last non-blank line before the cut
    int last = limit - 1;
    while (last >= 0 && lines.get(last).isBlank()) {
      last--;
    }
    if (last > 0 && MOBILE_SIGNATURE.matcher(lines.get(last)).matches()) {
      return last;
    }
    return limit;
  }
}
