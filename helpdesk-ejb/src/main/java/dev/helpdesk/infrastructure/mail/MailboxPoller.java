package dev.helpdesk.infrastructure.mail;

import dev.helpdesk.application.MailboxService;
import dev.helpdesk.connectors.email.ImapMailbox;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.infrastructure.ServerSettings;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Polls every active mailbox that has an IMAP server, each at its own interval ({@code
 * pollSeconds}, default 60). One EJB timer ticks every {@code helpdesk.mail.tick-ms} (1 s) and
 * polls the mailboxes that are due; a tick that finds the previous one still running does nothing.
 * {@code HELPDESK_MAIL_POLL=false} turns polling off on a node (see README: scaling out).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MailboxPoller {
  private static final Logger LOG = Logger.getLogger(MailboxPoller.class.getName());

  @Resource TimerService timers;
  @Inject MailboxService mailboxes;
  @PersistenceContext EntityManager em;

  private final AtomicBoolean running = new AtomicBoolean();
  private final Map<Long, Instant> lastPoll = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    if (!Boolean.parseBoolean(
        ServerSettings.get("helpdesk.mail.poll", "HELPDESK_MAIL_POLL", "true"))) {
      LOG.info("mailbox polling is off on this node");
      return;
    }
    long tick =
        Long.parseLong(
            ServerSettings.get("helpdesk.mail.tick-ms", "HELPDESK_MAIL_TICK_MS", "1000"));
    timers.createIntervalTimer(tick, tick, new TimerConfig("mailbox-poller", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      List<ChannelAccount> accounts =
          em.createQuery(
                  "select a from ChannelAccount a where a.channel = :c and a.active = true",
                  ChannelAccount.class)
              .setParameter("c", Channel.EMAIL)
              .getResultList();
      Instant now = Instant.now();
      for (ChannelAccount a : accounts) {
        Map<String, String> s = a.getSettings();
        if (s.get("imap.host") == null) {
          continue; // an outbound-only mailbox
        }
        Instant last = lastPoll.get(a.getId());
        if (last != null && last.plusSeconds(ImapMailbox.pollSeconds(s)).isAfter(now)) {
          continue;
        }
        lastPoll.put(a.getId(), now);
        mailboxes.poll(a.getId());
      }
    } catch (RuntimeException e) {
      LOG.warning("mailbox poll tick failed: " + e);
    } finally {
      em.clear();
      running.set(false);
    }
  }
}
