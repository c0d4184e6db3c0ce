package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Web sessions, CSRF, API tokens, admin management of staff and teams, OpenAPI. */
@ExtendWith(ArquillianExtension.class)
class SessionAndAdminIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;
  final String run = Long.toString(System.nanoTime(), 36);

  @Test
  void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
    var wrong =
        Api.anonymous(base).post("api/v1/auth/login", Map.of("login", "admin", "password", "nope"));
    var unknown =
        Api.anonymous(base)
            .post("api/v1/auth/login", Map.of("login", "nobody-" + run, "password", "nope"));
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.json().getString("detail"), unknown.json().getString("detail"));
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteAndUnsafeRequestsNeedTheCsrfToken() {
    Api anon = Api.anonymous(base);
    var login =
        anon.post("api/v1/auth/login", Map.of("login", "admin", "password", Api.ADMIN_PASSWORD));
    assertEquals(200, login.status(), login.body());
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("HELPDESK_SESSION="))
            .findFirst()
            .orElseThrow();
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
    assertFalse(login.json().getString("csrfToken").isBlank());

    assertEquals(200, anon.get("api/v1/auth/me").status(), "the cookie authenticates reads");
    var forged = anon.post("api/v1/teams", Map.of("name", "CSRF " + run));
    assertEquals(403, forged.status(), "a cross-site form post has no CSRF token");
    assertTrue(forged.json().getString("detail").contains("X-CSRF-Token"));

    Api browser = Api.session(base, "admin", Api.ADMIN_PASSWORD);
    assertEquals(201, browser.post("api/v1/teams", Map.of("name", "CSRF ok " + run)).status());
    assertEquals(204, browser.post("api/v1/auth/logout", Map.of()).status());
    assertEquals(401, browser.get("api/v1/auth/me").status(), "logged out");
  }

  @Test
  void adminsManageStaffAndADeactivatedAgentIsLockedOutAtOnce() {
    Api admin = Api.admin(base);
    var team =
        admin.post(
            "api/v1/teams", Map.of("name", "Returns " + run, "description", "returns and refunds"));
    long teamId = team.json().getJsonNumber("id").longValue();
    var created =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                "Omar." + run,
                "displayName",
                "عمر",
                "password",
                "agent-password",
                "roles",
                List.of("AGENT"),
                "teamIds",
                List.of(teamId),
                "languages",
                List.of("AR", "en"),
                "capacity",
                5));
    assertEquals(201, created.status(), created.body());
    long id = created.json().getJsonNumber("id").longValue();
    assertEquals("omar." + run, created.json().getString("login"), "logins are case-insensitive");
    assertFalse(created.body().contains("password"), "no password or hash ever leaves the server");
    assertEquals(
        409,
        admin
            .post(
                "api/v1/agents",
                Map.of(
                    "login",
                    "omar." + run,
                    "password",
                    "agent-password",
                    "roles",
                    List.of("AGENT")))
            .status());
    assertEquals(
        422,
        admin
            .post(
                "api/v1/agents",
                Map.of(
                    "login",
                    "x" + run,
                    "password",
                    "agent-password",
                    "roles",
                    List.of("AGENT"),
                    "teamIds",
                    List.of(424242)))
            .status());
    assertEquals(
        422,
        admin
            .post(
                "api/v1/agents",
                Map.of("login", "y" + run, "password", "short", "roles", List.of("AGENT")))
            .status());

    Api omar = Api.token(base, "omar." + run, "agent-password");
    var me = omar.get("api/v1/auth/me");
    assertEquals(
        List.of(teamId),
        me.json().getJsonArray("teamIds").stream()
            .map(v -> ((jakarta.json.JsonNumber) v).longValue())
            .toList());
    assertEquals(
        403,
        omar.post(
                "api/v1/agents",
                Map.of("login", "z" + run, "password", "agent-password", "roles", List.of("ADMIN")))
            .status(),
        "an agent cannot make admins");
    assertEquals(
        200, omar.put("api/v1/agents/me/availability", Map.of("availability", "away")).status());
    assertEquals("AWAY", admin.get("api/v1/agents/" + id).json().getString("availability"));

    assertEquals(409, admin.delete("api/v1/teams/" + teamId).status(), "a team with members stays");
    var deactivated = admin.put("api/v1/agents/" + id, Map.of("active", false));
    assertEquals(200, deactivated.status(), deactivated.body());
    assertEquals(
        401, omar.get("api/v1/auth/me").status(), "the token of a deactivated agent stops working");
    assertEquals(
        401,
        Api.anonymous(base)
            .post("api/v1/auth/login", Map.of("login", "omar." + run, "password", "agent-password"))
            .status());
  }

  @Test
  void tokensAreListedWithoutSecretsAndCanBeRevoked() {
    Api session = Api.session(base, "admin", Api.ADMIN_PASSWORD);
    var made = session.post("api/v1/auth/tokens", Map.of("name", "ci " + run));
    assertEquals(201, made.status());
    String secret = made.json().getString("secret");
    assertTrue(secret.startsWith("hd_") && secret.length() > 40);
    Api bearer = Api.anonymous(base).withToken(secret);
    assertEquals(200, bearer.get("api/v1/auth/me").status());
    var list = session.get("api/v1/auth/tokens");
    assertFalse(list.body().contains(secret), "the secret is shown once only");
    assertEquals(
        204,
        session
            .delete("api/v1/auth/tokens/" + made.json().getJsonNumber("id").longValue())
            .status());
    assertEquals(401, bearer.get("api/v1/auth/me").status());
    assertEquals(404, session.delete("api/v1/auth/tokens/987654321").status());
  }

  @Test
  void theApiIsDescribedByAnOpenApiDocument() {
    var doc = Api.anonymous(base).get("openapi");
    assertEquals(200, doc.status());
    for (String path :
        List.of(
            "/api/v1/tickets:",
            "/api/v1/tickets/{id}/replies:",
            "/api/v1/inbound:",
            "/api/v1/contacts:",
            "/api/v1/agents:")) {
      assertTrue(doc.body().contains(path), "OpenAPI lists " + path);
    }
  }

  @Test
  void contactsAreFoundByNameOrIdentityWithTheirTickets() {
    Api admin = Api.admin(base);
    var r =
        admin.post(
            "api/v1/inbound",
            Map.of(
                "externalId",
                run + "-c1",
                "from",
                Map.of("email", "hala." + run + "@example.com", "name", "هالة " + run),
                "text",
                "سؤال"));
    long ticket = r.json().getJsonNumber("ticketId").longValue();
    var byEmail = admin.get("api/v1/contacts?q=hala." + run);
    assertEquals(1, byEmail.structure().asJsonArray().size(), byEmail.body());
    long contact =
        byEmail.structure().asJsonArray().getJsonObject(0).getJsonNumber("id").longValue();
    var byName =
        admin.get(
            "api/v1/contacts?q="
                + java.net.URLEncoder.encode(
                    "هالة " + run, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(
        contact, byName.structure().asJsonArray().getJsonObject(0).getJsonNumber("id").longValue());
    var details = admin.get("api/v1/contacts/" + contact);
    assertEquals(
        ticket,
        details.json().getJsonArray("tickets").getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(422, admin.get("api/v1/contacts?q=h").status());
  }
}
