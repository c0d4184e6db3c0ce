package dev.helpdesk.bench;

import dev.helpdesk.application.IngestService;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.it.Api;
import dev.helpdesk.it.Deployments;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 2's benchmark: ingest throughput through IngestService (in the server) and through POST
 * /api/v1/inbound (over HTTP), 10,000 messages from 1,000 contacts each; then ticket-list latency
 * with 100,000 tickets. Run by {@code mvn -Pbench verify} on H2 and on PostgreSQL; it prints its
 * figures and writes them to target/bench/. It asserts nothing about time.
 */
@Tag("bench")
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestAndListBench {
  static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000);
  static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
  static final int TICKETS = Integer.getInteger("bench.tickets", 100_000);
  static final int THREADS = Integer.getInteger("bench.threads", 16);
  static final int CLIENTS = Integer.getInteger("bench.clients", 16);
  static final int WARMUP = Integer.getInteger("bench.warmup", 2_000);

  @Deployment
  static EnterpriseArchive deployment() {
    EnterpriseArchive ear = Deployments.ear();
    ear.getAsType(WebArchive.class, "helpdesk-web.war")
        .addClasses(
            IngestAndListBench.class,
            BenchData.class,
            Api.class,
            Api.Response.class,
            Deployments.class);
    return ear;
  }

  @Inject IngestService ingest;
  @Inject BenchData data;
  @Resource ManagedThreadFactory threads;
  @ArquillianResource URL base;

  /** A realistic mix: each contact has two conversations of five messages, English and Arabic. */
  static InboundMessage message(Channel channel, String prefix, int i) {
    int contact = i % CONTACTS;
    int conversation = (i / CONTACTS) % 2;
    String ar = contact % 5 == 0 ? "مرحبا، أين طلبي رقم " + i + "؟ لم يصل بعد والشحن متأخر" : null;
    String text =
        ar != null
            ? ar
            : "Hi, my order "
                + i
                + " has not arrived yet. Tracking shows no movement for days, can you check the shipping status?";
    return new InboundMessage(
        channel,
        "bench",
        prefix + "-" + i,
        List.of(prefix + "-conv-" + contact + "-" + conversation),
        new SenderIdentity(
            IdentityKind.EMAIL,
            prefix + "-shopper-" + contact + "@example.com",
            "Shopper " + contact),
        conversation == 0 ? "Order " + contact + " late" : "Refund for order " + contact,
        text,
        null,
        List.of(),
        null,
        Map.of("orderRef", "B-" + contact, "language", ar != null ? "ar" : "en"));
  }

  @Test
  @Order(1)
  void ingestThroughTheService() throws Exception {
    Files.deleteIfExists(out("results"));
    // warm-up outside the measurement: JIT, connection pool, caches, index writers
    for (int i = 0; i < WARMUP; i++) {
      ingest.ingest(message(Channel.EMAIL, "warm", i));
    }
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      workers.add(
          () -> {
            for (int i; (i = next.getAndIncrement()) < MESSAGES; ) {
              ingest.ingest(message(Channel.EMAIL, "svc", i));
            }
            return null;
          });
    }
    long t0 = System.nanoTime();
    runAll(workers);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long stored = data.messages("svc-%");
    long tickets = data.ticketsWithMessages("svc-%");
    report(
        String.format(
            "ingest via IngestService, one transaction per message: %,d messages from %,d contacts into %,d tickets in %.1f s = %,.0f messages/s (%d threads)",
            stored, CONTACTS, tickets, seconds, stored / seconds, THREADS));
  }

  @Test
  @Order(2)
  void ingestThroughTheServiceInBatches() throws Exception {
    int batchSize = Integer.getInteger("bench.batch", 20);
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      workers.add(
          () -> {
            for (int start; (start = next.getAndAdd(batchSize)) < MESSAGES; ) {
              List<InboundMessage> batch = new ArrayList<>();
              for (int i = start; i < Math.min(start + batchSize, MESSAGES); i++) {
                batch.add(message(Channel.EMAIL, "batch", i));
              }
              ingest.ingestAll(batch);
            }
            return null;
          });
    }
    long t0 = System.nanoTime();
    runAll(workers);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long stored = data.messages("batch-%");
    report(
        String.format(
            "ingest via IngestService.ingestAll, batches of %d: %,d messages in %.1f s = %,.0f messages/s (%d threads)",
            batchSize, stored, seconds, stored / seconds, THREADS));
  }

  @Test
  @Order(3)
  @RunAsClient
  void ingestThroughTheApi() throws Exception {
    Api admin = Api.admin(base);
    int clients = CLIENTS;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < clients; w++) {
      workers.add(
          () -> {
            for (int i; (i = next.getAndIncrement()) < MESSAGES; ) {
              InboundMessage m = message(Channel.API, "http", i);
              var r =
                  admin.post(
                      "api/v1/inbound",
                      Map.of(
                          "externalId",
                          m.externalId(),
                          "conversationId",
                          m.threadKeys().get(0),
                          "from",
                          Map.of("email", m.sender().value(), "name", m.sender().displayName()),
                          "subject",
                          m.subject(),
                          "text",
                          m.text(),
                          "metadata",
                          m.metadata()));
              if (r.status() != 201) {
                throw new AssertionError(r.toString());
              }
            }
            return null;
          });
    }
    long t0 = System.nanoTime();
    for (Future<Void> f : pool.invokeAll(workers)) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    report(
        String.format(
            "ingest via POST /api/v1/inbound: %,d messages in %.1f s = %,.0f messages/s (%d HTTP clients)",
            MESSAGES, seconds, MESSAGES / seconds, clients));
  }

  @Test
  @Order(4)
  void topUpToTheTicketCountForTheListBenchmark() throws Exception {
    long have = data.tickets();
    AtomicInteger next = new AtomicInteger((int) have);
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      workers.add(
          () -> {
            for (int i; (i = next.getAndIncrement()) < TICKETS; ) {
              // one message per conversation: each is a new ticket
              ingest.ingest(
                  new InboundMessage(
                      Channel.CHAT,
                      "bench",
                      "fill-" + i,
                      List.of("fill-conv-" + i),
                      new SenderIdentity(
                          IdentityKind.VISITOR, "fill-visitor-" + (i % 20_000), null),
                      null,
                      "Is there a coupon for free shipping? cart " + i,
                      null,
                      List.of(),
                      null,
                      Map.of()));
            }
            return null;
          });
    }
    long t0 = System.nanoTime();
    runAll(workers);
    long team = data.spreadOverTeamsAndStatuses();
    long total = data.tickets();
    report(
        String.format(
            "list data: %,d tickets in the database (%,d added in %.1f s)",
            total, TICKETS - have, (System.nanoTime() - t0) / 1e9));
    Files.writeString(out("team"), Long.toString(team));
  }

  @Test
  @Order(5)
  @RunAsClient
  void listLatencyWithTheFullDatabase() throws Exception {
    Api admin = Api.admin(base);
    long team = Long.parseLong(Files.readString(out("team")).trim());
    var agent =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                "bench-agent-" + System.nanoTime(),
                "password",
                "bench-password",
                "roles",
                List.of("AGENT"),
                "teamIds",
                List.of(team)));
    Api agentApi = Api.token(base, agent.json().getString("login"), "bench-password");
    String cursor = admin.get("api/v1/tickets?limit=50").json().getString("nextCursor");
    Map<String, Runnable> queries = new java.util.LinkedHashMap<>();
    queries.put(
        "manager, all tickets, first page of 50",
        () -> check(admin.get("api/v1/tickets?limit=50")));
    queries.put(
        "manager, second page (keyset cursor)",
        () -> check(admin.get("api/v1/tickets?limit=50&cursor=" + cursor)));
    queries.put(
        "manager, status=NEW,OPEN",
        () -> check(admin.get("api/v1/tickets?limit=50&status=NEW,OPEN")));
    queries.put("agent, own teams only", () -> check(agentApi.get("api/v1/tickets?limit=50")));
    queries.put(
        "agent, unassigned in own teams",
        () -> check(agentApi.get("api/v1/tickets?limit=50&assignee=none&status=NEW")));
    queries.put("manager, inbox view counts", () -> check(admin.get("api/v1/tickets/counts")));
    queries.put("agent, inbox view counts", () -> check(agentApi.get("api/v1/tickets/counts")));
    queries.put(
        "agent, waiting longest (sort=waiting)",
        () -> check(agentApi.get("api/v1/tickets?limit=50&sort=waiting&status=NEW,OPEN,PENDING")));
    queries.put(
        "manager, full text 'coupon shipping'",
        () -> check(admin.get("api/v1/tickets?limit=50&q=coupon%20shipping")));
    for (var q : queries.entrySet()) {
      for (int i = 0; i < 20; i++) {
        q.getValue().run(); // warm-up
      }
      long[] ms = new long[200];
      for (int i = 0; i < ms.length; i++) {
        long t0 = System.nanoTime();
        q.getValue().run();
        ms[i] = System.nanoTime() - t0;
      }
      Arrays.sort(ms);
      report(
          String.format(
              "list %-42s p50 %5.1f ms  p95 %5.1f ms  (200 HTTP requests)",
              q.getKey(), ms[99] / 1e6, ms[189] / 1e6));
    }
    inboxFirstPaint();
    System.out.println(
        "\n==== BENCH RESULTS ("
            + System.getProperty("it.db")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores) ====\n"
            + Files.readString(out("results"))
            + "====\n");
  }

  /**
   * The workspace's first paint with the full database (see {@link FirstPaint}; a separate class so
   * that the deployed copy of this one needs no Selenium).
   */
  private void inboxFirstPaint() throws Exception {
    long[] ms = FirstPaint.measure(base, Api.ADMIN_PASSWORD);
    report(
        String.format(
            "inbox first paint (navigation start -> ticket list rendered, manager, %,d tickets): median %d ms, max %d ms (10 loads in headless chromium)",
            TICKETS, ms[ms.length / 2], ms[ms.length - 1]));
  }

  /**
   * Runs the workers on THREADS container threads at once (the default executor would queue them).
   */
  private void runAll(List<Callable<Void>> workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, threads);
    try {
      for (Future<Void> f : pool.invokeAll(workers)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void check(Api.Response r) {
    if (r.status() != 200) {
      throw new AssertionError(r.toString());
    }
  }

  static Path out(String name) throws IOException {
    Path dir = Path.of(System.getProperty("helpdesk.bench.dir", "target/bench"));
    Files.createDirectories(dir);
    return dir.resolve(name + ".txt");
  }

  static void report(String line) throws IOException {
    System.out.println("BENCH " + line);
    Files.writeString(
        out("results"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
