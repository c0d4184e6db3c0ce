package dev.helpdesk.interfaces.websocket;

import dev.helpdesk.application.ChatWidget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a staff handshake before the upgrade: 401 without a login session or API token, 403 from
 * a page of another origin (a browser always sends Origin; a script elsewhere must not ride on an
 * agent's session cookie).
 */
@WebFilter("/ws/agent")
public class StaffHandshakeFilter extends HttpFilter {
  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getUserPrincipal() == null) {
      Handshakes.refuse(
          req, res, 401, "Unauthorized", "log in first, or send Authorization: Bearer <API token>");
      return;
    }
    String origin = req.getHeader("Origin");
    if (origin != null && !ChatWidget.sameOrigin(origin, req.getHeader("Host"))) {
      Handshakes.refuse(req, res, 403, "Forbidden", "origin " + origin + " is not the helpdesk's");
      return;
    }
    chain.doFilter(req, res);
  }
}
