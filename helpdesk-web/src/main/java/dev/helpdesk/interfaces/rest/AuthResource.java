package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.AuthService;
import dev.helpdesk.application.AuthService.NewToken;
import dev.helpdesk.application.AuthService.TokenView;
import dev.helpdesk.application.Caller;
import dev.helpdesk.domain.model.agent.PasswordHasher;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.interfaces.security.CurrentCaller;
import dev.helpdesk.interfaces.security.HelpdeskAuthenticationMechanism;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/** Logging in and out of the web session, who am I, and personal API tokens. */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
  private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

  @Inject AuthService auth;
  @Inject CurrentCaller caller;
  @Context HttpServletRequest request;

  public record LoginRequest(String login, String password) {}

  public record Me(
      long id,
      String login,
      String displayName,
      Set<Role> roles,
      Set<Long> teamIds,
      String csrfToken) {}

  public record TokenRequest(String name) {}

  /** Starts a web session (HttpOnly, SameSite cookie); the answer carries the CSRF token. */
  @POST
  @Path("/login")
  @PermitAll
  public Me login(LoginRequest body) {
    if (body == null || body.login() == null || body.password() == null) {
      throw new dev.helpdesk.application.InvalidRequestException(
          "login", "login and password are required");
    }
    Optional<Caller> who = auth.login(body.login(), body.password());
    if (who.isEmpty()) {
      LOG.info(
          "401 login refused for '"
              + body.login().replaceAll("[^\\w.@-]", "?")
              + "' from "
              + request.getRemoteAddr());
      throw new jakarta.ws.rs.NotAuthorizedException("wrong login or password", "Bearer");
    }
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate(); // no session fixation: a login always gets a new session id
    }
    HttpSession session = request.getSession(true);
    session.setAttribute(HelpdeskAuthenticationMechanism.SESSION_LOGIN, who.get().login());
    String csrf = PasswordHasher.randomSecret(24);
    session.setAttribute(HelpdeskAuthenticationMechanism.SESSION_CSRF, csrf);
    return me(who.get(), csrf);
  }

  @POST
  @Path("/logout")
  @PermitAll
  public Response logout() {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return Response.noContent().build();
  }

  @GET
  @Path("/me")
  public Me me() {
    HttpSession session = request.getSession(false);
    String csrf =
        session == null
            ? null
            : (String) session.getAttribute(HelpdeskAuthenticationMechanism.SESSION_CSRF);
    return me(caller.get(), csrf);
  }

  private static Me me(Caller c, String csrf) {
    return new Me(c.agentId(), c.login(), c.displayName(), c.roles(), c.teamIds(), csrf);
  }

  @GET
  @Path("/tokens")
  public List<TokenView> tokens() {
    return auth.tokens(caller.get());
  }

  /** A new API token acting as the caller; its secret is in this answer only. */
  @POST
  @Path("/tokens")
  public Response createToken(TokenRequest body) {
    NewToken t = auth.createToken(caller.get(), body == null ? null : body.name());
    return Response.status(201).entity(t).build();
  }

  @DELETE
  @Path("/tokens/{id}")
  public Response revoke(@PathParam("id") long id) {
    auth.revokeToken(caller.get(), id);
    return Response.noContent().build();
  }
}
