package dev.helpdesk.application;

import dev.helpdesk.connectors.spi.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this node has done since it started, for the operations metrics (Prometheus counters; a
 * scraper sums the nodes): messages stored per channel, duplicates met, replies sent, delivery
 * attempts that failed and replies given up on.
 */
@ApplicationScoped
public class OperationsCounters {
  private final Map<Channel, LongAdder> ingested = new EnumMap<>(Channel.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder failedAttempts = new LongAdder();
  private final LongAdder failed = new LongAdder();

  public OperationsCounters() {
    for (Channel c : Channel.values()) {
      ingested.put(c, new LongAdder());
    }
  }

  void stored(Channel channel, IngestResult r) {
    (r.duplicate() ? duplicates : ingested.get(channel)).increment();
  }

  void sent() {
    sent.increment();
  }

  void failedAttempt(boolean gaveUp) {
    failedAttempts.increment();
    if (gaveUp) {
      failed.increment();
    }
  }

  /** A snapshot: stored per channel, duplicates, sent, failed attempts, failed. */
  public record Snapshot(
      Map<Channel, Long> ingested, long duplicates, long sent, long failedAttempts, long failed) {}

  public Snapshot snapshot() {
    Map<Channel, Long> m = new EnumMap<>(Channel.class);
    ingested.forEach((c, n) -> m.put(c, n.sum()));
    return new Snapshot(m, duplicates.sum(), sent.sum(), failedAttempts.sum(), failed.sum());
  }
}
