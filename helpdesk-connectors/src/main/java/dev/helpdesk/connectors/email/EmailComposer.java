package dev.helpdesk.connectors.email;

import dev.helpdesk.connectors.spi.OutboundMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Builds the e-mail for a reply: our own stable Message-ID (the same message gives the same id on
 * every attempt), In-Reply-To and References to the thread, {@code [#ref]} in the subject, From the
 * mailbox address with the agent's name, text + HTML alternatives, attachments, and UTF-8 encoded
 * words for Arabic subjects and names.
 */
public final class EmailComposer {
  /** References kept: the first (thread root) and the latest ones, as mail clients do. */
  private static final int MAX_REFERENCES = 20;

  private EmailComposer() {}

  /** Our Message-ID for a stored message: {@code hd.<message id>.<ticket>@<mailbox domain>}. */
  public static String messageId(OutboundMessage m, String mailbox) {
    String domain = mailbox.substring(mailbox.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    return "hd." + m.messageId() + "." + m.ticketReference() + "@" + domain;
  }

  public static MimeMessage compose(Session session, OutboundMessage m, String mailbox)
      throws MessagingException {
    String id = messageId(m, mailbox);
    MimeMessage mail =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
          }
        };
    try {
      String team = m.account().getOrDefault("fromName", null);
      String name =
          m.authorName() == null
              ? team
              : team == null ? m.authorName() : m.authorName() + " | " + team;
      mail.setFrom(new InternetAddress(mailbox, name, "UTF-8"));
      String replyTo = m.account().get("replyTo");
      if (replyTo != null && !replyTo.isBlank()) {
        mail.setReplyTo(InternetAddress.parse(replyTo));
      }
      mail.setRecipient(
          MimeMessage.RecipientType.TO,
          new InternetAddress(m.recipient().value(), m.recipient().displayName(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    String subject = m.subject() == null ? "[#" + m.ticketReference() + "]" : m.subject();
    if (m.inReplyTo() != null && !subject.regionMatches(true, 0, "Re:", 0, 3)) {
      subject = "Re: " + subject;
    }
    mail.setSubject(subject, "UTF-8");
    mail.setSentDate(new Date());
    List<String> refs = new ArrayList<>();
    for (String k : m.threadKeys()) {
      if (k.contains("@") && !k.equals(id)) {
        refs.add(k);
      }
    }
    if (refs.size() > MAX_REFERENCES) {
      List<String> kept = new ArrayList<>(refs.subList(0, 1));
      kept.addAll(refs.subList(refs.size() - (MAX_REFERENCES - 1), refs.size()));
      refs = kept;
    }
    if (m.inReplyTo() != null && m.inReplyTo().contains("@")) {
      mail.setHeader("In-Reply-To", "<" + m.inReplyTo() + ">");
      if (!refs.contains(m.inReplyTo())) {
        refs.add(m.inReplyTo());
      }
    }
    if (!refs.isEmpty()) {
      mail.setHeader(
          "References",
          MimeUtility.fold(12, String.join(" ", refs.stream().map(r -> "<" + r + ">").toList())));
    }
    if (m.automatic()) {
      mail.setHeader("Auto-Submitted", "auto-replied");
      mail.setHeader("X-Auto-Response-Suppress", "All");
      mail.setHeader("Precedence", "auto_reply");
    }
    mail.setHeader("X-Helpdesk-Ticket", String.valueOf(m.ticketReference()));

    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(m.text(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(m.html() != null ? wrap(m.html()) : wrap(toHtml(m.text())), "UTF-8", "html");
    alternative.addBodyPart(html);
    if (m.attachments().isEmpty()) {
      mail.setContent(alternative);
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      mixed.addBodyPart(body);
      for (OutboundMessage.OutboundAttachment a : m.attachments()) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.data(), a.contentType())));
        try {
          part.setFileName(MimeUtility.encodeText(a.filename(), "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
          throw new IllegalStateException(e);
        }
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(part);
      }
      mail.setContent(mixed);
    }
    mail.saveChanges();
    return mail;
  }

  private static String wrap(String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div dir=\"auto\">"
        + body
        + "</div></body></html>";
  }

  /** Plain text as HTML: escaped, paragraphs and line breaks kept. */
  static String toHtml(String text) {
    String escaped =
        text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
    StringBuilder b = new StringBuilder();
    for (String para : escaped.replace("\r\n", "\n").split("\n{2,}")) {
      b.append("<p>").append(para.replace("\n", "<br>")).append("</p>");
    }
    return b.toString();
  }
}
