package dev.helpdesk.interfaces.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The staff socket, {@code /ws/agent}: authenticated by the login session (or an API token in the
 * Authorization header), checked by {@link StaffHandshakeFilter}. Pushes ticket events the agent
 * may see and the chat's read/typing notices; the inbox (issue 5) builds on it.
 */
@ServerEndpoint("/ws/agent")
public class AgentEndpoint {
  @Inject StaffSessions sessions;

  @OnOpen
  public void open(Session session) {
    sessions.opened(session);
  }

  @OnMessage(maxMessageSize = 16 * 1024)
  public void message(Session session, String text) {
    sessions.received(session, text);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    sessions.closed(session);
  }

  @OnError
  public void error(Session session, Throwable error) {
    sessions.failed(session, error);
  }
}
