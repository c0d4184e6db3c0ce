package dev.helpdesk.interfaces.rest;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** RFC 9457 problem details: the one shape every API error takes. */
public final class Problems {
  /**
   * One JSON-P provider: Json.createX looks the provider up through ServiceLoader on every call.
   */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  public static final String MEDIA_TYPE = "application/problem+json";

  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(503, "Service Unavailable"));

  private Problems() {}

  public static Response response(int status, String detail, String instance, String field) {
    JsonObjectBuilder b =
        JSON.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", TITLES.getOrDefault(status, "Error"))
            .add("status", status)
            .add("detail", detail == null ? TITLES.getOrDefault(status, "Error") : detail);
    if (instance != null) {
      b.add("instance", instance);
    }
    if (field != null) {
      b.add("field", field);
    }
    return Response.status(status).type(MEDIA_TYPE).entity(b.build().toString()).build();
  }
}
