package dev.helpdesk.bench;

import dev.helpdesk.application.IngestService;
import dev.helpdesk.application.Router;
import dev.helpdesk.application.internal.AgentConnections;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7's benchmark, in the server: 200 routing rules, 10 teams (round-robin and least-loaded,
 * half sticky) and 100 online agents (English and Arabic speakers, some with skills); then
 *
 * <ol>
 *   <li>ingest throughput with routing on and off in the same run, alternating (on, off five times,
 *       after two warm-up phases each way), each phase a new ticket and a follow-up per shopper
 *       from 8 container threads; a ticket created while routing is off is left for hand triage;
 *       the cost is the median of the five rounds' (each on phase against the off phase right after
 *       it);
 *   <li>the routing decision: tickets stored with routing off are routed one by one ({@code
 *       Router.route}: topic, the 200 rules, assignment under the agent's row lock, timeline) from
 *       two threads, each timed.
 * </ol>
 *
 * Prints its figures and writes them to target/bench/<db>/routing-results.txt; asserts nothing
 * about time. {@code mvn verify -Pbench -Dit.test=RoutingBench} (with {@code -Ppostgres-only} for
 * PostgreSQL alone).
 */
@Tag("bench")
@ExtendWith(ArquillianExtension.class)
class RoutingBench {
  static final int RULES = Integer.getInteger("bench.routing.rules", 200);
  static final int AGENTS = Integer.getInteger("bench.routing.agents", 100);
  static final int TEAMS = 10;
  static final int TICKETS_PER_PHASE = Integer.getInteger("bench.routing.tickets", 1_000);
  static final int DECISIONS = Integer.getInteger("bench.routing.decisions", 1_000);
  static final int THREADS = Integer.getInteger("bench.routing.threads", 8);
  static final int ROUNDS = Integer.getInteger("bench.routing.rounds", 5);
  static final int WARM_ROUNDS = Integer.getInteger("bench.routing.warm-rounds", 5);

  /** Shoppers' first messages, as in the labelled sets: every topic, both languages. */
  static final String[][] QUESTIONS = {
    {"en", "Hi, my card keeps getting declined at checkout although my bank says it's fine"},
    {"en", "Where is my order? I ordered a week ago and the tracking hasn't moved"},
    {"en", "I'd like to return the jacket, it doesn't fit. How do I get a refund?"},
    {"en", "The coupon code from your newsletter says invalid"},
    {"en", "How long does delivery to Jeddah take and how much is shipping?"},
    {"en", "The place order button does nothing, I can't finish my purchase"},
    {"en", "I forgot my password and the reset e-mail never arrives"},
    {"en", "Do you have the grey sofa in stock again?"},
    {"ar", "السلام عليكم، البطاقة ترفض عند الدفع مع ان فيها رصيد"},
    {"ar", "وين طلبي؟ طلبت من اسبوع وما وصل"},
    {"ar", "ابي ارجع المنتج واسترد فلوسي، كيف؟"},
    {"ar", "كود الخصم ما يشتغل"},
    {"ar", "كم ياخذ التوصيل للرياض وكم سعره؟"},
    {"ar", "صفحة الدفع ما تفتح وما اقدر اكمل الطلب"},
    {"ar", "نسيت كلمة المرور ورسالة الاستعادة ما توصل"},
    {"ar", "عندكم هالفستان مقاس 38؟"},
  };

  static final String[] TOPICS = {
    "CHECKOUT", "PAYMENT", "SHIPPING", "ORDER_STATUS", "RETURNS", "COUPONS", "ACCOUNT", "OTHER"
  };

  @Deployment
  static EnterpriseArchive deployment() {
    EnterpriseArchive ear = Deployments.ear();
    ear.getAsType(WebArchive.class, "helpdesk-web.war")
        .addClasses(
            RoutingBench.class, BenchData.class, Api.class, Api.Response.class, Deployments.class);
    return ear;
  }

  @Inject IngestService ingest;
  @Inject Router router;
  @Inject AgentConnections connections;
  @Inject BenchData data;
  @Resource ManagedThreadFactory threads;
  @ArquillianResource URL base;

  @Test
  void routingCostAndDecisionTime() throws Exception {
    Files.deleteIfExists(out());
    String run = Long.toString(System.nanoTime(), 36);
    Api admin = Api.admin(base);
    List<Long> teams = new ArrayList<>();
    for (int k = 0; k < TEAMS; k++) {
      Api.Response r = admin.post("api/v1/teams", Map.of("name", "Bench " + run + " " + k));
      teams.add(id(r, 201));
      check(
          admin.put(
              "api/v1/teams/" + teams.get(k) + "/routing",
              Map.of(
                  "assignment", k % 2 == 0 ? "ROUND_ROBIN" : "LEAST_LOADED", "sticky", k % 4 < 2)),
          200);
    }
    List<Long> agents = new ArrayList<>();
    for (int a = 0; a < AGENTS; a++) {
      Map<String, Object> body = new HashMap<>();
      body.put("login", "bench-" + run + "-" + a);
      body.put("displayName", "Bench agent " + a);
      body.put("password", "bench-password");
      body.put("roles", List.of("AGENT"));
      body.put("teamIds", List.of(teams.get(a % TEAMS), teams.get((a + 3) % TEAMS)));
      body.put("languages", a % 3 == 0 ? List.of("en", "ar") : List.of("en"));
      body.put("skills", a % 4 == 0 ? List.of(TOPICS[a % 7].toLowerCase()) : List.of());
      body.put("capacity", 500);
      agents.add(id(admin.post("api/v1/agents", body), 201));
    }
    List<Long> rules = new ArrayList<>();
    for (int k = 0; k < RULES; k++) {
      rules.add(id(admin.post("api/v1/routing/rules", rule(k, run, teams)), 201));
    }
    // the agents have the workspace open (a staff socket's row, kept fresh) and are ONLINE
    data.setAvailability(agents, "ONLINE");
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(threads);
    heartbeat.scheduleAtFixedRate(
        () -> agents.forEach(a -> connections.write("bench", a, 1)), 0, 20, TimeUnit.SECONDS);
    try {
      report(
          String.format(
              "setup: %d rules, %d teams, %d agents online (%d cores, db %s)",
              RULES,
              TEAMS,
              agents.size(),
              Runtime.getRuntime().availableProcessors(),
              System.getProperty("helpdesk.db", "h2")));
      // warm-up, whole phases each way (WARM_ROUNDS x on and off): the JIT compiles the routing
      // path too — after half a phase the first measured phase with routing on ran 15-20 % slower
      // than the later ones — the caches fill, the rules are compiled, the topic models learnt
      for (int round = 0; round < WARM_ROUNDS; round++) {
        phase(run + "-warm-on" + round, TICKETS_PER_PHASE, true);
        phase(run + "-warm-off" + round, TICKETS_PER_PHASE, false);
        data.leaveForHandTriage();
      }
      double[] on = new double[ROUNDS];
      double[] off = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        on[round] = phase(run + "-on" + round, TICKETS_PER_PHASE, true);
        off[round] = phase(run + "-off" + round, TICKETS_PER_PHASE, false);
        data.leaveForHandTriage(); // what routing off left is not routed later by the sweep
      }
      // each round's cost from its own pair of phases, run back to back: this machine's speed
      // drifts by a third within a minute (other tenants), far more than within a pair; the
      // figure is the median round's
      double[] cost = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        cost[round] = 100 * (1 - on[round] / off[round]);
      }
      double[] sorted = cost.clone();
      java.util.Arrays.sort(sorted);
      report(
          String.format(
              "ingest with routing on: %s messages/s; off: %s messages/s; cost per round: %s %%;"
                  + " routing costs %.0f %% of the throughput (median round; target: under 33 %%)",
              rates(on), rates(off), rates(cost), sorted[ROUNDS / 2]));
      decisions(run);
    } finally {
      System.clearProperty("helpdesk.routing");
      heartbeat.shutdownNow();
      data.setAvailability(agents, "OFFLINE");
      agents.forEach(a -> connections.write("bench", a, 0));
      rules.forEach(r -> admin.delete("api/v1/routing/rules/" + r));
    }
  }

  static String rates(double[] r) {
    return String.join(
        ", ", java.util.Arrays.stream(r).mapToObj(x -> String.format("%,.0f", x)).toList());
  }

  /** Each shopper: a new ticket, then a follow-up; messages per second over the phase. */
  double phase(String prefix, int tickets, boolean routing) throws Exception {
    System.setProperty("helpdesk.routing", routing ? "on" : "off");
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      workers.add(
          () -> {
            for (int i; (i = next.getAndIncrement()) < tickets; ) {
              ingest.ingest(message(prefix, i, 0));
              ingest.ingest(message(prefix, i, 1));
            }
            return null;
          });
    }
    long t0 = System.nanoTime();
    runAll(workers, THREADS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double rate = 2 * tickets / seconds;
    if (!prefix.contains("-warm")) {
      report(
          String.format(
              "  %s: %,d tickets, %,d messages in %.1f s = %,.0f messages/s (routing %s, %d threads)",
              prefix.substring(prefix.indexOf('-') + 1),
              tickets,
              2 * tickets,
              seconds,
              rate,
              routing ? "on" : "off",
              THREADS));
    }
    return rate;
  }

  /** Tickets stored with routing off, each routed by a direct call, timed. */
  void decisions(String run) throws Exception {
    phase(run + "-dec", DECISIONS, false);
    List<Long> ids = data.unrouted();
    ConcurrentLinkedQueue<Long> todo = new ConcurrentLinkedQueue<>(ids);
    long[] nanos = new long[ids.size()];
    AtomicInteger done = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      workers.add(
          () -> {
            for (Long id; (id = todo.poll()) != null; ) {
              long t0 = System.nanoTime();
              router.route(id);
              nanos[done.getAndIncrement()] = System.nanoTime() - t0;
            }
            return null;
          });
    }
    runAll(workers, 2);
    Arrays.sort(nanos);
    long[] outcome = data.routedOutcome(ids);
    report(
        String.format(
            "routing decision (topic, %d rules, assignment among %d agents, timeline), %,d tickets"
                + " from 2 threads: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms;"
                + " %,d given a team, %,d assigned",
            RULES,
            AGENTS,
            nanos.length,
            ms(nanos, 0.50),
            ms(nanos, 0.95),
            ms(nanos, 0.99),
            nanos[nanos.length - 1] / 1e6,
            outcome[0],
            outcome[1]));
  }

  /**
   * Rule k of a large store's set: the last 16 send each topic and language to a team; the others
   * are the kind admins pile up (campaign keywords, order-number patterns, big carts, VIPs, chats
   * at the payment step), most of which match few tickets.
   */
  static Map<String, Object> rule(int k, String run, List<Long> teams) {
    List<Map<String, Object>> when = new ArrayList<>();
    List<Map<String, Object>> then = new ArrayList<>();
    int topicRules = 16;
    if (k >= RULES - topicRules) {
      int j = k - (RULES - topicRules);
      when.add(cond("topic", "in", TOPICS[j % 8]));
      when.add(cond("language", "in", j < 8 ? "en" : "ar"));
      then.add(Map.of("type", "setTeam", "value", Long.toString(teams.get(j % TEAMS))));
    } else {
      switch (k % 5) {
        case 0 -> {
          when.add(cond("keywords", "any", "campaign" + k, "promo week " + k, "عرض " + k));
          then.add(Map.of("type", "addTags", "values", List.of("campaign-" + k)));
        }
        case 1 -> {
          when.add(cond("text", "matches", "(?:ref|order)\\s*[A-Z]{2}-" + k + "\\b"));
          then.add(Map.of("type", "setPriority", "value", "HIGH"));
        }
        case 2 -> {
          when.add(cond("channel", "in", "CHAT"));
          when.add(cond("checkoutStep", "in", "payment", "review"));
          then.add(Map.of("type", "setPriority", "value", "HIGH"));
        }
        case 3 -> {
          when.add(cond("orderValue", "atLeast", Integer.toString(500 + k * 10)));
          then.add(Map.of("type", "addTags", "values", List.of("big-cart")));
        }
        default -> {
          when.add(cond("vip", "is", "true"));
          when.add(cond("topic", "in", TOPICS[k % 7]));
          then.add(Map.of("type", "setPriority", "value", "URGENT"));
        }
      }
    }
    return Map.of("name", "bench " + run + " " + k, "conditions", when, "actions", then);
  }

  static Map<String, Object> cond(String field, String op, String... values) {
    return Map.of("field", field, "op", op, "values", List.of(values));
  }

  static InboundMessage message(String prefix, int i, int n) {
    String[] q = QUESTIONS[i % QUESTIONS.length];
    String text =
        n == 0
            ? q[1] + " (order " + (100_000 + i) + ")"
            : "ar".equals(q[0]) ? "أي تحديث؟ ما زلت أنتظر" : "Any update? Still waiting.";
    return new InboundMessage(
        Channel.EMAIL,
        "bench",
        prefix + "-" + i + "-" + n,
        List.of(prefix + "-conv-" + i),
        new SenderIdentity(
            IdentityKind.EMAIL, prefix + "-shopper-" + i + "@example.com", "Shopper " + i),
        n == 0 ? null : "Re: my question",
        text,
        null,
        List.of(),
        null,
        Map.of("language", q[0]));
  }

  private void runAll(List<Callable<Void>> workers, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n, threads);
    try {
      for (Future<Void> f : pool.invokeAll(workers)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  static long id(Api.Response r, int status) {
    check(r, status);
    return r.json().getJsonNumber("id").longValue();
  }

  static void check(Api.Response r, int status) {
    if (r.status() != status) {
      throw new AssertionError(r.toString());
    }
  }

  static Path out() throws IOException {
    Path dir = Path.of(System.getProperty("helpdesk.bench.dir", "target/bench"));
    Files.createDirectories(dir);
    return dir.resolve("routing-results.txt");
  }

  static void report(String line) throws IOException {
    System.out.println("BENCH " + line);
    Files.writeString(out(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
