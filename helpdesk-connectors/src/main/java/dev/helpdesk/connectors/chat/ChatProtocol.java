package dev.helpdesk.connectors.chat;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The frames of {@code /ws/chat} (see {@code docs/chat-protocol.md}): client frames parsed and
 * checked here, server frames built here, so the endpoint only moves strings.
 */
public final class ChatProtocol {
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  /** Longest message text, in characters. */
  public static final int MAX_TEXT = 4000;

  /** Most attachments on one message. */
  public static final int MAX_ATTACHMENTS = 3;

  /** File types a shopper may send. */
  public static final Set<String> FILE_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf");

  /** Context keys the widget may pass, as the host page names them. */
  public static final List<String> CONTEXT_KEYS =
      List.of("cartId", "orderNumber", "cartTotal", "currency", "checkoutStep", "pageUrl");

  private ChatProtocol() {}

  /** A frame from the widget. */
  public sealed interface ClientFrame {}

  /**
   * The first frame: who the visitor is and what they already saw.
   *
   * @param token the visitor token from an earlier welcome, or null for a new visitor
   * @param lastSeq the last message sequence the client holds (0: none)
   * @param language the page's language ("en", "ar"), may be null
   * @param identity a store-signed identity, or null
   * @param context cart / order / page context, by {@link #CONTEXT_KEYS}
   */
  public record Hello(
      String token, int lastSeq, String language, Identity identity, Map<String, String> context)
      implements ClientFrame {}

  /** A shopper identity as the host page passes it; {@code signature} may be missing. */
  public record Identity(String name, String email, String signature) {}

  /** A message; {@code key} is the client's idempotency key. */
  public record Send(String key, String text, List<File> attachments) implements ClientFrame {}

  /** An attached file, decoded. */
  public record File(String name, String contentType, byte[] data) {}

  /** The pre-chat form or the e-mail asked for when nobody is online. */
  public record Contact(String name, String email, String topic) implements ClientFrame {}

  /** The page changed (another checkout step): new context for the conversation. */
  public record Context(Map<String, String> context) implements ClientFrame {}

  public record Typing() implements ClientFrame {}

  /** The shopper has seen the agent's messages up to {@code seq}. */
  public record Read(int seq) implements ClientFrame {}

  public record Ping() implements ClientFrame {}

  /** What the shopper is typing, for FAQ suggestions; {@code id} is echoed in the answer. */
  public record Suggest(int id, String text) implements ClientFrame {}

  /** Open a suggested article. */
  public record OpenArticle(long article) implements ClientFrame {}

  /** "Was this helpful?" on an article. */
  public record Feedback(long article, boolean helpful) implements ClientFrame {}

  /** "This answered my question": the chat ends self-served. */
  public record Resolved(long article) implements ClientFrame {}

  /** The shopper's answer to a satisfaction survey card: a score 1-5, an optional comment. */
  public record Csat(String survey, int score, String comment) implements ClientFrame {}

  /** Longest comment on a satisfaction survey. */
  public static final int MAX_CSAT_COMMENT = 2000;

  /** Longest text a suggestion is asked for. */
  public static final int MAX_SUGGEST_TEXT = 500;

  /**
   * Parses one client frame.
   *
   * @param maxFileBytes the largest attachment accepted, decoded
   * @throws ChatProtocolException with a code the widget can show
   */
  public static ClientFrame parse(String text, int maxFileBytes) {
    JsonObject o;
    try (JsonReader r = JSON.createReader(new StringReader(text))) {
      JsonValue v = r.readValue();
      if (!(v instanceof JsonObject obj)) {
        throw new ChatProtocolException("malformed", "a frame is a JSON object");
      }
      o = obj;
    } catch (JsonException e) {
      throw new ChatProtocolException("malformed", "not JSON: " + firstLine(e.getMessage()));
    }
    String type = string(o, "type", 20);
    if (type == null) {
      throw new ChatProtocolException("malformed", "a frame needs a \"type\"");
    }
    return switch (type) {
      case "hello" -> hello(o);
      case "send" -> send(o, maxFileBytes);
      case "contact" ->
          new Contact(clean(string(o, "name", 200)), email(string(o, "email", 320)), topic(o));
      case "context" -> new Context(context(o.get("context")));
      case "typing" -> new Typing();
      case "read" -> new Read(integer(o, "seq"));
      case "ping" -> new Ping();
      case "suggest" -> new Suggest(integer(o, "id"), suggestText(o));
      case "article" -> new OpenArticle(id(o, "article"));
      case "feedback" -> new Feedback(id(o, "article"), bool(o, "helpful"));
      case "resolved" -> new Resolved(id(o, "article"));
      case "csat" -> csat(o);
      default -> throw new ChatProtocolException("unknown-type", "unknown frame type " + type);
    };
  }

  private static Csat csat(JsonObject o) {
    String survey = string(o, "survey", 64);
    if (survey == null || survey.isBlank()) {
      throw new ChatProtocolException("invalid", "a survey answer needs its \"survey\"");
    }
    int score = integer(o, "score");
    if (score < 1 || score > 5) {
      throw new ChatProtocolException("invalid", "\"score\" is a whole number from 1 to 5");
    }
    String comment = clean(string(o, "comment", MAX_CSAT_COMMENT));
    return new Csat(survey, score, comment == null || comment.isEmpty() ? null : comment);
  }

  private static Hello hello(JsonObject o) {
    Identity identity = null;
    if (o.get("identity") instanceof JsonObject id) {
      String email = string(id, "email", 320);
      identity =
          new Identity(
              clean(string(id, "name", 200)),
              email == null || email.isBlank() ? null : email(email),
              string(id, "signature", 200));
    }
    String lang = string(o, "lang", 10);
    return new Hello(
        string(o, "token", 200),
        integer(o, "lastSeq"),
        lang == null ? null : lang.toLowerCase(Locale.ROOT),
        identity,
        context(o.get("context")));
  }

  private static Send send(JsonObject o, int maxFileBytes) {
    String key = string(o, "key", 64);
    if (key == null || !key.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new ChatProtocolException(
          "invalid", "a message needs a \"key\" of 1 to 64 letters, digits, - or _");
    }
    String text = o.get("text") instanceof JsonString s ? s.getString().strip() : "";
    if (text.length() > MAX_TEXT) {
      throw new ChatProtocolException(
          "too-long",
          "a message holds at most " + MAX_TEXT + " characters, not " + text.length(),
          key);
    }
    List<File> files = new ArrayList<>();
    if (o.get("attachments") instanceof JsonArray a) {
      if (a.size() > MAX_ATTACHMENTS) {
        throw new ChatProtocolException(
            "invalid", "at most " + MAX_ATTACHMENTS + " files per message", key);
      }
      for (JsonValue v : a) {
        if (!(v instanceof JsonObject f)) {
          throw new ChatProtocolException("invalid", "an attachment is an object", key);
        }
        String name = clean(string(f, "name", 200));
        String type = string(f, "type", 100);
        String data = string(f, "data", Integer.MAX_VALUE);
        if (name == null || name.isBlank() || data == null) {
          throw new ChatProtocolException("invalid", "an attachment needs a name and data", key);
        }
        type = type == null ? "" : type.toLowerCase(Locale.ROOT).strip();
        if (!FILE_TYPES.contains(type)) {
          throw new ChatProtocolException(
              "file-type", name + ": only images (PNG, JPEG, GIF, WebP) and PDF files", key);
        }
        if ((long) data.length() * 3 / 4 > maxFileBytes + 3L) {
          throw new ChatProtocolException(
              "file-too-large", name + " is larger than " + maxFileBytes / 1024 + " KiB", key);
        }
        byte[] bytes;
        try {
          bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
          throw new ChatProtocolException("invalid", name + ": data is not base64", key);
        }
        if (bytes.length > maxFileBytes) {
          throw new ChatProtocolException(
              "file-too-large", name + " is larger than " + maxFileBytes / 1024 + " KiB", key);
        }
        files.add(new File(name, type, bytes));
      }
    }
    if (text.isEmpty() && files.isEmpty()) {
      throw new ChatProtocolException("invalid", "a message needs text or a file", key);
    }
    return new Send(key, text, files);
  }

  private static String suggestText(JsonObject o) {
    JsonValue v = o.get("text");
    if (!(v instanceof JsonString s)) {
      throw new ChatProtocolException("invalid", "a suggest frame needs a \"text\"");
    }
    String t = s.getString();
    if (t.length() > MAX_SUGGEST_TEXT) {
      t = t.substring(t.length() - MAX_SUGGEST_TEXT); // the words being typed are the last ones
    }
    return clean(t.strip());
  }

  private static long id(JsonObject o, String name) {
    if (!(o.get(name) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() <= 0) {
      throw new ChatProtocolException("invalid", "\"" + name + "\" must be a positive id");
    }
    return n.longValue();
  }

  private static boolean bool(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == JsonValue.TRUE) {
      return true;
    }
    if (v == JsonValue.FALSE) {
      return false;
    }
    throw new ChatProtocolException("invalid", "\"" + name + "\" must be true or false");
  }

  private static String topic(JsonObject o) {
    String t = string(o, "topic", 60);
    return t == null || t.isBlank() ? null : t.strip();
  }

  private static Map<String, String> context(JsonValue v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof JsonObject c) {
      for (String k : CONTEXT_KEYS) {
        JsonValue x = c.get(k);
        String s =
            x instanceof JsonString js
                ? js.getString()
                : x instanceof JsonNumber n ? n.bigDecimalValue().toPlainString() : null;
        if (s != null && !s.isBlank()) {
          s = clean(s.strip());
          if (s.length() > 500) {
            throw new ChatProtocolException("invalid", "context." + k + " is over 500 characters");
          }
          out.put(k, s);
        }
      }
    } else if (v != null && v != JsonValue.NULL) {
      throw new ChatProtocolException("invalid", "\"context\" is an object");
    }
    return out;
  }

  private static String email(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    String e = email.strip().toLowerCase(Locale.ROOT);
    if (!e.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
      throw new ChatProtocolException("invalid-email", "\"" + e + "\" is not an e-mail address");
    }
    return e;
  }

  private static String string(JsonObject o, String name, int max) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw new ChatProtocolException("invalid", "\"" + name + "\" must be a string");
    }
    if (s.getString().length() > max) {
      throw new ChatProtocolException("too-long", "\"" + name + "\" is too long");
    }
    return s.getString();
  }

  private static int integer(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      return 0;
    }
    if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
      throw new ChatProtocolException("invalid", "\"" + name + "\" must be a whole number ≥ 0");
    }
    return (int) Math.min(Integer.MAX_VALUE, n.longValue());
  }

  /** Drops control characters (not line breaks or tabs) from a field shown to agents. */
  private static String clean(String s) {
    return s == null ? null : s.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  // ---- server frames -------------------------------------------------------------------------

  /** A frame builder with its type set. */
  public static JsonObjectBuilder frame(String type) {
    return JSON.createObjectBuilder().add("type", type);
  }

  public static JsonObjectBuilder object() {
    return JSON.createObjectBuilder();
  }

  public static jakarta.json.JsonArrayBuilder array() {
    return JSON.createArrayBuilder();
  }

  public static String error(String code, String message, String key) {
    JsonObjectBuilder b = frame("error").add("code", code).add("message", message);
    if (key != null) {
      b.add("key", key);
    }
    return b.build().toString();
  }

  public static String pong() {
    return "{\"type\":\"pong\"}";
  }
}
