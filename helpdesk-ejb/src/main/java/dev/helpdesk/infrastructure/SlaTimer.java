package dev.helpdesk.infrastructure;

import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import dev.helpdesk.application.SlaClock;
import dev.helpdesk.application.Surveys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Ticks the SLA clocks every {@code helpdesk.sla.tick-ms} (10 s), on every node ({@link SlaClock}
 * announces each warning and breach once across nodes); the notices go out after the tick
 * committed. Then sends the satisfaction surveys that are due ({@link Surveys}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SlaTimer {
  private static final Logger LOG = Logger.getLogger(SlaTimer.class.getName());

  @Resource TimerService timers;
  @Inject SlaClock clock;
  @Inject Surveys surveys;
  @Inject RealtimeHub hub;

  private final AtomicBoolean running = new AtomicBoolean();

  @PostConstruct
  void start() {
    long tick =
        Long.parseLong(ServerSettings.get("helpdesk.sla.tick-ms", "HELPDESK_SLA_TICK_MS", "10000"));
    timers.createIntervalTimer(tick, tick, new TimerConfig("sla-clock", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      for (RealtimeEvent e : clock.tick(Instant.now())) {
        hub.publish(e);
      }
      surveys.sendDue(Instant.now());
    } catch (RuntimeException e) {
      LOG.warning("SLA clock: " + e);
    } finally {
      running.set(false);
    }
  }
}
