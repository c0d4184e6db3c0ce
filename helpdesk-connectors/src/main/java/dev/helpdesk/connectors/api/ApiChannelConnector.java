package dev.helpdesk.connectors.api;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.OutboundMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends replies of the API channel. With a {@code callbackUrl} in the account settings the reply is
 * POSTed there as JSON, signed with {@code X-Helpdesk-Signature: sha256=<hex HMAC>} of the body
 * when a {@code callbackSecret} is set; the receiver's {@code {"id": "..."}} becomes the external
 * id (scoped by the account, as inbound ids are). 4xx answers are permanent failures, 5xx and
 * network errors are retried. Without a callback the reply is delivered by being recorded (the
 * integration reads it from the API).
 */
public final class ApiChannelConnector implements ChannelConnector {
  /**
   * One JSON-P provider: Json.createX looks the provider up through ServiceLoader on every call.
   */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Channel channel() {
    return Channel.API;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage message) throws DeliveryException {
    String account = message.account().getOrDefault("address", "api");
    String callback = message.account().get("callbackUrl");
    if (callback == null || callback.isBlank()) {
      return new DeliveryReceipt(ApiMessageParser.scoped(account, "reply-" + UUID.randomUUID()));
    }
    String body =
        JSON.createObjectBuilder()
            .add("messageId", message.messageId())
            .add("ticket", message.ticketReference())
            .add("to", message.recipient().value())
            .add("text", message.text())
            .add("author", message.authorName() == null ? "" : message.authorName())
            .add(
                "inReplyTo",
                message.inReplyTo() == null ? "" : ApiMessageParser.unscoped(message.inReplyTo()))
            .build()
            .toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(callback))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "helpdesk-message-" + message.messageId())
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    String secret = message.account().get("callbackSecret");
    if (secret != null && !secret.isBlank()) {
      request.header("X-Helpdesk-Signature", "sha256=" + hmacSha256Hex(secret, body));
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException("callback " + callback + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while calling " + callback, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new DeliveryReceipt(
          ApiMessageParser.scoped(account, idFrom(response.body(), message.messageId())));
    }
    throw new DeliveryException(
        "callback answered HTTP " + status, status >= 400 && status < 500 && status != 429);
  }

  private static String idFrom(String body, long messageId) {
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      JsonObject o = reader.readObject();
      if (o.get("id") instanceof JsonString s && !s.getString().isBlank()) {
        return s.getString();
      }
    } catch (RuntimeException notJson) {
      // the receiver need not answer JSON: fall back to our own id
    }
    return "api-" + messageId;
  }

  static String hmacSha256Hex(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(sig.length * 2);
      for (byte b : sig) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
