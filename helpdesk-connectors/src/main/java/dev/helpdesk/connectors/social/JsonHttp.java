package dev.helpdesk.connectors.social;

import dev.helpdesk.connectors.spi.DeliveryException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON to a network's send API and reads its JSON answer. A 2xx answer is returned; 429, 5xx
 * and network errors are {@link DeliveryException}s to retry; any other 4xx is a permanent one
 * carrying the network's own explanation (Graph's {@code error.message}, Telegram's {@code
 * description}), which the agent then sees on the message.
 */
public final class JsonHttp {
  /** One JSON-P provider: Json.createX looks the provider up on every call. */
  public static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private JsonHttp() {}

  /**
   * @param network the network's name, for messages
   * @param url where to POST
   * @param bearer an access token sent as {@code Authorization: Bearer}, or null
   * @param body the JSON to send
   */
  public static JsonObject post(String network, String url, String bearer, JsonObject body)
      throws DeliveryException {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(15))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new DeliveryException(network + ": the API base URL is not valid", true);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException(network + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(network + ": interrupted", e);
    }
    int status = response.statusCode();
    JsonObject answer = parse(response.body());
    if (status >= 200 && status < 300) {
      if (answer == null) {
        throw new DeliveryException(network + " answered " + status + " without JSON", false);
      }
      return answer;
    }
    String why = explanation(answer);
    String text = network + " refused the message (" + status + (why == null ? ")" : "): " + why);
    throw new DeliveryException(text, status != 429 && status < 500);
  }

  /**
   * A setting the send cannot do without (a token): its value, or a permanent failure naming the
   * account and the setting.
   */
  public static String required(String network, Map<String, String> account, String key)
      throws DeliveryException {
    String v = account.get(key);
    if (v == null || v.isBlank()) {
      throw new DeliveryException(
          network + " account " + account.get("address") + " has no " + key, true);
    }
    return v;
  }

  /**
   * The account's {@code apiBaseUrl} (a test double, a proxy) or the network's, without a final /.
   */
  public static String baseUrl(Map<String, String> account, String network) {
    return account.getOrDefault("apiBaseUrl", network).replaceAll("/+$", "");
  }

  private static JsonObject parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try (var reader = JSON.createReader(new StringReader(text))) {
      JsonValue v = reader.readValue();
      return v instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String explanation(JsonObject answer) {
    if (answer == null) {
      return null;
    }
    if (answer.get("error") instanceof JsonObject error) {
      return error.getString("message", null);
    }
    return answer.getString("description", null);
  }
}
