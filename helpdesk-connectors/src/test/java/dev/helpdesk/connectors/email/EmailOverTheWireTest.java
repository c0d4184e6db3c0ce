package dev.helpdesk.connectors.email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.OutboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP and IMAP halves against a real mail server (GreenMail on free ports). */
class EmailOverTheWireTest {
  private GreenMail mail;

  @BeforeEach
  void start() {
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    mail.start();
    mail.setUser("support@store.test", "support", "secret");
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private Session smtp() {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
    return Session.getInstance(p);
  }

  private OutboundMessage reply(boolean automatic, List<OutboundMessage.OutboundAttachment> files) {
    return new OutboundMessage(
        77L,
        Channel.EMAIL,
        Map.of("address", "support@store.test", "fromName", "متجر الورد"),
        new SenderIdentity(IdentityKind.EMAIL, "layla@example.com", "ليلى حسن"),
        1042L,
        "تأخر الطلب [#1042]",
        "مرحباً ليلى،\n\nطلبك في الطريق.",
        null,
        "CAF=gmail01@mail.gmail.com",
        List.of("first@mail.example.com", "CAF=gmail01@mail.gmail.com", "not-an-email-id"),
        "Sam",
        files,
        automatic);
  }

  @Test
  void aReplyArrivesWithItsThreadHeadersAndArabicIntact() throws Exception {
    var receipt =
        new EmailConnector(smtp())
            .send(
                reply(
                    false,
                    List.of(
                        new OutboundMessage.OutboundAttachment(
                            "فاتورة.pdf", "application/pdf", "%PDF-1.4".getBytes()))));
    assertEquals("hd.77.1042@store.test", receipt.externalId());
    MimeMessage[] received = mail.getReceivedMessages();
    assertEquals(1, received.length);
    MimeMessage m = received[0];
    assertEquals("<hd.77.1042@store.test>", m.getHeader("Message-ID")[0]);
    assertEquals("<CAF=gmail01@mail.gmail.com>", m.getHeader("In-Reply-To")[0]);
    String refs = m.getHeader("References", " ");
    assertTrue(
        refs.contains("<first@mail.example.com>") && refs.contains("<CAF=gmail01@mail.gmail.com>"));
    assertFalse(refs.contains("not-an-email-id"));
    assertEquals("Re: تأخر الطلب [#1042]", m.getSubject());
    assertTrue(m.getHeader("Subject")[0].startsWith("=?UTF-8?"), "subject encoded for transport");
    assertNull(m.getHeader("Auto-Submitted"));

    // and our own parser reads it back as the shopper's client would show it
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    ParsedEmail back = new EmailParser(1 << 20).parse(raw.toByteArray(), "layla@example.com");
    InboundMessage in = back.message();
    assertEquals("support@store.test", in.sender().value());
    assertEquals("Sam | متجر الورد", in.sender().displayName());
    assertEquals("مرحباً ليلى،\n\nطلبك في الطريق.", in.text());
    assertTrue(in.html().contains("طلبك في الطريق"));
    assertEquals("فاتورة.pdf", in.attachments().get(0).filename());
    assertArrayEquals("%PDF-1.4".getBytes(), in.attachments().get(0).data());
  }

  @Test
  void automaticRepliesSayTheyAre() throws Exception {
    new EmailConnector(smtp()).send(reply(true, List.of()));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("auto-replied", m.getHeader("Auto-Submitted")[0]);
    assertEquals("All", m.getHeader("X-Auto-Response-Suppress")[0]);
  }

  @Test
  void anUnreachableServerIsATemporaryFailure() {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", "1"); // nothing listens there
    p.setProperty("mail.smtp.connectiontimeout", "2000");
    DeliveryException e =
        assertThrows(
            DeliveryException.class,
            () -> new EmailConnector(Session.getInstance(p)).send(reply(false, List.of())));
    assertFalse(e.isPermanent());
  }

  @Test
  void theMailboxGivesNewMailsByUidOnceAndInOrder() throws Exception {
    for (int i = 1; i <= 5; i++) {
      GreenMailUtil.sendTextEmail(
          "support@store.test",
          "shopper" + i + "@example.com",
          "Question " + i,
          "Body " + i,
          mail.getSmtp().getServerSetup());
    }
    ImapMailbox.Settings settings =
        ImapMailbox.Settings.of(
            Map.of(
                "imap.host", "127.0.0.1",
                "imap.port", String.valueOf(mail.getImap().getPort()),
                "imap.user", "support",
                "imap.password", "secret"));
    try (ImapMailbox box = ImapMailbox.open(settings)) {
      long validity = box.uidValidity();
      long[] all = box.uidsAfter(0);
      assertEquals(5, all.length);
      List<ImapMailbox.FetchedMail> first = box.fetch(Arrays.copyOf(all, 3), 1 << 20);
      assertEquals(3, first.size());
      EmailParser parser = new EmailParser(1 << 20);
      assertEquals(
          "Question 1", parser.parse(first.get(0).raw(), "support@store.test").message().subject());
      long last = first.get(2).uid();
      List<ImapMailbox.FetchedMail> rest = box.fetch(box.uidsAfter(last), 1 << 20);
      assertEquals(2, rest.size());
      assertEquals(
          "shopper5@example.com",
          parser.parse(rest.get(1).raw(), "support@store.test").message().sender().value());
      assertTrue(box.uidsAfter(rest.get(1).uid()).length == 0, "nothing new");
      List<ImapMailbox.FetchedMail> tooBig = box.fetch(Arrays.copyOf(all, 1), 10);
      assertNull(tooBig.get(0).raw(), "over the size limit: no bytes");
      assertEquals(validity, box.uidValidity());
    }
  }
}
