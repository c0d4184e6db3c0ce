package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets a precise RFC 9457 problem with the right status, never a 500 or a trace. */
@ExtendWith(ArquillianExtension.class)
class ApiErrorsIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  Api admin;

  @BeforeEach
  void login() {
    admin = Api.admin(base);
  }

  private static void problem(Api.Response r, int status, String detailPart) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertEquals(status, r.json().getInt("status"));
    assertTrue(r.json().getString("detail").contains(detailPart), r.json().getString("detail"));
    assertFalse(
        r.body().contains("Exception") || r.body().contains("\tat "),
        "no stack trace: " + r.body());
  }

  @Test
  void malformedJsonIs400AndSaysWhere() {
    problem(
        admin.send("POST", "api/v1/inbound", "application/json", "{\"externalId\": \"x\",\n oops"),
        400,
        "line 2");
    problem(
        admin.send("POST", "api/v1/teams", "application/json", "{\"name\": "),
        400,
        "malformed JSON");
  }

  @Test
  void aMissingOrInvalidFieldIs422AndNamesIt() {
    problem(
        admin.post("api/v1/inbound", Map.of("from", Map.of("email", "a@b.co"), "text", "x")),
        422,
        "externalId is required");
    var r = admin.put("api/v1/tickets/1001/status", Map.of("status", "DONE"));
    problem(r, 422, "status must be one of");
    assertEquals("status", r.json().getString("field"));
    problem(
        admin.post("api/v1/agents", Map.of("login", "x y", "roles", java.util.List.of("AGENT"))),
        422,
        "login must be");
  }

  @Test
  void aWrongContentTypeIs415() {
    problem(
        admin.send("POST", "api/v1/inbound", "text/plain", "hello"),
        415,
        "unsupported Content-Type");
  }

  @Test
  void anOversizedBodyIs413() {
    String huge =
        "{\"externalId\":\"big\",\"from\":{\"email\":\"a@b.co\"},\"text\":\""
            + "x".repeat(1_100_000)
            + "\"}";
    problem(
        admin.send("POST", "api/v1/inbound", "application/json", huge),
        413,
        "larger than 1048576 bytes");
  }

  @Test
  void unknownIdsAndRoutesAre404() {
    problem(admin.get("api/v1/tickets/999999999"), 404, "ticket #999999999 does not exist");
    problem(admin.get("api/v1/contacts/999999999"), 404, "contact 999999999 does not exist");
    problem(admin.get("api/v1/nothing-here"), 404, "no such resource");
    problem(admin.get("api/v1/tickets/not-a-number"), 404, "no such resource");
  }

  @Test
  void aWrongMethodIs405() {
    problem(admin.send("DELETE", "api/v1/tickets", null, null), 405, "DELETE is not allowed");
  }

  @Test
  void badQueryParametersAre400Or422() {
    problem(admin.get("api/v1/tickets?assignee=someone"), 400, "assignee must be");
    problem(admin.get("api/v1/tickets?cursor=%25%25not-ours"), 422, "cursor");
    problem(admin.get("api/v1/tickets?limit=5000"), 422, "limit must be between");
  }

  @Test
  void anonymousCallersGet401WithAChallenge() {
    Api anon = Api.anonymous(base);
    var r = anon.get("api/v1/tickets");
    problem(r, 401, "authentication required");
    assertEquals(
        "Bearer realm=\"helpdesk\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
    problem(anon.withToken("hd_forged").get("api/v1/tickets"), 401, "unknown or revoked");
    problem(
        Api.anonymous(base).send("GET", "api/v1/tickets", null, null),
        401,
        "authentication required");
  }

  @Test
  void aDuplicateIs409() {
    String name = "Team " + System.nanoTime();
    assertEquals(201, admin.post("api/v1/teams", Map.of("name", name)).status());
    problem(admin.post("api/v1/teams", Map.of("name", name)), 409, "exists already");
  }
}
