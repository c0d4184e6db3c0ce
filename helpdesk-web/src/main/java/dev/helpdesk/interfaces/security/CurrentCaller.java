package dev.helpdesk.interfaces.security;

import dev.helpdesk.application.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;

/** The caller of the current request, as the authentication mechanism established it. */
@RequestScoped
public class CurrentCaller {
  @Inject HttpServletRequest request;

  public Caller get() {
    if (request.getAttribute(HelpdeskAuthenticationMechanism.CALLER) instanceof Caller c) {
      return c;
    }
    throw new NotAuthorizedException("authentication required", "Bearer");
  }
}
