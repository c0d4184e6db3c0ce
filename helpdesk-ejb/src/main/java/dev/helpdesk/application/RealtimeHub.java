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

  /** Subscribers called on the managed executor, by the audience they hear. */
  private final java.util.Map<RealtimeEvent.Audience, List<Consumer<RealtimeEvent>>> subscribers =
      new java.util.EnumMap<>(RealtimeEvent.Audience.class);

  {
    for (RealtimeEvent.Audience a : RealtimeEvent.Audience.values()) {
      subscribers.put(a, new CopyOnWriteArrayList<>());
    }
  }

  /**
   * Subscribers that never block (no database, no pooled bean): called on the publisher's thread.
   */
  private final List<Consumer<RealtimeEvent>> immediate = new CopyOnWriteArrayList<>();

  @Inject Fanout fanout;

  /**
   * A subscriber of one audience's events, called on the managed executor. An event no subscriber
   * hears is not handed to the executor at all: a staff event, on the path from a shopper's message
   * to the agents' screens, costs no thread hand-off for the chat registry that ignores it.
   */
  public void subscribe(RealtimeEvent.Audience audience, Consumer<RealtimeEvent> subscriber) {
    subscribers.get(audience).add(subscriber);
  }

  /**
   * For a subscriber whose work never blocks and calls no pooled bean (the staff tabs: frames
   * queued on sockets, any journal read handed to their own executor): it runs on the publishing
   * thread, without the hand-off to the executor. In the chat benchmark that hand-off sat on the
   * path from a shopper's message to the agents' screens, queued behind the widgets' catch-up reads
   * of the messages before it.
   */
  public void subscribeImmediate(Consumer<RealtimeEvent> subscriber) {
    immediate.add(subscriber);
  }

  public void unsubscribe(Consumer<RealtimeEvent> subscriber) {
    subscribers.values().forEach(l -> l.remove(subscriber));
    immediate.remove(subscriber);
  }

  /**
   * The registries' work runs on the container's managed executor, not on the publishing thread
   * (except a {@link #subscribeImmediate} subscriber's, which never blocks): a publisher is often
   * still inside a pooled bean (ChatService.send, whose transaction has just committed) and the
   * registries call pooled beans themselves (ChatService.since). Done on the publishing thread, a
   * burst of sends could hold every pooled instance while each waited for one more: the chat
   * benchmark stalled on "failed to acquire a permit" once the staff journal made each send a
   * little longer. Both registries read what to send from the database, so the order in which
   * events reach them does not matter.
   */
  @jakarta.annotation.Resource jakarta.enterprise.concurrent.ManagedExecutorService executor;

  /** Delivers the event here and on every other node. */
  public void publish(RealtimeEvent event) {
    deliver(immediate, event);
    List<Consumer<RealtimeEvent>> to = subscribers.get(event.audience());
    if (!to.isEmpty()) {
      try {
        executor.execute(() -> deliver(to, event));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        deliver(to, event); // shutting down: deliver on this thread
      }
    }
    fanout.send(event);
  }

  /** Delivers an event to this node's subscribers only (events arriving from other nodes). */
  public void deliverLocally(RealtimeEvent event) {
    deliver(immediate, event);
    deliver(subscribers.get(event.audience()), event);
  }

  private static void deliver(List<Consumer<RealtimeEvent>> to, RealtimeEvent event) {
    for (Consumer<RealtimeEvent> s : to) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "realtime subscriber failed on " + event.kind(), e);
      }
    }
  }
}
