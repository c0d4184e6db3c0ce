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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open staff sockets of this node and what each has been sent.
 *
 * <p>Ticket events carry the staff journal's number ({@link StaffFeed}). Each socket passes every
 * number once (sends it, or skips it when the agent may not see that ticket) and remembers its
 * {@code floor}: every number up to it has been passed. A live event goes out as soon as it comes,
 * even ahead of a lower number whose transaction has not committed yet (a tab applies a ticket's
 * summary only if its number is above the last it applied for that ticket); each frame carries the
 * socket's floor as {@code upTo}, the number a tab resumes from with {@code ?since=n}. A number
 * still missing at the next poll (an event of another node not heard yet, a rollback, a resumed
 * tab) is read from the journal on a worker thread: a tab gets every event it may see once,
 * whichever way the news came. (Until session 16 a later number was held until the missing one
 * came: a quarter of the chat benchmark's events waited, up to tens of milliseconds.)
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

    /**
     * Every number up to this one has been passed (sent, or skipped because the agent may not see
     * its ticket): the number the tab resumes from, told to it in each frame as {@code upTo}.
     */
    long floor;

    /** Numbers above {@link #floor} passed already (their events overtook a missing number). */
    final java.util.TreeSet<Long> passedAbove = new java.util.TreeSet<>();

    /** The highest number this tab has heard of. */
    long wanted;

    boolean filling;
    long holeSeq;
    long holeSince;

    volatile Long viewing;

    /**
     * Frames passed to the socket, in the order they were passed, not yet handed to it; sent by
     * {@link #drain} outside the tab's lock. (Handing a frame to Undertow from a worker thread
     * wakes the socket's IO thread, and that wake-up can wait milliseconds for the selector's lock
     * on two busy cores: held under the tab's lock, it held up every other committing transaction's
     * event.)
     */
    final ArrayDeque<String> outbox = new ArrayDeque<>();

    /** True while one thread sends the outbox; others only add to it. */
    boolean draining;

    Tab(Caller caller, long floor) {
      this.caller = caller;
      this.floor = floor;
      this.wanted = floor;
    }

    /** What the socket should do after a live event: nothing, or read the journal soon. */
    enum Next {
      NOTHING,
      READ_SOON
    }

    /**
     * A live journal event goes out at once (when the agent may see its ticket), unless the tab had
     * it already. When it overtook a number not passed yet — a transaction that numbered earlier
     * and commits a moment later, whose own event then follows live — the journal is read if that
     * number has not come by the next poll (another node's event, a resumed tab, a rollback).
     */
    synchronized Next live(RealtimeEvent e, Consumer<String> out) {
      if (passed(e.seq())) {
        return Next.NOTHING;
      }
      pass(e.seq(), e.teamId(), e.assigneeId(), e.payload(), out);
      wanted = Math.max(wanted, e.seq());
      if (floor >= wanted || filling) {
        return Next.NOTHING;
      }
      filling = true;
      return Next.READ_SOON;
    }

    /** True when this number has been passed already. */
    synchronized boolean passed(long seq) {
      return seq <= floor || passedAbove.contains(seq);
    }

    /**
     * Passes a number: sent when the agent may see the ticket, with the tab's {@code upTo} after
     * it.
     */
    synchronized void pass(long seq, Long team, Long assignee, String frame, Consumer<String> out) {
      markPassed(seq);
      if (caller.canSee(team, assignee)) {
        // {"seq":n,…} → {"upTo":floor,"seq":n,…}
        out.accept("{\"upTo\":" + floor + "," + frame.substring(1));
      }
    }

    /**
     * Marks a number passed, raising the floor over the numbers that now follow on; alone, for a
     * number that never came (a rollback).
     */
    synchronized void markPassed(long seq) {
      if (seq == floor + 1) {
        floor = seq;
        while (!passedAbove.isEmpty() && passedAbove.first() == floor + 1) {
          floor = passedAbove.pollFirst();
        }
      } else if (seq > floor) {
        passedAbove.add(seq);
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
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // created at start-up so that it hears the hub from the first event
  }

  @PostConstruct
  void subscribe() {
    // onEvent only queues frames and hands journal reads to `workers`: safe on the publisher's
    // thread (see RealtimeHub#subscribe)
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
        case READ_SOON ->
            scheduler.schedule(() -> fill(s, tab), HOLE_POLL_MS, TimeUnit.MILLISECONDS);
        case NOTHING -> {}
      }
    }
  }

  /**
   * Sends what the tab lacks up to {@code wanted} from the journal. A number missing from the
   * journal is a transaction that took its number and has not committed yet (numbers are taken
   * moments before commit) or one that rolled back: the tab re-reads every {@link #HOLE_POLL_MS}
   * for up to {@link #HOLE_MS}, then passes it; the events after it have gone out meanwhile.
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
      long cursor;
      synchronized (tab) {
        cursor = tab.floor;
      }
      while (s.isOpen()) {
        tab.drain(frame -> send(s, frame)); // what the last pass queued
        synchronized (tab) {
          if (tab.floor >= tab.wanted) {
            tab.filling = false; // the missing numbers came live meanwhile
            return;
          }
          cursor = Math.max(cursor, tab.floor);
        }
        List<StaffFeed.Entry> entries = feed.after(cursor, FILL_BATCH);
        synchronized (tab) {
          for (StaffFeed.Entry x : entries) {
            if (!tab.passed(x.seq())) {
              tab.pass(x.seq(), x.teamId(), x.assigneeId(), x.frame(), tab::queue);
            }
            tab.wanted = Math.max(tab.wanted, x.seq());
          }
          if (entries.size() == FILL_BATCH) {
            cursor = entries.get(entries.size() - 1).seq(); // more to read
            continue;
          }
          if (tab.floor >= tab.wanted) {
            tab.filling = false;
            return;
          }
          // a number not in the journal (yet): read again shortly, for as long as a hole may last
          long now = System.currentTimeMillis();
          long hole = tab.floor + 1;
          if (tab.holeSeq != hole) {
            tab.holeSeq = hole;
            tab.holeSince = now;
          }
          if (now - tab.holeSince >= HOLE_MS) {
            LOG.fine(() -> "staff socket " + s.getId() + ": number " + hole + " never came");
            tab.markPassed(hole);
            continue;
          }
        }
        scheduler.schedule(() -> fill(s, tab), HOLE_POLL_MS, TimeUnit.MILLISECONDS);
        return;
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
