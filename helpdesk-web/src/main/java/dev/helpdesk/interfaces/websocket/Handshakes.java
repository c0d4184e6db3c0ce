package dev.helpdesk.interfaces.websocket;

import dev.helpdesk.connectors.chat.ChatProtocol;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/** A WebSocket handshake refused before the upgrade: a plain HTTP problem and one log line. */
final class Handshakes {
  private static final Logger LOG = Logger.getLogger(Handshakes.class.getName());

  private Handshakes() {}

  static void refuse(
      HttpServletRequest req, HttpServletResponse res, int status, String title, String why)
      throws IOException {
    LOG.info(
        status + " " + req.getRequestURI() + " handshake from " + req.getRemoteAddr() + ": " + why);
    res.setStatus(status);
    res.setContentType("application/problem+json");
    res.getWriter()
        .write(
            ChatProtocol.object()
                .add("status", status)
                .add("title", title)
                .add("detail", why)
                .build()
                .toString());
  }
}
