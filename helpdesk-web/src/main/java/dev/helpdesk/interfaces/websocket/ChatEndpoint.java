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
 * The shopper's chat socket, {@code /ws/chat?widget=<key>} (protocol: docs/chat-protocol.md). The
 * handshake has passed {@link ChatHandshakeFilter} (known widget, allowed Origin, per-IP limit).
 * Messages larger than {@link ChatSessions#MAX_FRAME} close the socket with 1009 (too big).
 */
@ServerEndpoint("/ws/chat")
public class ChatEndpoint {
  @Inject ChatSessions sessions;

  @OnOpen
  public void open(Session session) {
    sessions.opened(session);
  }

  /** Parts of a message as they arrive: the registry joins them up to its size limit. */
  @OnMessage
  public void message(Session session, String part, boolean last) {
    sessions.receivedPart(session, part, last);
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
