package dev.helpdesk.bench;

import dev.helpdesk.it.Api;
import dev.helpdesk.it.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4's benchmark. (1) {@code bench.chat.chats} shoppers (1,000) connect to /ws/chat, each
 * sends {@code bench.chat.messages} (3) messages, pausing 0–{@code bench.chat.pause-ms} (20,000) ms
 * before each, as people type; the latency is from the shopper's send to the event on an agent's
 * /ws/agent stream (the message is stored by then). The same connections and pauses against the
 * bare /ws/echo endpoint give the yardstick; the ratio of the p99s is the figure. (2) {@code
 * bench.chat.connections} (10,000 with -Dbench.chat.connections=10000) shoppers connect and say
 * hello and stay: the connections held and the server's heap after a full GC (jcmd) are reported.
 * Prints, writes target/bench/<db>/chat-results.txt, asserts nothing about time.
 */
@Tag("bench")
@ExtendWith(ArquillianExtension.class)
class ChatBench {
  static final int CHATS = Integer.getInteger("bench.chat.chats", 1_000);
  static final int MESSAGES = Integer.getInteger("bench.chat.messages", 3);
  static final int CONNECTIONS = Integer.getInteger("bench.chat.connections", 1_000);

  /** Each shopper pauses 0 to this many ms before each message (a person typing: mean 10 s). */
  static final int PAUSE_MS = Integer.getInteger("bench.chat.pause-ms", 20_000);

  static final String ORIGIN = "http://bench.test";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;

  final HttpClient http = HttpClient.newHttpClient();

  /** One thread per simulated shopper while it pauses between messages. */
  final java.util.concurrent.ExecutorService pool =
      java.util.concurrent.Executors.newCachedThreadPool();

  final StringBuilder report = new StringBuilder();

  @Test
  void chatLatencyAgainstEchoAndConnectionsHeld() throws Exception {
    Api admin = Api.admin(base);
    String widget = "bench-" + Long.toString(System.nanoTime(), 36);
    admin.post(
        "api/v1/channel-accounts",
        Map.of(
            "channel",
            "CHAT",
            "address",
            widget,
            "name",
            "Bench",
            "settings",
            Map.of("allowedOrigins", ORIGIN, "faqBot", "false")));
    print(
        "chat benchmark, "
            + Runtime.getRuntime().availableProcessors()
            + " cores, db "
            + System.getProperty("it.db"));

    // the agent's stream: when each message event arrives
    Map<Long, Long> staffSeen = new ConcurrentHashMap<>();
    WebSocket staff =
        socket(
            "/ws/agent",
            Map.of("Authorization", "Bearer " + admin.token()),
            f -> {
              if (f.containsKey("message")) {
                staffSeen.putIfAbsent(f.getJsonNumber("message").longValue(), System.nanoTime());
              }
            });

    // a silent socket is closed after 75 s: the agent's tab pings, so does this one
    java.util.concurrent.ScheduledExecutorService pinger =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    pinger.scheduleAtFixedRate(
        () -> staff.sendText("{\"type\":\"ping\"}", true), 20, 20, TimeUnit.SECONDS);

    // warm-up (the JIT compiles the chat and ingest paths): 800 chats, not measured
    run("/ws/chat?widget=" + widget, 800, MESSAGES, true, new ConcurrentHashMap<>());
    long[] echo = echoRun(CHATS, MESSAGES);
    Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    long t0 = System.nanoTime();
    run("/ws/chat?widget=" + widget, CHATS, MESSAGES, true, sentAt);
    // wait for the last events
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!staffSeen.keySet().containsAll(sentAt.keySet()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    long[] chat =
        sentAt.entrySet().stream()
            .filter(e -> staffSeen.containsKey(e.getKey()))
            .mapToLong(e -> staffSeen.get(e.getKey()) - e.getValue())
            .sorted()
            .toArray();
    print(
        String.format(
            "echo /ws/echo   %d connections × %d: p50 %.2f ms, p99 %.2f ms",
            CHATS, MESSAGES, ms(echo, 50), ms(echo, 99)));
    print(
        String.format(
            "chat shopper→agent stream, %d chats × %d (%d of %d seen, %.0f msg/s): p50 %.2f ms, p99 %.2f ms",
            CHATS,
            MESSAGES,
            chat.length,
            sentAt.size(),
            sentAt.size() / secs,
            ms(chat, 50),
            ms(chat, 99)));
    print(String.format("ratio of p99s chat/echo: %.1f×", ms(chat, 99) / ms(echo, 99)));
    pinger.shutdownNow();
    staff.abort();

    // connections held
    List<WebSocket> held = new ArrayList<>();
    CountDownLatch welcomed = new CountDownLatch(CONNECTIONS);
    long c0 = System.nanoTime();
    for (int i = 0; i < CONNECTIONS; i++) {
      WebSocket ws =
          socket(
              "/ws/chat?widget=" + widget,
              Map.of("Origin", ORIGIN),
              f -> {
                if ("welcome".equals(f.getString("type"))) {
                  welcomed.countDown();
                }
              });
      ws.sendText("{\"type\":\"hello\",\"lastSeq\":0}", true);
      held.add(ws);
    }
    boolean all = welcomed.await(120, TimeUnit.SECONDS);
    print(
        String.format(
            "connections held: %d of %d welcomed (%s) in %.1f s",
            CONNECTIONS - welcomed.getCount(),
            CONNECTIONS,
            all ? "all" : "NOT all",
            (System.nanoTime() - c0) / 1e9));
    print("server heap after full GC with them open: " + serverHeap());
    held.forEach(WebSocket::abort);

    Path out =
        Path.of(System.getProperty("helpdesk.bench.dir", "target/bench"), "chat-results.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
  }

  /** Each connection sends its messages with 0–2 s pauses; the send times by message id. */
  private void run(String path, int connections, int messages, boolean chat, Map<Long, Long> sentAt)
      throws Exception {
    CountDownLatch done = new CountDownLatch(connections * messages);
    List<WebSocket> sockets = new ArrayList<>();
    Map<String, Long> byKey = new ConcurrentHashMap<>();
    for (int i = 0; i < connections; i++) {
      WebSocket ws =
          socket(
              path,
              Map.of("Origin", ORIGIN),
              f -> {
                if ("ack".equals(f.getString("type"))) {
                  Long t = byKey.remove(f.getString("key"));
                  if (t != null) {
                    sentAt.put(f.getJsonNumber("message").longValue(), t);
                  }
                  done.countDown();
                }
              });
      ws.sendText("{\"type\":\"hello\",\"lastSeq\":0}", true).join();
      sockets.add(ws);
    }
    for (int i = 0; i < connections; i++) {
      WebSocket ws = sockets.get(i);
      int n = i;
      CompletableFuture.runAsync(
          () -> {
            for (int m = 0; m < messages; m++) {
              sleep(ThreadLocalRandom.current().nextInt(PAUSE_MS));
              String key = "b" + n + "-" + m;
              byKey.put(key, System.nanoTime());
              ws.sendText(
                  "{\"type\":\"send\",\"key\":\""
                      + key
                      + "\",\"text\":\"Where is my order "
                      + n
                      + "? ("
                      + m
                      + ")\"}",
                  true);
            }
          },
          pool);
    }
    done.await(300, TimeUnit.SECONDS);
    sockets.forEach(WebSocket::abort);
  }

  private long[] echoRun(int connections, int messages) throws Exception {
    CountDownLatch done = new CountDownLatch(connections * messages);
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      sockets.add(
          socket(
              "/ws/echo",
              Map.of(),
              f -> {
                latencies.add(System.nanoTime() - f.getJsonNumber("t").longValue());
                done.countDown();
              }));
    }
    for (WebSocket ws : sockets) {
      CompletableFuture.runAsync(
          () -> {
            for (int m = 0; m < messages; m++) {
              sleep(ThreadLocalRandom.current().nextInt(PAUSE_MS));
              ws.sendText("{\"type\":\"echo\",\"t\":" + System.nanoTime() + "}", true);
            }
          },
          pool);
    }
    done.await(120, TimeUnit.SECONDS);
    sockets.forEach(WebSocket::abort);
    return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private WebSocket socket(String path, Map<String, String> headers, Consumer<JsonObject> onFrame)
      throws Exception {
    URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
    WebSocket.Builder b = http.newWebSocketBuilder();
    headers.forEach(b::header);
    return b.buildAsync(
            uri,
            new WebSocket.Listener() {
              final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  try (var r = Json.createReader(new StringReader(partial.toString()))) {
                    onFrame.accept(r.readObject());
                  }
                  partial.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
        .get(60, TimeUnit.SECONDS);
  }

  /** The WildFly process's heap after a full GC, by jcmd (same machine, same user). */
  private static String serverHeap() {
    try {
      long pid =
          ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
              .mapToLong(ProcessHandle::pid)
              .findFirst()
              .orElse(-1);
      if (pid < 0) {
        return "(WildFly process not found)";
      }
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").start().waitFor(60, TimeUnit.SECONDS);
      Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return Arrays.stream(out.split("\n"))
          .filter(l -> l.contains("used"))
          .findFirst()
          .orElse(out)
          .strip();
    } catch (Exception e) {
      return "(jcmd failed: " + e + ")";
    }
  }

  private static double ms(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)]
        / 1e6;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void print(String line) {
    System.out.println("[chat-bench] " + line);
    report.append(line).append('\n');
  }
}
