package dev.helpdesk.interfaces.websocket;

import dev.helpdesk.application.ChatMessage;
import dev.helpdesk.application.ChatService;
import dev.helpdesk.application.ChatService.Shopper;
import dev.helpdesk.application.ChatWidget;
import dev.helpdesk.application.NotFoundException;
import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import dev.helpdesk.connectors.chat.ChatProtocol;
import dev.helpdesk.connectors.chat.ChatProtocolException;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open shopper sockets of this node, by conversation, and what each frame does. A connection
 * remembers the last sequence it sent; whenever its conversation changes it reads the messages
 * after that from the database and sends them in order, so a message reaches each widget once
 * however the news of it arrives (its own send, the agent's reply, another node, a reconnect).
 */
@ApplicationScoped
public class ChatSessions {
  private static final Logger LOG = Logger.getLogger(ChatSessions.class.getName());

  /** Largest frame: a 5 MiB file in base64 with room to spare. Larger frames close with 1009. */
  public static final int MAX_FRAME = 8 * 1024 * 1024;

  /** A connection that sends nothing (no ping) for this long is dead and closed. */
  static final long IDLE_MS = 75_000;

  private static final String CONNECTION = "helpdesk.chat.connection";

  @Inject ChatService chat;
  @Inject ChatLimits limits;
  @Inject RealtimeHub hub;

  @jakarta.annotation.Resource jakarta.enterprise.concurrent.ManagedExecutorService executor;

  private final Map<String, Set<Connection>> byConversation = new ConcurrentHashMap<>();
  private final Set<Connection> all = ConcurrentHashMap.newKeySet();

  /** Shoppers' sockets open on this node (the operations metrics). */
  public int open() {
    return all.size();
  }

  private final Consumer<RealtimeEvent> listener = this::onEvent;

  /** One open widget. */
  static final class Connection {
    final Session session;
    final String widgetKey;
    final String ip;
    volatile Shopper shopper;
    int lastSentSeq;

    /**
     * True while this socket's own send is being stored (guarded by the connection): news of the
     * conversation meanwhile is noted in {@link #missedSeq} and left to the sending thread, which
     * sends its own message from memory when nothing else came, or reads what is missing.
     */
    boolean sending;

    int missedSeq;

    volatile long lastTypingAt;
    volatile long lastOnlineAt;
    volatile long lastSuggestAt;
    StringBuilder partial;

    Connection(Session session, String widgetKey, String ip) {
      this.session = session;
      this.widgetKey = widgetKey;
      this.ip = ip;
    }

    String conversation() {
      Shopper s = shopper;
      return s == null ? null : s.conversationId();
    }
  }

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
    String key =
        session.getRequestParameterMap().getOrDefault("widget", java.util.List.of()).stream()
            .findFirst()
            .orElse(null);
    session.setMaxIdleTimeout(IDLE_MS);
    Connection c = new Connection(session, key, remoteAddress(session));
    session.getUserProperties().put(CONNECTION, c);
    all.add(c);
  }

  void closed(Session session) {
    Connection c = (Connection) session.getUserProperties().remove(CONNECTION);
    if (c == null) {
      return;
    }
    all.remove(c);
    String conversation = c.conversation();
    if (conversation != null) {
      Set<Connection> set = byConversation.get(conversation);
      if (set != null) {
        set.remove(c);
        if (set.isEmpty()) {
          byConversation.remove(conversation, set);
          try {
            chat.online(conversation, false);
          } catch (RuntimeException e) {
            LOG.fine("could not mark " + conversation + " offline: " + e);
          }
        }
      }
    }
  }

  void failed(Session session, Throwable error) {
    if (error instanceof IOException) {
      LOG.fine("chat socket " + session.getId() + ": " + error);
    } else {
      LOG.log(Level.WARNING, "chat socket " + session.getId() + " failed", error);
    }
  }

  /**
   * A part of a message: parts are joined until the last one; a message growing past {@link
   * #MAX_FRAME} closes the socket with 1009 (message too big) before it fills the memory.
   */
  void receivedPart(Session session, String part, boolean last) {
    Connection c = (Connection) session.getUserProperties().get(CONNECTION);
    if (c == null) {
      return;
    }
    if (last && c.partial == null) {
      received(session, part);
      return;
    }
    if (c.partial == null) {
      c.partial = new StringBuilder();
    }
    if (c.partial.length() + part.length() > MAX_FRAME) {
      c.partial = null;
      LOG.info("chat message over " + MAX_FRAME + " characters from " + c.ip + ": closing");
      close(c, CloseReason.CloseCodes.TOO_BIG, "a message is at most " + MAX_FRAME + " characters");
      return;
    }
    c.partial.append(part);
    if (last) {
      String text = c.partial.toString();
      c.partial = null;
      received(session, text);
    }
  }

  void received(Session session, String text) {
    Connection c = (Connection) session.getUserProperties().get(CONNECTION);
    if (c == null) {
      return;
    }
    String key = null;
    try {
      ChatWidget widget = chat.widget(c.widgetKey);
      ChatProtocol.ClientFrame frame = ChatProtocol.parse(text, widget.maxFileBytes());
      if (frame instanceof ChatProtocol.Send s) {
        key = s.key();
      }
      if (c.shopper == null
          && !(frame instanceof ChatProtocol.Hello)
          && !(frame instanceof ChatProtocol.Ping)) {
        throw new ChatProtocolException("not-ready", "the first frame is a hello", key);
      }
      if (frame instanceof ChatProtocol.Hello h) {
        hello(c, widget, h);
      } else if (frame instanceof ChatProtocol.Send s) {
        send(c, s);
      } else if (frame instanceof ChatProtocol.Contact f) {
        contact(c, f);
      } else if (frame instanceof ChatProtocol.Context x) {
        c.shopper = c.shopper.withContext(x.context());
        chat.context(c.shopper);
      } else if (frame instanceof ChatProtocol.Typing) {
        typing(c);
      } else if (frame instanceof ChatProtocol.Read r) {
        if (c.conversation() != null) {
          chat.shopperRead(c.conversation(), r.seq());
        }
      } else if (frame instanceof ChatProtocol.Ping) {
        ping(c);
      } else if (frame instanceof ChatProtocol.Suggest q) {
        suggest(c, q);
      } else if (frame instanceof ChatProtocol.OpenArticle a) {
        article(c, a.article());
      } else if (frame instanceof ChatProtocol.Feedback f) {
        chat.feedback(c.shopper, f.article(), f.helpful());
        send(
            c, ChatProtocol.frame("feedback-saved").add("article", f.article()).build().toString());
      } else if (frame instanceof ChatProtocol.Csat a) {
        chat.csat(c.shopper, a.survey(), a.score(), a.comment());
        send(
            c,
            ChatProtocol.frame("csat-saved")
                .add("survey", a.survey())
                .add("score", a.score())
                .build()
                .toString());
      } else if (frame instanceof ChatProtocol.Resolved r) {
        chat.resolved(c.shopper, r.article());
        send(c, ChatProtocol.frame("resolved").add("article", r.article()).build().toString());
      }
    } catch (ChatProtocolException e) {
      LOG.info("chat frame refused (" + e.code() + ") from " + c.ip + ": " + e.getMessage());
      send(c, ChatProtocol.error(e.code(), e.getMessage(), e.key()));
    } catch (InvalidPayloadException e) {
      LOG.info("chat message refused from " + c.ip + ": " + e.getMessage());
      send(c, ChatProtocol.error("invalid", e.getMessage(), key));
    } catch (dev.helpdesk.application.ConflictException e) {
      LOG.info("chat frame refused (closed) from " + c.ip + ": " + e.getMessage());
      send(c, ChatProtocol.error("closed", e.getMessage(), key)); // a survey no longer open
    } catch (NotFoundException e) {
      if (!ChatService.WIDGET.equals(e.what())) {
        send(c, ChatProtocol.error("not-found", e.getMessage(), key)); // an article, say
        return;
      }
      close(c, CloseReason.CloseCodes.VIOLATED_POLICY, "widget no longer active");
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(Level.SEVERE, "chat frame failed, incident " + incident, e);
      send(
          c,
          ChatProtocol.error(
              "server-error", "the server could not handle this (incident " + incident + ")", key));
    }
  }

  private void hello(Connection c, ChatWidget widget, ChatProtocol.Hello h) {
    if (c.shopper != null) {
      throw new ChatProtocolException("invalid", "hello was said already");
    }
    ChatService.Welcome w = chat.hello(widget.key(), h);
    JsonObjectBuilder welcome =
        ChatProtocol.frame("welcome")
            .add("token", w.token())
            .add("identity", w.identity())
            .add("agentsOnline", w.agentsOnline())
            .add("widget", widgetJson(widget));
    if (w.shopper().conversationId() != null) {
      welcome.add("conversation", w.shopper().conversationId());
    }
    synchronized (c) {
      c.shopper = w.shopper();
      c.lastSentSeq = h.lastSeq();
      send(c, welcome.build().toString());
    }
    if (w.shopper().conversationId() != null) {
      join(c, w.shopper().conversationId());
      push(c); // what the widget missed; joined first, so nothing arriving meanwhile is lost
    }
  }

  private void send(Connection c, ChatProtocol.Send s) {
    if (!limits.messageAllowed(c.shopper.visitorId(), c.ip)) {
      throw new ChatProtocolException(
          "rate-limited", "too many messages: wait a moment and send again", s.key());
    }
    synchronized (c) {
      c.sending = true;
      c.missedSeq = 0;
    }
    ChatService.Sent sent;
    try {
      sent = chat.send(c.shopper, s);
    } catch (RuntimeException e) {
      sent(c, null); // what came meanwhile still goes out
      throw e;
    }
    if (sent.started() || !sent.conversationId().equals(c.conversation())) {
      String previous = c.conversation();
      if (previous != null) {
        Set<Connection> set = byConversation.get(previous);
        if (set != null) {
          set.remove(c);
        }
      }
      synchronized (c) {
        c.lastSentSeq = 0; // a new conversation numbers its messages from 1
        c.shopper = c.shopper.withConversation(sent.conversationId(), sent.ticketId());
      }
      join(c, sent.conversationId());
      push(c); // the messages the news of this send may have missed while joining
    } else if (!Long.valueOf(sent.ticketId()).equals(c.shopper.ticketId())) {
      c.shopper = c.shopper.withConversation(sent.conversationId(), sent.ticketId());
    }
    sent(c, sent);
    send(
        c,
        ChatProtocol.frame("ack")
            .add("key", s.key())
            .add("seq", sent.seq())
            .add("conversation", sent.conversationId())
            .add("ticket", sent.ticketId())
            .add("message", sent.messageId())
            .add("duplicate", sent.duplicate())
            .build()
            .toString());
  }

  /**
   * Ends the socket's own send ({@code sent} null when it failed): its own message from what it
   * sent, when that is the next this socket owes and no news came meanwhile of anything after it
   * (no read of the database); else what is missing, in order, from the database.
   */
  private void sent(Connection c, ChatService.Sent sent) {
    boolean read;
    synchronized (c) {
      c.sending = false;
      boolean fromMemory =
          sent != null
              && sent.shown() != null
              && c.lastSentSeq == sent.seq() - 1
              && c.missedSeq <= sent.seq();
      if (fromMemory) {
        send(c, messageJson(sent.shown(), sent.conversationId()));
        c.lastSentSeq = sent.seq();
      }
      int owed = sent == null ? c.missedSeq : Math.max(c.missedSeq, sent.seq());
      read = !fromMemory && owed > c.lastSentSeq;
    }
    if (read) {
      push(c);
    }
  }

  /** At most one suggestion query per {@link #SUGGEST_MS} per socket; the widget debounces. */
  static final long SUGGEST_MS = 100;

  private void suggest(Connection c, ChatProtocol.Suggest q) {
    long now = System.currentTimeMillis();
    if (now - c.lastSuggestAt < SUGGEST_MS) {
      throw new ChatProtocolException("rate-limited", "suggestions: one query per 100 ms");
    }
    c.lastSuggestAt = now;
    JsonArrayBuilder articles = ChatProtocol.array();
    for (var s : chat.suggest(c.shopper, q.text())) {
      articles.add(
          ChatProtocol.object()
              .add("id", s.id())
              .add("title", s.title())
              .add("snippet", s.snippet())
              .add("language", s.language()));
    }
    send(
        c,
        ChatProtocol.frame("suggestions")
            .add("id", q.id())
            .add("articles", articles)
            .build()
            .toString());
  }

  private void article(Connection c, long id) {
    var a = chat.article(c.shopper, id);
    send(
        c,
        ChatProtocol.frame("article")
            .add(
                "article",
                ChatProtocol.object()
                    .add("id", a.id())
                    .add("title", a.title())
                    .add("html", a.bodyHtml())
                    .add("language", a.language()))
            .build()
            .toString());
  }

  private void contact(Connection c, ChatProtocol.Contact f) {
    c.shopper = c.shopper.withContact(f.name(), f.email(), f.topic());
    chat.identify(c.shopper);
    send(c, ChatProtocol.frame("contact-saved").build().toString());
  }

  private void typing(Connection c) {
    long now = System.currentTimeMillis();
    Long ticket = c.shopper.ticketId();
    if (ticket != null && now - c.lastTypingAt > 2_000) {
      c.lastTypingAt = now;
      chat.shopperTyping(ticket);
    }
  }

  private void ping(Connection c) {
    send(c, ChatProtocol.pong());
    long now = System.currentTimeMillis();
    if (c.conversation() != null && now - c.lastOnlineAt > 30_000) {
      c.lastOnlineAt = now;
      chat.online(c.conversation(), true);
    }
  }

  private void join(Connection c, String conversation) {
    byConversation.computeIfAbsent(conversation, k -> ConcurrentHashMap.newKeySet()).add(c);
    c.lastOnlineAt = System.currentTimeMillis();
  }

  /**
   * Called on the publishing thread (as every {@link RealtimeHub} subscriber): the bookkeeping here
   * only takes connection locks, which are never held across a database read or a blocking call;
   * what reads the database (a widget's catch-up, agents' presence) is handed to the managed
   * executor. The common case, news of the shopper's own message while its socket is storing it,
   * costs no thread hand-off.
   */
  private void onEvent(RealtimeEvent e) {
    if (e.audience() != RealtimeEvent.Audience.CONVERSATION) {
      return;
    }
    if ("*".equals(e.conversation())) {
      if ("presence".equals(e.kind())) {
        later(
            () -> {
              String frame =
                  ChatProtocol.frame("presence")
                      .add("agentsOnline", chat.agentsOnline())
                      .build()
                      .toString();
              all.forEach(c -> send(c, frame));
            });
      }
      return;
    }
    Set<Connection> set = byConversation.get(e.conversation());
    if (set == null) {
      return;
    }
    for (Connection c : set) {
      if ("messages".equals(e.kind())) {
        int seq = e.payload() == null ? Integer.MAX_VALUE : Integer.parseInt(e.payload());
        synchronized (c) {
          if (c.sending) {
            c.missedSeq = Math.max(c.missedSeq, seq); // the sending thread reads it after
            continue;
          }
          if (c.lastSentSeq >= seq) {
            continue;
          }
        }
        later(() -> push(c));
      } else if (e.payload() != null) {
        send(c, e.payload());
      }
    }
  }

  /** Work that reads the database, off the publishing thread. */
  private void later(Runnable work) {
    try {
      executor.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.fine("shutting down: " + e);
    }
  }

  /**
   * Sends what the connection has not sent yet, in sequence order, each message once. The read
   * happens outside the connection's lock (two pushes may both read; under the lock each sends only
   * what is above the last sequence sent, so the order holds and nothing goes twice).
   */
  private void push(Connection c) {
    String conversation;
    int after;
    synchronized (c) {
      conversation = c.conversation();
      after = c.lastSentSeq;
    }
    if (conversation == null) {
      return;
    }
    java.util.List<ChatMessage> missed = chat.since(c.widgetKey, conversation, after);
    synchronized (c) {
      if (!conversation.equals(c.conversation())) {
        return; // moved on to a new conversation meanwhile: its own push follows
      }
      for (ChatMessage m : missed) {
        if (m.seq() > c.lastSentSeq) {
          send(c, messageJson(m, conversation));
          c.lastSentSeq = m.seq();
        }
      }
    }
  }

  static String messageJson(ChatMessage m, String conversation) {
    JsonArrayBuilder files = ChatProtocol.array();
    for (ChatMessage.File f : m.files()) {
      files.add(
          ChatProtocol.object()
              .add("name", f.name())
              .add("type", f.type())
              .add("size", f.size())
              .add("url", f.url()));
    }
    JsonObjectBuilder b =
        ChatProtocol.frame("message")
            .add("conversation", conversation)
            .add("seq", m.seq())
            .add("id", m.id())
            .add("from", m.from())
            .add("text", m.text())
            .add("at", m.at().toString())
            .add("status", m.status())
            .add("files", files);
    if (m.author() != null) {
      b.add("author", m.author());
    }
    if (m.key() != null) {
      b.add("key", m.key());
    }
    if (m.article() != null) {
      b.add("article", m.article());
    }
    if (m.survey() != null) {
      b.add("survey", m.survey());
    }
    return b.build().toString();
  }

  /**
   * What a widget shows, as the welcome frame and {@code GET /api/v1/chat/widgets/{key}} give it.
   */
  public static JsonObjectBuilder widgetJson(ChatWidget w) {
    JsonObjectBuilder texts = ChatProtocol.object();
    w.texts().forEach(texts::add);
    JsonArrayBuilder pre = ChatProtocol.array();
    w.preChat().forEach(pre::add);
    return ChatProtocol.object()
        .add("name", w.name())
        .add("color", w.color())
        .add("preChat", pre)
        .add("texts", texts)
        .add("maxFileBytes", w.maxFileBytes());
  }

  private void send(Connection c, String frame) {
    if (!c.session.isOpen()) {
      return;
    }
    c.session
        .getAsyncRemote()
        .sendText(
            frame,
            r -> {
              if (!r.isOK()) {
                LOG.fine("chat frame not sent to " + c.session.getId() + ": " + r.getException());
              }
            });
  }

  private void close(Connection c, CloseReason.CloseCode code, String why) {
    try {
      c.session.close(new CloseReason(code, why));
    } catch (IOException e) {
      LOG.fine("closing " + c.session.getId() + ": " + e);
    }
  }

  /**
   * The peer's address: Undertow's session exposes its channel (read reflectively so the code
   * compiles against the Jakarta API only); "unknown" elsewhere.
   */
  static String remoteAddress(Session session) {
    try {
      Object channel = session.getClass().getMethod("getWebSocketChannel").invoke(session);
      Object address = channel.getClass().getMethod("getSourceAddress").invoke(channel);
      if (address instanceof InetSocketAddress a && a.getAddress() != null) {
        return a.getAddress().getHostAddress();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.fine("no peer address: " + e);
    }
    return "unknown";
  }
}
