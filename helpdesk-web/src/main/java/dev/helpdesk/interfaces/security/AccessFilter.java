package dev.helpdesk.interfaces.security;

import dev.helpdesk.interfaces.rest.Problems;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Guards every resource method: anonymous callers get 401 unless the method is {@code @PermitAll};
 * callers without one of the {@code @RolesAllowed} roles get 403; state-changing requests
 * authenticated by the session cookie must carry the session's {@code X-CSRF-Token} (API-token
 * requests need none: a browser never adds the header by itself).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {
  private static final Logger LOG = Logger.getLogger(AccessFilter.class.getName());
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Context ResourceInfo resource;
  @Context HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext ctx) {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return;
    }
    String failure = (String) request.getAttribute(HelpdeskAuthenticationMechanism.FAILURE);
    if (failure != null) {
      deny(ctx, 401, failure);
      return;
    }
    boolean authenticated = request.getAttribute(HelpdeskAuthenticationMechanism.CALLER) != null;
    if (method.isAnnotationPresent(PermitAll.class)) {
      return;
    }
    if (!authenticated) {
      deny(ctx, 401, "authentication required: log in, or send Authorization: Bearer <API token>");
      return;
    }
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null) {
      roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    if (roles != null) {
      boolean allowed = false;
      for (String role : roles.value()) {
        allowed |= request.isUserInRole(role);
      }
      if (!allowed) {
        deny(ctx, 403, "this needs one of the roles " + String.join(", ", roles.value()));
        return;
      }
    }
    if (!SAFE.contains(ctx.getMethod())
        && "session".equals(request.getAttribute(HelpdeskAuthenticationMechanism.VIA))) {
      HttpSession session = request.getSession(false);
      String expected =
          session == null
              ? null
              : (String) session.getAttribute(HelpdeskAuthenticationMechanism.SESSION_CSRF);
      String given = ctx.getHeaderString("X-CSRF-Token");
      if (expected == null
          || given == null
          || !MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
        deny(ctx, 403, "missing or wrong X-CSRF-Token header (GET /api/v1/auth/me returns it)");
      }
    }
  }

  private void deny(ContainerRequestContext ctx, int status, String detail) {
    LOG.info(
        status
            + " "
            + ctx.getMethod()
            + " "
            + ctx.getUriInfo().getRequestUri().getPath()
            + ": "
            + detail);
    var response =
        Problems.response(status, detail, ctx.getUriInfo().getRequestUri().getPath(), null);
    if (status == 401) {
      response =
          jakarta.ws.rs.core.Response.fromResponse(response)
              .header("WWW-Authenticate", "Bearer realm=\"helpdesk\"")
              .build();
    }
    ctx.abortWith(response);
  }
}
