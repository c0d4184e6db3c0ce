package dev.helpdesk.connectors.api;

import dev.helpdesk.connectors.html.HtmlSanitizer;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundAttachment;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the API channel's JSON message into an {@link InboundMessage}.
 *
 * <pre>{
 *   "channelAccount": "store-backend",        // optional, default "api"; ids are scoped by it
 *   "externalId": "crm-42-1",                 // required, unique per message within the account
 *   "conversationId": "crm-42",               // optional, threads messages together
 *   "inReplyTo": ["crm-42-0"],                // optional, earlier external ids
 *   "from": {"email": "...", "phone": "...", "externalId": "...", "name": "..."},
 *   "subject": "...", "text": "...", "html": "...",
 *   "sentAt": "2026-11-22T10:00:00Z",
 *   "metadata": {"orderRef": "1001", "language": "ar"},
 *   "attachments": [{"filename": "a.pdf", "contentType": "application/pdf", "data": "base64"}]
 * }</pre>
 */
public final class ApiMessageParser {
  /**
   * One JSON-P provider: Json.createX looks the provider up through ServiceLoader on every call.
   */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  static final int MAX_TEXT = 64 * 1024;
  static final int MAX_ACCOUNT = 40;

  /**
   * An integration's ids are its own: two stores may both send message "1". Ids (and conversation
   * ids) are therefore scoped by channel account, {@code store-a/1}, before they meet the core's
   * (channel, external id) uniqueness.
   */
  public static String scoped(String account, String id) {
    return account + "/" + id;
  }

  /** The integration's own id back from a scoped one. */
  public static String unscoped(String scopedId) {
    if (scopedId == null) {
      return null;
    }
    int slash = scopedId.indexOf('/');
    return slash < 0 ? scopedId : scopedId.substring(slash + 1);
  }

  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  /** Parses a JSON array of messages (a batch), at most {@code max} of them. */
  public List<InboundMessage> parseBatch(String json, int max) {
    if (!(read(json) instanceof JsonArray array)) {
      throw new InvalidPayloadException("a batch must be a JSON array of messages", true);
    }
    if (array.isEmpty() || array.size() > max) {
      throw new InvalidPayloadException(
          "a batch holds 1 to " + max + " messages, not " + array.size(), false);
    }
    List<InboundMessage> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        out.add(message(array.get(i)));
      } catch (InvalidPayloadException e) {
        throw new InvalidPayloadException("message " + i + ": " + e.getMessage(), e.isMalformed());
      }
    }
    return out;
  }

  /** Parses one message (a JSON object). */
  public InboundMessage parse(String json) {
    return message(read(json));
  }

  /** JSON text to a value, or an error that says where the text is broken. */
  private static JsonValue read(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return reader.readValue();
    } catch (JsonParsingException e) {
      throw new InvalidPayloadException(
          "malformed JSON at line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber(),
          true);
    } catch (JsonException e) {
      throw new InvalidPayloadException("malformed JSON", true);
    }
  }

  private InboundMessage message(JsonValue v) {
    if (!(v instanceof JsonObject o)) {
      throw new InvalidPayloadException("the message must be a JSON object", true);
    }
    String externalId = str(o, "externalId");
    if (externalId == null || externalId.isBlank()) {
      throw new InvalidPayloadException("externalId is required", false);
    }
    if (externalId.length() > 250) {
      throw new InvalidPayloadException("externalId is longer than 250 characters", false);
    }
    JsonObject from = obj(o, "from");
    if (from == null) {
      throw new InvalidPayloadException("from is required (email, phone or externalId)", false);
    }
    SenderIdentity sender = sender(from);
    String text = str(o, "text");
    String html = str(o, "html");
    if ((text == null || text.isBlank()) && (html == null || html.isBlank())) {
      throw new InvalidPayloadException("text or html is required", false);
    }
    String safeHtml = html == null ? null : sanitizer.sanitize(html);
    if (text == null || text.isBlank()) {
      text = HtmlSanitizer.toText(safeHtml);
    }
    if (text.length() > MAX_TEXT) {
      throw new InvalidPayloadException("text is longer than " + MAX_TEXT + " characters", false);
    }
    String givenAccount = str(o, "channelAccount");
    String account = givenAccount == null || givenAccount.isBlank() ? "api" : givenAccount.strip();
    if (account.length() > MAX_ACCOUNT || account.contains("/")) {
      throw new InvalidPayloadException(
          "channelAccount must have at most " + MAX_ACCOUNT + " characters and no '/'", false);
    }
    List<String> threadKeys = new ArrayList<>();
    String conversationId = str(o, "conversationId");
    if (conversationId != null && !conversationId.isBlank()) {
      threadKeys.add(scoped(account, conversationId));
    }
    for (String id : strings(o, "inReplyTo")) {
      threadKeys.add(scoped(account, id));
    }

    Instant sentAt = null;
    String sent = str(o, "sentAt");
    if (sent != null) {
      try {
        sentAt = Instant.parse(sent);
      } catch (DateTimeParseException e) {
        throw new InvalidPayloadException("sentAt is not an ISO-8601 instant: " + sent, false);
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonObject meta = obj(o, "metadata");
    if (meta != null) {
      for (var e : meta.entrySet()) {
        JsonValue value = e.getValue();
        metadata.put(e.getKey(), value instanceof JsonString s ? s.getString() : value.toString());
      }
    }
    return new InboundMessage(
        Channel.API,
        account,
        scoped(account, externalId),
        threadKeys,
        sender,
        str(o, "subject"),
        text,
        safeHtml,
        attachments(o),
        sentAt,
        metadata);
  }

  private static SenderIdentity sender(JsonObject from) {
    String name = str(from, "name");
    String email = str(from, "email");
    if (email != null && !email.isBlank()) {
      if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new InvalidPayloadException("from.email is not an e-mail address: " + email, false);
      }
      return new SenderIdentity(IdentityKind.EMAIL, email, name);
    }
    String phone = str(from, "phone");
    if (phone != null && !phone.isBlank()) {
      return new SenderIdentity(IdentityKind.PHONE, phone.replaceAll("[\\s()-]", ""), name);
    }
    String id = str(from, "externalId");
    if (id != null && !id.isBlank()) {
      return new SenderIdentity(IdentityKind.EXTERNAL, id, name);
    }
    throw new InvalidPayloadException("from needs an email, phone or externalId", false);
  }

  private static List<InboundAttachment> attachments(JsonObject o) {
    JsonValue v = o.get("attachments");
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      throw new InvalidPayloadException("attachments must be an array", false);
    }
    List<InboundAttachment> out = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonObject a)) {
        throw new InvalidPayloadException("each attachment must be an object", false);
      }
      String data = str(a, "data");
      if (data == null) {
        throw new InvalidPayloadException("attachment data (base64) is required", false);
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(data);
      } catch (IllegalArgumentException e) {
        throw new InvalidPayloadException("attachment data is not base64", false);
      }
      out.add(new InboundAttachment(str(a, "filename"), str(a, "contentType"), bytes, null));
    }
    return out;
  }

  private static String str(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString();
    }
    throw new InvalidPayloadException(key + " must be a string", false);
  }

  private static JsonObject obj(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonObject j) {
      return j;
    }
    throw new InvalidPayloadException(key + " must be an object", false);
  }

  private static List<String> strings(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (v instanceof JsonString s) {
      return List.of(s.getString());
    }
    if (v instanceof JsonArray a) {
      List<String> out = new ArrayList<>();
      for (JsonValue item : a) {
        if (!(item instanceof JsonString s)) {
          throw new InvalidPayloadException(key + " must hold strings", false);
        }
        out.add(s.getString());
      }
      return out;
    }
    throw new InvalidPayloadException(key + " must be a string or an array of strings", false);
  }
}
