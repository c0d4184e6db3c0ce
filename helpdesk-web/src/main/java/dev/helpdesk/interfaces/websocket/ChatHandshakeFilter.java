package dev.helpdesk.interfaces.websocket;

import dev.helpdesk.application.ChatService;
import dev.helpdesk.application.ChatWidget;
import dev.helpdesk.application.NotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a chat handshake before the upgrade, with a plain HTTP status a browser's console shows:
 * 404 for an unknown or inactive widget, 403 for a page whose Origin the widget does not allow, 429
 * when one address opens connections too fast.
 */
@WebFilter("/ws/chat")
public class ChatHandshakeFilter extends HttpFilter {
  @Inject ChatService chat;
  @Inject ChatLimits limits;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String key = req.getParameter("widget");
    String origin = req.getHeader("Origin");
    ChatWidget widget;
    try {
      widget = chat.widget(key);
    } catch (NotFoundException e) {
      Handshakes.refuse(req, res, 404, "Not Found", "no active chat widget '" + key + "'");
      return;
    }
    if (!widget.allows(origin, req.getHeader("Host"))) {
      Handshakes.refuse(
          req,
          res,
          403,
          "Forbidden",
          "origin " + origin + " is not allowed for widget " + widget.key());
      return;
    }
    if (!limits.connectionAllowed(req.getRemoteAddr())) {
      Handshakes.refuse(
          req,
          res,
          429,
          "Too Many Requests",
          "too many chat connections from " + req.getRemoteAddr());
      return;
    }
    chain.doFilter(req, res);
  }
}
