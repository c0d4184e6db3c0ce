package dev.helpdesk.application.internal;

import dev.helpdesk.application.Presence;
import dev.helpdesk.application.StaffFeed;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/** Periodic upkeep of this node: its presence heartbeat and the staff journal's retention. */
@Singleton
@Startup
public class Housekeeping {
  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  /** How long a closed tab can stay away and still resume from the journal. */
  static final Duration JOURNAL_RETENTION = Duration.ofHours(24);

  @Inject Presence presence;
  @Inject StaffFeed feed;

  @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
  void heartbeat() {
    presence.heartbeat();
  }

  @Schedule(hour = "*", minute = "17", persistent = false)
  void pruneJournal() {
    int n = feed.prune(Instant.now().minus(JOURNAL_RETENTION));
    if (n > 0) {
      LOG.info("staff journal: " + n + " events older than " + JOURNAL_RETENTION + " removed");
    }
  }
}
