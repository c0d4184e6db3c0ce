package dev.helpdesk.interfaces.websocket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.logging.Logger;

/**
 * Refuses a staff handshake before the upgrade: 401 without a login session or API token, 403 from
 * a page of another origin (a browser always sends Origin; a script elsewhere must not ride on an
 * agent's session cookie).
 */
@WebFilter("/ws/agent")
public class StaffHandshakeFilter extends HttpFilter {
  private static final Logger LOG = Logger.getLogger(StaffHandshakeFilter.class.getName());

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getUserPrincipal() == null) {
      refuse(req, res, 401, "log in first, or send Authorization: Bearer <API token>");
      return;
    }
    String origin = req.getHeader("Origin");
    if (origin != null && !sameOrigin(origin, req.getHeader("Host"))) {
      refuse(req, res, 403, "origin " + origin + " is not the helpdesk's");
      return;
    }
    chain.doFilter(req, res);
  }

  private static boolean sameOrigin(String origin, String host) {
    try {
      URI u = URI.create(origin);
      return host != null && host.equalsIgnoreCase(u.getAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void refuse(
      HttpServletRequest req, HttpServletResponse res, int status, String why) throws IOException {
    LOG.info(status + " staff handshake from " + req.getRemoteAddr() + ": " + why);
    res.setStatus(status);
    res.setContentType("application/problem+json");
    res.getWriter()
        .write(
            dev.helpdesk.connectors.chat.ChatProtocol.object()
                .add("status", status)
                .add("detail", why)
                .build()
                .toString());
  }
}
