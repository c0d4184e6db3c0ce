package dev.helpdesk.infrastructure.mail;

import dev.helpdesk.connectors.email.EmailConnector;
import dev.helpdesk.connectors.spi.ChannelConnector;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.mail.Session;

/**
 * The e-mail connector, sending through the server's mail session {@code java:jboss/mail/helpdesk}
 * (SMTP host and port from {@code HELPDESK_SMTP_HOST}/{@code HELPDESK_SMTP_PORT}, see
 * configure.cli) unless a mailbox names its own SMTP server.
 */
@ApplicationScoped
public class EmailConnectorProducer {
  @Resource(lookup = "java:jboss/mail/helpdesk")
  Session session;

  @Produces
  ChannelConnector email() {
    return new EmailConnector(session);
  }
}
