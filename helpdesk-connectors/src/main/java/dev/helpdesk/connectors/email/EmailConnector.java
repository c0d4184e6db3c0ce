package dev.helpdesk.connectors.email;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.OutboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends replies over SMTP. A mailbox's own {@code smtp.host} (and {@code smtp.port}, {@code
 * smtp.user}, {@code smtp.password}, {@code smtp.security} = none / starttls / ssl) wins; otherwise
 * the server's mail session (configured by CLI) is used. A 5xx answer or a refused address is
 * permanent; everything else (no connection, 4xx) is retried by the outbound queue.
 */
public final class EmailConnector implements ChannelConnector {
  private final Session defaultSession;

  /** A connector sending through {@code defaultSession} when the mailbox names no SMTP server. */
  public EmailConnector(Session defaultSession) {
    this.defaultSession = defaultSession;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage message) throws DeliveryException {
    String mailbox = message.account().get("address");
    if (mailbox == null || !mailbox.contains("@")) {
      throw new DeliveryException("the ticket has no mailbox to send from", true);
    }
    Session session = session(message.account());
    try {
      MimeMessage mail = EmailComposer.compose(session, message, mailbox);
      String user = message.account().get("smtp.user");
      if (user != null && message.account().get("smtp.host") != null) {
        Transport.send(mail, user, message.account().get("smtp.password"));
      } else {
        Transport.send(mail);
      }
      return new DeliveryReceipt(EmailComposer.messageId(message, mailbox));
    } catch (SMTPAddressFailedException e) {
      throw new DeliveryException(
          "recipient refused: " + e.getReturnCode() + " " + e.getMessage().strip(),
          e.getReturnCode() >= 500);
    } catch (SMTPSendFailedException e) {
      throw new DeliveryException(
          "SMTP " + e.getReturnCode() + ": " + e.getMessage().strip(), e.getReturnCode() >= 500);
    } catch (SendFailedException e) {
      boolean invalid = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
      throw new DeliveryException("send failed: " + e.getMessage(), invalid);
    } catch (MessagingException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new DeliveryException(
          "SMTP server not reachable: " + cause.getClass().getSimpleName() + " " + e.getMessage(),
          false);
    }
  }

  private Session session(Map<String, String> account) {
    String host = account.get("smtp.host");
    if (host == null || host.isBlank()) {
      return defaultSession;
    }
    String security = account.getOrDefault("smtp.security", "none");
    Properties p = new Properties();
    String proto = security.equals("ssl") ? "smtps" : "smtp";
    p.setProperty("mail.transport.protocol", proto);
    p.setProperty("mail." + proto + ".host", host);
    p.setProperty(
        "mail." + proto + ".port",
        account.getOrDefault("smtp.port", security.equals("ssl") ? "465" : "587"));
    p.setProperty("mail." + proto + ".connectiontimeout", "10000");
    p.setProperty("mail." + proto + ".timeout", "30000");
    p.setProperty("mail." + proto + ".writetimeout", "30000");
    if (account.get("smtp.user") != null) {
      p.setProperty("mail." + proto + ".auth", "true");
    }
    if (security.equals("starttls")) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    return Session.getInstance(p);
  }
}
