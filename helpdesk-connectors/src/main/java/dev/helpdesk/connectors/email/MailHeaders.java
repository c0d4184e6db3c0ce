package dev.helpdesk.connectors.email;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient header decoding: RFC 2047 encoded words in any charset Java knows (adjacent words joined
 * before decoding, so a character split across two words survives), raw UTF-8 headers, and
 * Message-ID lists.
 */
public final class MailHeaders {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");

  private MailHeaders() {}

  /** A header's text: unfolded, encoded words decoded, null for null. */
  public static String decode(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.replaceAll("\\r?\\n[ \\t]*", " ");
    s = repairRawUtf8(s);
    Matcher m = ENCODED_WORD.matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    String pendingCharset = null;
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (m.find()) {
      String gap = s.substring(last, m.start());
      boolean adjacent = pendingCharset != null && gap.isBlank();
      String charset = m.group(1);
      int star = charset.indexOf('*'); // RFC 2231 language suffix: utf-8*ar
      if (star > 0) {
        charset = charset.substring(0, star);
      }
      if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
        flush(out, pending, pendingCharset);
        pendingCharset = null;
        if (!adjacent) {
          out.append(gap);
        }
      }
      byte[] bytes = wordBytes(m.group(2), m.group(3));
      if (bytes == null) {
        flush(out, pending, pendingCharset);
        pendingCharset = null;
        out.append(m.group());
      } else {
        pending.writeBytes(bytes);
        pendingCharset = charset;
      }
      last = m.end();
    }
    flush(out, pending, pendingCharset);
    out.append(s.substring(last));
    return out.toString().strip();
  }

  private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
    if (charset != null && pending.size() > 0) {
      out.append(new String(pending.toByteArray(), charset(charset, pending.toByteArray())));
    }
    pending.reset();
  }

  private static byte[] wordBytes(String encoding, String text) {
    try {
      if (encoding.equalsIgnoreCase("B")) {
        return Base64.getMimeDecoder().decode(text);
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '_') {
          b.write(' ');
        } else if (c == '=' && i + 2 < text.length()) {
          b.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          b.write(c);
        }
      }
      return b.toByteArray();
    } catch (IllegalArgumentException e) {
      return null; // not a well-formed word: keep it as written
    }
  }

  /**
   * The Java charset for a MIME charset name; unknown names fall back to UTF-8 when the bytes are
   * valid UTF-8, else windows-1252 (what mislabelled Western mail usually is).
   */
  public static Charset charset(String name, byte[] bytes) {
    if (name != null) {
      String n = name.strip().replace("\"", "").toLowerCase(Locale.ROOT);
      n =
          switch (n) {
            case "utf8", "unicode-1-1-utf-8" -> "UTF-8";
            case "cp-1256", "win-1256", "windows1256" -> "windows-1256";
            case "iso-8859-6-i", "iso-8859-6-e", "iso8859-6" -> "ISO-8859-6";
            case "ks_c_5601-1987" -> "EUC-KR";
            default -> n;
          };
      try {
        if (!n.isEmpty() && Charset.isSupported(n)) {
          return Charset.forName(n);
        }
      } catch (IllegalArgumentException e) {
        // illegal charset name: fall through
      }
    }
    return isUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
  }

  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Headers are read as ISO-8859-1 unless UTF-8 is allowed; 8-bit UTF-8 headers (RFC 6532, common
   * from phones) then show as mojibake. Re-read them as UTF-8 when they are valid UTF-8.
   */
  static String repairRawUtf8(String s) {
    boolean high = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        return s;
      }
      if (c >= 0x80) {
        high = true;
      }
    }
    if (!high) {
      return s;
    }
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    try {
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return cb.toString();
    } catch (CharacterCodingException e) {
      return s;
    }
  }

  /** Message-IDs in a header ({@code <a@b> <c@d>}), without angle brackets, in order, once. */
  public static List<String> messageIds(String header) {
    List<String> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    Matcher m = ANGLE_ID.matcher(header);
    while (m.find()) {
      ids.add(m.group(1));
    }
    if (ids.isEmpty()) { // some mailers drop the brackets
      for (String token : header.trim().split("[\\s,]+")) {
        if (token.contains("@")) {
          ids.add(token);
        }
      }
    }
    for (String id : ids) {
      if (id.length() <= 250) {
        out.add(id);
      }
    }
    return out;
  }

  /** One Message-ID without brackets, or null. */
  public static String messageId(String header) {
    List<String> ids = messageIds(header);
    return ids.isEmpty() ? null : ids.get(0);
  }
}
