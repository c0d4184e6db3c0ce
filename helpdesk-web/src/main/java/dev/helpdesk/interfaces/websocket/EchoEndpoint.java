package dev.helpdesk.interfaces.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bare echo socket, {@code /ws/echo}: the chat benchmark's yardstick (same server, same run).
 * Deployed only with {@code -Dhelpdesk.bench.echo=true} (see {@link Endpoints}).
 *
 * <p>Also a bare relay, the chat's shape without its work: a socket opened with {@code
 * ?relay=agent} is the relay's one listener, and every frame that carries {@code "relay"} is passed
 * to it as it is before being echoed to its sender — many sockets in, one socket out, as 1,000
 * shoppers and one agent's stream, with no database, no journal, no index between.
 */
@ServerEndpoint("/ws/echo")
public class EchoEndpoint {
  /** The relay's listener (the last socket that asked to be it). */
  @ApplicationScoped
  public static class Relay {
    final AtomicReference<Session> listener = new AtomicReference<>();
  }

  @Inject Relay relay;

  @OnOpen
  public void open(Session session) {
    if (session.getRequestParameterMap().getOrDefault("relay", List.of()).contains("agent")) {
      relay.listener.set(session);
    }
  }

  @OnMessage
  public void echo(Session session, String text) {
    if (text.contains("\"relay\"")) {
      Session listener = relay.listener.get();
      if (listener != null && listener.isOpen()) {
        listener.getAsyncRemote().sendText(text);
      }
    }
    session.getAsyncRemote().sendText(text);
  }

  @OnClose
  public void close(Session session) {
    relay.listener.compareAndSet(session, null);
  }
}
