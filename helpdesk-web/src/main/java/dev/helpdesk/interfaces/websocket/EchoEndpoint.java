package dev.helpdesk.interfaces.websocket;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A bare echo socket, {@code /ws/echo}: the chat benchmark's yardstick (same server, same run).
 * Deployed only with {@code -Dhelpdesk.bench.echo=true} (see {@link Endpoints}).
 */
@ServerEndpoint("/ws/echo")
public class EchoEndpoint {
  @OnMessage
  public void echo(Session session, String text) {
    session.getAsyncRemote().sendText(text);
  }
}
