package dev.helpdesk.infrastructure.mail;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.infrastructure.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * A mailbox configured by the environment (or system properties) rather than the admin API: when
 * {@code HELPDESK_MAILBOX_ADDRESS} is set, the e-mail channel account for it is created or updated
 * on start with {@code HELPDESK_IMAP_HOST}, {@code _PORT}, {@code _SECURITY}, {@code _USER}, {@code
 * _PASSWORD}, {@code _FOLDER}, {@code HELPDESK_MAILBOX_POLL_SECONDS}, {@code
 * HELPDESK_MAILBOX_AUTO_REPLY} and {@code HELPDESK_MAILBOX_NAME}.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "DevMailbox"})
public class MailboxFromEnvironment {
  private static final Logger LOG = Logger.getLogger(MailboxFromEnvironment.class.getName());

  @PersistenceContext EntityManager em;

  @PostConstruct
  void configure() {
    String address =
        ServerSettings.get("helpdesk.mailbox.address", "HELPDESK_MAILBOX_ADDRESS", null);
    if (address == null) {
      return;
    }
    address = address.toLowerCase(java.util.Locale.ROOT);
    Map<String, String> values = new TreeMap<>();
    put(values, "imap.host", "helpdesk.mailbox.imap-host", "HELPDESK_IMAP_HOST");
    put(values, "imap.port", "helpdesk.mailbox.imap-port", "HELPDESK_IMAP_PORT");
    put(values, "imap.security", "helpdesk.mailbox.imap-security", "HELPDESK_IMAP_SECURITY");
    put(values, "imap.user", "helpdesk.mailbox.imap-user", "HELPDESK_IMAP_USER");
    put(values, "imap.password", "helpdesk.mailbox.imap-password", "HELPDESK_IMAP_PASSWORD");
    put(values, "imap.folder", "helpdesk.mailbox.imap-folder", "HELPDESK_IMAP_FOLDER");
    put(values, "pollSeconds", "helpdesk.mailbox.poll-seconds", "HELPDESK_MAILBOX_POLL_SECONDS");
    put(values, "autoReply", "helpdesk.mailbox.auto-reply", "HELPDESK_MAILBOX_AUTO_REPLY");
    String name = ServerSettings.get("helpdesk.mailbox.name", "HELPDESK_MAILBOX_NAME", "Support");
    List<ChannelAccount> found =
        em.createQuery(
                "select a from ChannelAccount a where a.channel = :c and a.address = :a",
                ChannelAccount.class)
            .setParameter("c", Channel.EMAIL)
            .setParameter("a", address)
            .getResultList();
    ChannelAccount account;
    if (found.isEmpty()) {
      account = new ChannelAccount(Channel.EMAIL, address, name);
      em.persist(account);
    } else {
      account = found.get(0);
      account.setName(name);
    }
    Map<String, String> settings = account.getSettings();
    settings.putAll(values);
    account.setSettings(settings);
    LOG.info(
        "mailbox "
            + address
            + " configured from the environment"
            + (values.containsKey("imap.host")
                ? " (IMAP "
                    + values.get("imap.host")
                    + ":"
                    + values.getOrDefault("imap.port", "143")
                    + ")"
                : " (outbound only)"));
  }

  private static void put(Map<String, String> m, String key, String property, String env) {
    String v = ServerSettings.get(property, env, null);
    if (v != null) {
      m.put(key, v);
    }
  }
}
