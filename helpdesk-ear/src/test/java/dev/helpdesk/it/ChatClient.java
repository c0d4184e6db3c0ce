package dev.helpdesk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client of /ws/chat (the JDK's), as the widget speaks to it. */
public final class ChatClient implements AutoCloseable {
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  /** Frames received but not asked for yet, oldest first. */
  private final List<JsonObject> held = new ArrayList<>();

  final CompletableFuture<int[]> closed = new CompletableFuture<>();

  private ChatClient(URL base, String path, String origin) throws Exception {
    this(base, path, origin, null);
  }

  private ChatClient(URL base, String path, String origin, String bearer) throws Exception {
    URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    socket =
        b.connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, new Listener())
            .get(20, TimeUnit.SECONDS);
  }

  /** Connects to a widget's chat from a page at {@code origin}. */
  public static ChatClient connect(URL base, String widget, String origin) throws Exception {
    return new ChatClient(base, "/ws/chat?widget=" + widget, origin);
  }

  /** The staff stream, /ws/agent, with an API token (or none) from a page at {@code origin}. */
  public static ChatClient staff(URL base, String token, String origin) throws Exception {
    return new ChatClient(base, "/ws/agent", origin, token);
  }

  /** The staff stream resuming after the journal number {@code since} (a reconnecting tab). */
  public static ChatClient staff(URL base, String token, String origin, String since)
      throws Exception {
    return new ChatClient(base, "/ws/agent?since=" + since, origin, token);
  }

  /** The HTTP status a refused staff handshake answered. */
  public static int staffRefusedWith(URL base, String token, String origin) throws Exception {
    return refused(() -> staff(base, token, origin));
  }

  private interface Opener {
    ChatClient open() throws Exception;
  }

  private static int refused(Opener opener) throws Exception {
    try {
      opener.open().close();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  /** The HTTP status a refused handshake answered. */
  public static int refusedWith(URL base, String widget, String origin) throws Exception {
    try {
      connect(base, widget, origin).close();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  public ChatClient send(String frame) {
    socket.sendText(frame, true).join();
    return this;
  }

  public ChatClient send(JsonObject frame) {
    return send(frame.toString());
  }

  /** The first frame of this type not asked for yet (others are kept), within 20 s. */
  public JsonObject next(String type) throws InterruptedException {
    return next(f -> type.equals(f.getString("type", "")), type);
  }

  public JsonObject next(Predicate<JsonObject> wanted, String what) throws InterruptedException {
    for (int i = 0; i < held.size(); i++) {
      if (wanted.test(held.get(i))) {
        return held.remove(i);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject f = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError("no " + what + " frame within 20 s");
      }
      if (wanted.test(f)) {
        return f;
      }
      held.add(f);
    }
  }

  /** The frames not asked for yet and every frame that arrives within {@code millis}. */
  public List<JsonObject> drain(long millis) throws InterruptedException {
    List<JsonObject> out = new ArrayList<>(held);
    held.clear();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject f = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
      if (f == null) {
        return out;
      }
      out.add(f);
    }
  }

  /** Close code and reason length once the server closed, within 20 s. */
  public int closeCode() throws Exception {
    return closed.get(20, TimeUnit.SECONDS)[0];
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try (var r = Json.createReader(new StringReader(partial.toString()))) {
          frames.add(r.readObject());
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closed.complete(new int[] {code});
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(new int[] {-1});
    }
  }
}
