package dev.helpdesk.interfaces.security;

import dev.helpdesk.application.AuthService;
import dev.helpdesk.application.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authenticates every request, two ways: {@code Authorization: Bearer <API token>} for integrations
 * (stateless), or the web session a password login started. The agent is re-read on each request,
 * so a deactivated agent or a changed role takes effect at once. Requests with neither go on
 * anonymous; {@link AccessFilter} decides what they may reach.
 */
@ApplicationScoped
public class HelpdeskAuthenticationMechanism implements HttpAuthenticationMechanism {
  /** Session attribute: the logged-in agent's login. */
  public static final String SESSION_LOGIN = "helpdesk.login";

  /** Session attribute: the CSRF token unsafe session requests must echo. */
  public static final String SESSION_CSRF = "helpdesk.csrf";

  /** Request attribute: the authenticated {@link Caller}. */
  public static final String CALLER = "helpdesk.caller";

  /** Request attribute: "session" or "token". */
  public static final String VIA = "helpdesk.auth.via";

  /** Request attribute: why presented credentials were refused. */
  public static final String FAILURE = "helpdesk.auth.failure";

  @Inject AuthService auth;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        request.setAttribute(
            FAILURE, "only Bearer API tokens are accepted in the Authorization header");
        return context.doNothing();
      }
      Optional<Caller> caller = auth.authenticateToken(authorization.substring(7).trim());
      if (caller.isEmpty()) {
        request.setAttribute(FAILURE, "the API token is unknown or revoked");
        return context.doNothing();
      }
      return login(request, context, caller.get(), "token");
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_LOGIN) instanceof String login) {
      Optional<Caller> caller = auth.caller(login);
      if (caller.isEmpty()) {
        session.invalidate();
        request.setAttribute(FAILURE, "the account was deactivated");
        return context.doNothing();
      }
      return login(request, context, caller.get(), "session");
    }
    return context.doNothing();
  }

  private static AuthenticationStatus login(
      HttpServletRequest request, HttpMessageContext context, Caller caller, String via) {
    request.setAttribute(CALLER, caller);
    request.setAttribute(VIA, via);
    Set<String> groups = caller.roles().stream().map(Enum::name).collect(Collectors.toSet());
    return context.notifyContainerAboutLogin(caller.login(), groups);
  }
}
