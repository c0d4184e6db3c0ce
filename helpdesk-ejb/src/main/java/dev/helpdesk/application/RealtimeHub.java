package dev.helpdesk.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries {@link RealtimeEvent}s to the WebSocket registries of this node at once and, when the
 * helpdesk runs on several nodes, to the others over the JMS topic (see {@link
 * RealtimeHub.Fanout}). The registries in helpdesk-web subscribe at start-up.
 */
@ApplicationScoped
public class RealtimeHub {
  private static final Logger LOG = Logger.getLogger(RealtimeHub.class.getName());

  /** Sends an event to the other nodes; the JMS implementation lives in infrastructure. */
  public interface Fanout {
    void send(RealtimeEvent event);
  }

  private final List<Consumer<RealtimeEvent>> subscribers = new CopyOnWriteArrayList<>();

  @Inject Fanout fanout;

  /**
   * A subscriber runs on the publishing thread and must neither block nor call a pooled bean: a
   * publisher is often still inside one (ChatService.send, its transaction just committed), and a
   * burst of sends that each waited for one more instance once stalled the chat benchmark ("failed
   * to acquire a permit"). Such work (a widget's catch-up read, a staff tab's journal read) goes to
   * an executor of the subscriber's own. The hub hands nothing to another thread itself: each
   * hand-off was a thread wake-up on the path from a shopper's message to the agents' screens.
   */
  public void subscribe(Consumer<RealtimeEvent> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<RealtimeEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Delivers the event here and on every other node. */
  public void publish(RealtimeEvent event) {
    deliverLocally(event);
    fanout.send(event);
  }

  /** Delivers an event to this node's subscribers only (events arriving from other nodes). */
  public void deliverLocally(RealtimeEvent event) {
    for (Consumer<RealtimeEvent> s : subscribers) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "realtime subscriber failed on " + event.kind(), e);
      }
    }
  }
}
