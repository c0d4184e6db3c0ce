package dev.helpdesk.interfaces.websocket;

import dev.helpdesk.application.AuthService;
import dev.helpdesk.application.Caller;
import dev.helpdesk.application.ChatService;
import dev.helpdesk.application.Presence;
import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import dev.helpdesk.application.StaffFeed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open staff sockets of this node and what each has been sent.
 *
 * <p>Ticket events carry the staff journal's number ({@link StaffFeed}). Each socket remembers the
 * last number it has passed (sent, or skipped because the agent may not see that ticket). The next
 * number goes straight out; a later one is held until the missing one comes (a transaction that
 * numbered earlier and commits a moment later: its own event follows at once), and a gap still open
 * at the next poll (an event of another node overtaken by a later one, a rollback, or a tab
 * resuming with {@code ?since=n}) is filled from the journal, in order, on a worker thread: a tab
 * gets every event it may see once, in order, whichever way the news came.
 *
 * <p>Client frames: {@code ping}; {@code viewing} / {@code typing} with a ticket id (or {@code
 * "ticket": null} when leaving it), passed on to colleagues who may see the ticket as collision
 * notices; typing on a chat ticket also shows the shopper "… is typing".
 */
@ApplicationScoped
public class StaffSessions {
  private static final Logger LOG = Logger.getLogger(StaffSessions.class.getName());
  private static final String STATE = "helpdesk.staff.state";

  /** How many journal entries one read fills a gap with. */
  private static final int FILL_BATCH = 500;

  /** How long a tab waits for a missing journal number before passing it. */
  static final long HOLE_MS = 5_000;

  static final long HOLE_POLL_MS = 25;

  /** A tab further behind than this many events reloads its lists instead of replaying. */
  static final int MAX_REPLAY = 5_000;

  /** At most this many live events held per tab while a number is missing (then: the journal). */
  static final int EARLY_MAX = 1_000;

  @Inject AuthService auth;
  @Inject RealtimeHub hub;
  @Inject StaffFeed feed;
  @Inject Presence presence;
  @Inject ChatService chat;

  @Resource ManagedExecutorService workers;
  @Resource jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  /** Staff sockets open on this node (the operations metrics). */
  public int open() {
    return sessions.size();
  }

  private final Consumer<RealtimeEvent> listener = this::onEvent;

  /** What one socket has been sent; guarded by itself. */
  static final class Tab {
    final Caller caller;
    long lastSent;
    long wanted;
    boolean filling;
    long holeSeq;
    long holeSince;

    /**
     * Live events that came before a number still missing (its transaction commits a moment later),
     * held until it comes: then they go out without a journal read.
     */
    final TreeMap<Long, RealtimeEvent> early = new TreeMap<>();

    volatile Long viewing;

    /**
     * Frames passed to the socket, in number order, not yet handed to it; sent by {@link #drain}
     * outside the tab's lock. (Handing a frame to Undertow from a worker thread wakes the socket's
     * IO thread, and that wake-up can wait milliseconds for the selector's lock on two busy cores:
     * held under the tab's lock, it held up every other committing transaction's event.)
     */
    final ArrayDeque<String> outbox = new ArrayDeque<>();

    /** True while one thread sends the outbox; others only add to it. */
    boolean draining;

    Tab(Caller caller, long lastSent) {
      this.caller = caller;
      this.lastSent = lastSent;
      this.wanted = lastSent;
    }

    /** What the socket should do after a live event: nothing, or read the journal now / soon. */
    enum Next {
      NOTHING,
      READ_NOW,
      READ_SOON
    }

    /**
     * A live journal event: the next number goes to {@code out} at once (when the agent may see its
     * ticket), with the early events that follow it; a later number is held for the missing one,
     * usually a transaction committing a moment after this one whose event follows at once. The
     * journal is read only if it has not come by the next poll (another node's event, a resumed
     * tab, a rollback).
     */
    synchronized Next live(RealtimeEvent e, Consumer<String> out) {
      if (e.seq() <= lastSent) {
        return Next.NOTHING;
      }
      if (e.seq() == lastSent + 1) {
        // out at once, even while a catch-up waits for it (it is what a catch-up that met a
        // transaction committing a moment late waits for)
        pass(e.seq(), e.teamId(), e.assigneeId(), e.payload(), out);
        passEarly(out);
        // still short of a number announced meanwhile: the journal may hold it by now
        return filling && lastSent < wanted ? Next.READ_NOW : Next.NOTHING;
      }
      wanted = Math.max(wanted, e.seq());
      if (early.size() < EARLY_MAX) {
        early.put(e.seq(), e);
      }
      if (filling) {
        return Next.NOTHING;
      }
      filling = true;
      return Next.READ_SOON;
    }

    /** Passes the next number: sent when the agent may see the ticket. */
    synchronized void pass(long seq, Long team, Long assignee, String frame, Consumer<String> out) {
      lastSent = seq;
      if (caller.canSee(team, assignee)) {
        out.accept(frame);
      }
    }

    /** Queues a frame for the socket; under the tab's lock, so in the order it was passed. */
    synchronized void queue(String frame) {
      outbox.add(frame);
    }

    /**
     * Hands the queued frames to {@code send} in order, outside the tab's lock, unless another
     * thread is doing so already (it then sends these too: it stops only at an empty outbox).
     */
    void drain(Consumer<String> send) {
      synchronized (this) {
        if (draining || outbox.isEmpty()) {
          return;
        }
        draining = true;
      }
      while (true) {
        String frame;
        synchronized (this) {
          frame = outbox.poll();
          if (frame == null) {
            draining = false;
            return;
          }
        }
        try {
          send.accept(frame);
        } catch (RuntimeException e) {
          synchronized (this) {
            draining = false;
          }
          throw e;
        }
      }
    }

    /** Sends the held early events that now follow on. */
    synchronized void passEarly(Consumer<String> out) {
      for (var x = early.pollFirstEntry(); x != null; x = early.pollFirstEntry()) {
        if (x.getKey() <= lastSent) {
          continue;
        }
        if (x.getKey() != lastSent + 1) {
          early.put(x.getKey(), x.getValue());
          return;
        }
        RealtimeEvent e = x.getValue();
        pass(e.seq(), e.teamId(), e.assigneeId(), e.payload(), out);
      }
    }
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // created at start-up so that it hears the hub from the first event
  }

  @PostConstruct
  void subscribe() {
    // onEvent only queues frames and hands journal reads to `workers`: safe on the publisher's
    // thread (see RealtimeHub#subscribeImmediate)
    hub.subscribeImmediate(listener);
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
      close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not authenticated");
      return;
    }
    long head = feed.head();
    Long since = since(session);
    String resumed = "fresh";
    long start = head;
    if (since != null) {
      if (since > head) {
        close(session, CloseReason.CloseCodes.CANNOT_ACCEPT, "since is ahead of the journal");
        return;
      }
      if (since + 1 >= feed.oldest() && head - since <= MAX_REPLAY) {
        start = since;
        resumed = "resumed";
      } else {
        resumed = "reset"; // too far behind: the tab reloads its lists
      }
    }
    Tab tab = new Tab(caller, start);
    session.getUserProperties().put(STATE, tab);
    session.setMaxIdleTimeout(ChatSessions.IDLE_MS);
    sessions.add(session);
    presence.opened(caller.agentId());
    send(
        session,
        "{\"type\":\"welcome\",\"agent\":"
            + caller.agentId()
            + ",\"seq\":"
            + head
            + ",\"resume\":\""
            + resumed
            + "\"}");
    if (start < head) {
      synchronized (tab) {
        tab.wanted = head;
        tab.filling = true;
      }
      workers.execute(() -> fill(session, tab));
    }
  }

  private static Long since(Session session) {
    List<String> v = session.getRequestParameterMap().get("since");
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v.get(0));
    } catch (NumberFormatException e) {
      return -1L; // older than anything: a reset
    }
  }

  void received(Session session, String text) {
    Tab tab = (Tab) session.getUserProperties().get(STATE);
    if (tab == null) {
      return;
    }
    JsonObject frame;
    try (var reader = Json.createReader(new StringReader(text))) {
      frame = reader.readObject();
    } catch (RuntimeException e) {
      send(session, error("malformed", "frames are JSON objects"));
      return;
    }
    String type = frame.getString("type", "");
    switch (type) {
      case "ping" -> send(session, "{\"type\":\"pong\"}");
      case "viewing", "typing" -> collision(session, tab, type, frame);
      default -> send(session, error("unknown-type", "unknown frame type: " + type));
    }
  }

  /**
   * "X is viewing / typing": to colleagues who may see the ticket; a ticket they may not is
   * refused.
   */
  private void collision(Session session, Tab tab, String type, JsonObject frame) {
    JsonValue v = frame.get("ticket");
    Long ticket = v instanceof jakarta.json.JsonNumber n && n.isIntegral() ? n.longValue() : null;
    if (ticket == null && v != null && v.getValueType() != JsonValue.ValueType.NULL) {
      send(session, error("bad-ticket", "ticket must be a ticket id or null"));
      return;
    }
    Long before = tab.viewing;
    if (before != null && !before.equals(ticket)) {
      notice(tab, before, "left");
    }
    tab.viewing = ticket;
    if (ticket == null) {
      return;
    }
    if (!notice(tab, ticket, type)) {
      tab.viewing = null;
      send(session, error("not-found", "ticket #" + ticket + " does not exist or is not yours"));
      return;
    }
    if ("typing".equals(type)) {
      try {
        chat.agentTyping(tab.caller, ticket); // the shopper's widget, on a chat ticket
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "typing on #" + ticket, e);
      }
    }
  }

  private boolean notice(Tab tab, long ticket, String state) {
    return feed.notice(
        tab.caller,
        ticket,
        "collision",
        "{\"type\":\"collision\",\"ticket\":"
            + ticket
            + ",\"agent\":"
            + tab.caller.agentId()
            + ",\"name\":"
            + Json.createValue(tab.caller.displayName())
            + ",\"state\":\""
            + state
            + "\"}");
  }

  void closed(Session session) {
    if (sessions.remove(session)) {
      Tab tab = (Tab) session.getUserProperties().get(STATE);
      Long viewing = tab.viewing;
      if (viewing != null) {
        notice(tab, viewing, "left");
      }
      presence.closed(tab.caller.agentId());
    }
  }

  /** A routing rule's notice goes to the managers (and admins) or to one agent. */
  static boolean addressedTo(Caller caller, String payload) {
    return payload.contains("\"to\":\"" + caller.agentId() + "\"")
        || (payload.contains("\"to\":\"managers\"") && caller.seesAllTickets());
  }

  void failed(Session session, Throwable error) {
    LOG.fine("staff socket " + session.getId() + ": " + error);
  }

  private void onEvent(RealtimeEvent e) {
    if (e.audience() != RealtimeEvent.Audience.STAFF || e.payload() == null) {
      return;
    }
    for (Session s : sessions) {
      Tab tab = (Tab) s.getUserProperties().get(STATE);
      if (tab == null) {
        continue;
      }
      if (e.seq() == 0) {
        // a passing notice: to whoever may see it now; one's own collision notices stay home
        if (tab.caller.canSee(e.teamId(), e.assigneeId())
            && !("collision".equals(e.kind())
                && e.payload().contains("\"agent\":" + tab.caller.agentId() + ","))
            && (!"notice".equals(e.kind()) || addressedTo(tab.caller, e.payload()))) {
          send(s, e.payload());
        }
        continue;
      }
      Tab.Next next = tab.live(e, tab::queue);
      tab.drain(frame -> send(s, frame));
      switch (next) {
        case READ_NOW -> workers.execute(() -> fill(s, tab));
        case READ_SOON ->
            scheduler.schedule(() -> fill(s, tab), HOLE_POLL_MS, TimeUnit.MILLISECONDS);
        case NOTHING -> {}
      }
    }
  }

  /**
   * Sends what the tab lacks up to {@code wanted}, from the journal, in order. A missing number is
   * a transaction that took its number and has not committed yet (numbers are taken moments before
   * commit) or one that rolled back: the tab waits for it up to {@link #HOLE_MS}, re-reading every
   * {@link #HOLE_POLL_MS}, then passes it.
   */
  private void fill(Session s, Tab tab) {
    try {
      fillFromJournal(s, tab);
    } finally {
      tab.drain(frame -> send(s, frame));
    }
  }

  private void fillFromJournal(Session s, Tab tab) {
    try {
      while (s.isOpen()) {
        tab.drain(frame -> send(s, frame)); // what the last pass queued
        long from;
        synchronized (tab) {
          if (tab.lastSent >= tab.wanted) {
            tab.filling = false; // the missing numbers came live meanwhile
            return;
          }
          from = tab.lastSent;
        }
        List<StaffFeed.Entry> entries = feed.after(from, FILL_BATCH);
        boolean waiting = false;
        synchronized (tab) {
          long now = System.currentTimeMillis();
          for (StaffFeed.Entry x : entries) {
            if (x.seq() <= tab.lastSent) {
              continue;
            }
            if (x.seq() > tab.lastSent + 1) {
              long hole = tab.lastSent + 1;
              if (tab.holeSeq != hole) {
                tab.holeSeq = hole;
                tab.holeSince = now;
              }
              if (now - tab.holeSince < HOLE_MS) {
                waiting = true;
                break;
              }
              LOG.fine(() -> "staff socket " + s.getId() + ": number " + hole + " never came");
            }
            tab.pass(x.seq(), x.teamId(), x.assigneeId(), x.frame(), tab::queue);
          }
          tab.passEarly(tab::queue); // held ones the journal read did not reach yet
          if (!waiting) {
            if (tab.lastSent >= tab.wanted) {
              tab.filling = false;
              return;
            }
            if (entries.size() < FILL_BATCH) {
              // short of what a live event announced meanwhile (it committed after this read), or
              // of a number not committed yet: read again shortly, for as long as a hole may last
              long hole = tab.lastSent + 1;
              if (tab.holeSeq != hole) {
                tab.holeSeq = hole;
                tab.holeSince = now;
              }
              if (now - tab.holeSince >= HOLE_MS) {
                tab.filling = false; // the next event starts over
                return;
              }
              waiting = true;
            }
          }
        }
        if (waiting) {
          scheduler.schedule(() -> fill(s, tab), HOLE_POLL_MS, TimeUnit.MILLISECONDS);
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "staff socket " + s.getId() + ": catching up failed", e);
      synchronized (tab) {
        tab.filling = false;
      }
      close(s, CloseReason.CloseCodes.TRY_AGAIN_LATER, "catching up failed, reconnect");
    }
  }

  private static String error(String code, String message) {
    return "{\"type\":\"error\",\"code\":\""
        + code
        + "\",\"message\":"
        + Json.createValue(message)
        + "}";
  }

  private static void close(Session s, CloseReason.CloseCode code, String reason) {
    try {
      s.close(new CloseReason(code, reason));
    } catch (IOException e) {
      LOG.fine("closing " + s.getId() + ": " + e);
    }
  }

  private static void send(Session s, String frame) {
    if (s.isOpen()) {
      s.getAsyncRemote().sendText(frame, r -> {});
    }
  }
}
