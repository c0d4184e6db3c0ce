package dev.helpdesk.connectors.social;

import dev.helpdesk.connectors.spi.InvalidPayloadException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

/** Reading a webhook's JSON: refuses what is not JSON, and reads optional fields leniently. */
public final class Payloads {
  private Payloads() {}

  /** The body as a JSON object; a precise {@link InvalidPayloadException} when it is none. */
  public static JsonObject object(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidPayloadException("the body is empty; a JSON object is expected", true);
    }
    JsonValue v;
    try (var reader = JsonHttp.JSON.createReader(new ByteArrayInputStream(body))) {
      v = reader.readValue();
    } catch (RuntimeException e) {
      throw new InvalidPayloadException("the body is not valid JSON: " + e.getMessage(), true);
    }
    if (!(v instanceof JsonObject o)) {
      throw new InvalidPayloadException("the body is JSON but not an object", true);
    }
    return o;
  }

  public static JsonObject obj(JsonObject o, String key) {
    return o != null && o.get(key) instanceof JsonObject x ? x : null;
  }

  /** The objects of an array member (anything else in it skipped); empty when absent. */
  public static List<JsonObject> objects(JsonObject o, String key) {
    if (o == null || !(o.get(key) instanceof JsonArray a)) {
      return List.of();
    }
    return a.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  /** The strings of an array member (anything else in it skipped); empty when absent. */
  public static List<String> strings(JsonObject o, String key) {
    if (o == null || !(o.get(key) instanceof JsonArray a)) {
      return List.of();
    }
    return a.stream()
        .filter(JsonString.class::isInstance)
        .map(v -> ((JsonString) v).getString())
        .toList();
  }

  /** A string or number member as text; null when absent or of another type. */
  public static String text(JsonObject o, String key) {
    if (o == null) {
      return null;
    }
    JsonValue v = o.get(key);
    if (v instanceof JsonString s) {
      return s.getString();
    }
    if (v instanceof JsonNumber n) {
      return n.toString();
    }
    return null;
  }

  /** A required id: its text, or an {@link InvalidPayloadException} naming where it is missing. */
  public static String id(JsonObject o, String key, String where) {
    String v = text(o, key);
    if (v == null || v.isBlank()) {
      throw new InvalidPayloadException(where + "." + key + " is missing", false);
    }
    return v;
  }

  /** Seconds (as string or number) since the epoch; null when absent or unreadable. */
  public static Instant epochSeconds(String v) {
    try {
      return v == null ? null : Instant.ofEpochSecond(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Milliseconds since the epoch; null when absent or unreadable. */
  public static Instant epochMillis(String v) {
    try {
      return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
