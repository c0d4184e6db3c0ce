package dev.helpdesk.interfaces.websocket;

import dev.helpdesk.application.AuthService;
import dev.helpdesk.application.Caller;
import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The open staff sockets of this node. Each ticket event goes to the agents who may see the ticket
 * (the same rule as the API: {@link Caller#canSee(Long, Long)}).
 */
@ApplicationScoped
public class StaffSessions {
  private static final Logger LOG = Logger.getLogger(StaffSessions.class.getName());
  private static final String CALLER = "helpdesk.staff.caller";

  @Inject AuthService auth;
  @Inject RealtimeHub hub;

  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final Consumer<RealtimeEvent> listener = this::onEvent;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // created at start-up so that it hears the hub from the first event
  }

  @PostConstruct
  void subscribe() {
    hub.subscribe(listener);
  }

  @PreDestroy
  void unsubscribe() {
    hub.unsubscribe(listener);
  }

  void opened(Session session) {
    Caller caller =
        session.getUserPrincipal() == null
            ? null
            : auth.caller(session.getUserPrincipal().getName()).orElse(null);
    if (caller == null) {
      try {
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not authenticated"));
      } catch (IOException e) {
        LOG.fine("closing " + session.getId() + ": " + e);
      }
      return;
    }
    session.getUserProperties().put(CALLER, caller);
    session.setMaxIdleTimeout(ChatSessions.IDLE_MS);
    sessions.add(session);
    send(session, "{\"type\":\"welcome\",\"agent\":" + caller.agentId() + "}");
  }

  void received(Session session, String text) {
    if (text.contains("\"ping\"")) {
      send(session, "{\"type\":\"pong\"}");
    }
  }

  void closed(Session session) {
    sessions.remove(session);
  }

  void failed(Session session, Throwable error) {
    LOG.fine("staff socket " + session.getId() + ": " + error);
  }

  private void onEvent(RealtimeEvent e) {
    if (e.audience() != RealtimeEvent.Audience.STAFF || e.payload() == null) {
      return;
    }
    for (Session s : sessions) {
      Caller c = (Caller) s.getUserProperties().get(CALLER);
      if (c != null && c.canSee(e.teamId(), e.assigneeId())) {
        send(s, e.payload());
      }
    }
  }

  private static void send(Session s, String frame) {
    if (s.isOpen()) {
      s.getAsyncRemote().sendText(frame, r -> {});
    }
  }
}
