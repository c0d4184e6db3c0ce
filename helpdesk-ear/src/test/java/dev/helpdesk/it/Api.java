package dev.helpdesk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP client of the helpdesk API, as an integration (Bearer token) or a browser session
 * (cookie + CSRF token) would call it.
 */
public final class Api {
  public static final String ADMIN_PASSWORD = "it-admin-password";

  private final URI base;
  private final HttpClient http;
  private String token;
  private String csrf;

  private Api(URL base, boolean cookies) {
    this.base = URI.create(base.toString().replaceAll("/$", "") + "/");
    // HTTP/1.1 as browsers and store backends speak it to us over plain HTTP (no h2c upgrade)
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    if (cookies) {
      b.cookieHandler(new CookieManager());
    }
    this.http = b.build();
  }

  /** An anonymous client. */
  public static Api anonymous(URL base) {
    return new Api(base, true);
  }

  /** A browser-like client logged in with a session cookie. */
  public static Api session(URL base, String login, String password) {
    Api api = new Api(base, true);
    Response r = api.post("api/v1/auth/login", Map.of("login", login, "password", password));
    if (r.status() != 200) {
      throw new AssertionError("login " + login + " failed: " + r);
    }
    api.csrf = r.json().getString("csrfToken");
    return api;
  }

  /** A client authenticating with an API token of the given user (made through a session). */
  public static Api token(URL base, String login, String password) {
    Api s = session(base, login, password);
    Response r = s.post("api/v1/auth/tokens", Map.of("name", "it-" + System.nanoTime()));
    if (r.status() != 201) {
      throw new AssertionError("token for " + login + ": " + r);
    }
    Api api = new Api(base, false);
    api.token = r.json().getString("secret");
    return api;
  }

  public static Api admin(URL base) {
    return token(base, "admin", ADMIN_PASSWORD);
  }

  /** A ticket's timeline (its activities) as one string, to look for an entry in. */
  public String timeline(long ticket) {
    return get("api/v1/tickets/" + ticket).json().getJsonArray("activities").toString();
  }

  /**
   * Creates an agent of these teams (this client being an admin) with the password {@code
   * agent-password}, and returns a client with the new agent's API token.
   */
  public Api newAgent(String login, String displayName, List<Long> teamIds) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("login", login);
    body.put("displayName", displayName);
    body.put("password", "agent-password");
    body.put("roles", List.of("AGENT"));
    body.put("teamIds", teamIds);
    Response r = post("api/v1/agents", body);
    if (r.status() != 201) {
      throw new AssertionError("agent " + login + ": " + r);
    }
    try {
      return token(base.toURL(), login, "agent-password");
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String token() {
    return token;
  }

  public Api withToken(String t) {
    this.token = t;
    return this;
  }

  public Api withoutCsrf() {
    this.csrf = null;
    return this;
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return (JsonObject) structure();
    }

    public JsonStructure structure() {
      try (var r = Json.createReader(new StringReader(body))) {
        return r.read();
      }
    }

    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
  }

  public Response put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").PUT(publisher(body)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** Any request, for the odd cases (wrong content type, raw bodies). */
  public Response send(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = request(path);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(
        b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
            .timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    return b;
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    String s = body instanceof String str ? str : toJson(body).toString();
    return HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8);
  }

  /** Maps, lists, strings, numbers, booleans and nulls to JSON. */
  @SuppressWarnings("unchecked")
  public static JsonValue toJson(Object o) {
    if (o == null) {
      return JsonValue.NULL;
    }
    if (o instanceof JsonValue v) {
      return v;
    }
    if (o instanceof Map<?, ?> m) {
      var b = Json.createObjectBuilder();
      ((Map<String, Object>) m).forEach((k, v) -> b.add(k, toJson(v)));
      return b.build();
    }
    if (o instanceof Iterable<?> it) {
      var b = Json.createArrayBuilder();
      it.forEach(v -> b.add(toJson(v)));
      return b.build();
    }
    if (o instanceof Number n) {
      return n instanceof Double || n instanceof Float
          ? Json.createValue(n.doubleValue())
          : Json.createValue(n.longValue());
    }
    if (o instanceof Boolean bool) {
      return bool ? JsonValue.TRUE : JsonValue.FALSE;
    }
    return Json.createValue(o.toString());
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
