package dev.helpdesk.infrastructure.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.helpdesk.infrastructure.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/**
 * A local mail server for the dev run ({@code helpdesk.dev-mailbox=true}, set by the README's start
 * command; never on in production): GreenMail speaking real SMTP on 127.0.0.1:3025 and IMAP on
 * 127.0.0.1:3143, with the helpdesk's mailbox {@code support@helpdesk.local} polled every 2 s. Any
 * mail client can write to it; replies to shoppers land in the same server, where each address can
 * read its mail over IMAP (login and password: the address).
 */
@Singleton
@Startup
public class DevMailbox {
  private static final Logger LOG = Logger.getLogger(DevMailbox.class.getName());
  static final String ADDRESS = "support@helpdesk.local";

  private GreenMail server;

  @PostConstruct
  void start() {
    if (!Boolean.parseBoolean(
        ServerSettings.get("helpdesk.dev-mailbox", "HELPDESK_DEV_MAILBOX", "false"))) {
      return;
    }
    int smtp =
        Integer.parseInt(
            ServerSettings.get("helpdesk.dev-mailbox.smtp-port", "HELPDESK_DEV_SMTP_PORT", "3025"));
    int imap =
        Integer.parseInt(
            ServerSettings.get("helpdesk.dev-mailbox.imap-port", "HELPDESK_DEV_IMAP_PORT", "3143"));
    try {
      server =
          new GreenMail(
              new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
              });
      server.start();
      server.setUser(ADDRESS, ADDRESS, ADDRESS);
    } catch (RuntimeException e) {
      LOG.warning("dev mailbox not started (ports " + smtp + "/" + imap + " in use?): " + e);
      server = null;
      return;
    }
    setIfAbsent("helpdesk.mailbox.address", ADDRESS);
    setIfAbsent("helpdesk.mailbox.name", "Demo Store Support");
    setIfAbsent("helpdesk.mailbox.imap-host", "127.0.0.1");
    setIfAbsent("helpdesk.mailbox.imap-port", String.valueOf(imap));
    setIfAbsent("helpdesk.mailbox.imap-user", ADDRESS);
    setIfAbsent("helpdesk.mailbox.imap-password", ADDRESS);
    setIfAbsent("helpdesk.mailbox.poll-seconds", "2");
    setIfAbsent("helpdesk.mailbox.auto-reply", "true");
    LOG.warning(
        "\n\n  Dev mailbox (GreenMail): write to "
            + ADDRESS
            + " through SMTP 127.0.0.1:"
            + smtp
            + " (no login), e.g.\n"
            + "    curl smtp://127.0.0.1:"
            + smtp
            + " --mail-from you@example.com --mail-rcpt "
            + ADDRESS
            + " -T mail.eml\n"
            + "  Replies to shoppers arrive on the same server: IMAP 127.0.0.1:"
            + imap
            + ", login and password = the shopper's address.\n");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @PreDestroy
  void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
