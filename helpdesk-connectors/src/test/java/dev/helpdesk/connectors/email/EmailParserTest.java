package dev.helpdesk.connectors.email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.connectors.spi.InboundAttachment;
import dev.helpdesk.connectors.spi.InboundMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The e-mail corpus in src/test/resources/email: what an agent would see of each mail. */
class EmailParserTest {
  private final EmailParser parser = new EmailParser(100 * 1024);

  static byte[] fixture(String name) {
    try (InputStream in = EmailParserTest.class.getResourceAsStream("/email/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ParsedEmail parse(String name) throws MalformedEmailException {
    return parser.parse(fixture(name), "support@store.test");
  }

  static Stream<String> corpus() throws Exception {
    Path dir = Path.of(EmailParserTest.class.getResource("/email/").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".eml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void everyMailOfTheCorpusBecomesAMessageOrAClearRefusal(String name) {
    try {
      ParsedEmail e = parse(name);
      InboundMessage m = e.message();
      assertNotNull(m.externalId());
      assertFalse(m.externalId().contains("<"), "Message-ID without brackets");
      assertTrue(m.sender().value().contains("@"));
      assertFalse(m.text().isBlank(), name + " has visible text");
      assertNotNull(m.raw(), "raw message kept");
      if (m.html() != null) {
        assertFalse(m.html().toLowerCase().contains("<script"), "sanitised");
        assertFalse(m.html().toLowerCase().contains("onerror"), "sanitised");
      }
    } catch (MalformedEmailException e) {
      assertTrue(name.startsWith("22-") || name.startsWith("23-"), name + ": " + e.getMessage());
    }
  }

  @Test
  void gmailReplyKeepsWhatTheShopperWroteAndTheThread() throws Exception {
    ParsedEmail e = parse("01-gmail-reply.eml");
    InboundMessage m = e.message();
    assertEquals("CAF=gmail01@mail.gmail.com", m.externalId());
    assertEquals(List.of("hd.17.1042@store.test", "first@mail.example.com"), m.threadKeys());
    assertEquals("layla@example.com", m.sender().value());
    assertEquals("Layla Hassan", m.sender().displayName());
    assertEquals("Re: Your order #5531 has shipped [#1042]", m.subject());
    assertEquals("Thanks, the parcel arrived this morning. Everything is fine!", m.text());
    assertTrue(m.fullText().contains("> Hello Layla, your order #5531 left our warehouse"));
    assertTrue(m.html().contains("Everything is fine!"));
    assertEquals(ParsedEmail.Automatic.NONE, e.automatic());
    assertNull(e.bounce());
  }

  @Test
  void arabicGmailReplyIsTrimmedAtItsArabicQuoteHeader() throws Exception {
    InboundMessage m = parse("02-gmail-arabic-reply.eml").message();
    assertEquals("ليلى حسن", m.sender().displayName());
    assertEquals("رد: تم شحن طلبك", m.subject());
    assertEquals("شكراً، وصل الطلب اليوم لكن ينقصه قطعة واحدة.", m.text());
    assertEquals("ar", m.metadata().get(InboundMessage.LANGUAGE));
    assertTrue(m.html().contains("dir=\"rtl\""));
  }

  @Test
  void outlookRepliesLoseTheirQuotedHeaderBlocks() throws Exception {
    InboundMessage m = parse("03-outlook-reply.eml").message();
    assertEquals(
        "Hi, I still have not received a refund for the returned shoes \u2013 it\u2019s been 10"
            + " days.\n\nBest,\nMark",
        m.text());
    assertEquals(
        "Please send the invoice as PDF.",
        parse("04-outlook-original-message.eml").message().text());
    InboundMessage arabic = parse("05-outlook-arabic-1256.eml").message();
    assertEquals("إلغاء الطلب", arabic.subject());
    assertEquals("أرجو إلغاء الطلب رقم 7781 واسترداد المبلغ.", arabic.text());
  }

  @Test
  void appleAndThunderbirdQuotesAndSignaturesAreTrimmed() throws Exception {
    assertEquals(
        "Please change the address to 12 King Street, Leeds.",
        parse("06-apple-mail-reply.eml").message().text());
    ParsedEmail tb = parse("08-thunderbird-reply.eml");
    assertEquals("The code WINTER10 still says expired.", tb.message().text());
    assertTrue(tb.message().fullText().contains("Berg Outdoor GmbH"));
    assertEquals(
        "Can you gift wrap order 9912?", parse("42-signature-delimiter.eml").message().text());
    assertEquals(
        "هل يمكن التوصيل إلى جدة؟", parse("41-arabic-mobile-signature.eml").message().text());
    assertEquals("Merci, c'est reçu.", parse("51-french-quote.eml").message().text());
  }

  @Test
  void inlineAnswersStayAndAMailThatIsOnlyAQuoteIsNotEmptied() throws Exception {
    assertEquals(
        "> Which colour do you want?\nBlue please.\n\n> Which size?\nMedium.",
        parse("43-inline-replies.eml").message().text());
    assertTrue(parse("44-only-quote.eml").message().text().contains("Hello, how can we help?"));
  }

  @Test
  void inlineImagesKeepTheirContentIdForTheHtml() throws Exception {
    InboundMessage m = parse("07-apple-inline-image.eml").message();
    assertEquals("The mug arrived broken, see the photo.", m.text());
    assertTrue(m.html().contains("cid:photo1"));
    InboundAttachment img = m.attachments().get(0);
    assertEquals("IMG_0001.png", img.filename());
    assertEquals("photo1@icloud.example", img.contentId());
    assertEquals("image/png", img.contentType());
    assertEquals(70, img.data().length);

    InboundMessage deep = parse("47-nested-deep.eml").message();
    assertEquals("Nested text body.", deep.text());
    assertTrue(deep.html().contains("<b>html</b>"));
    assertEquals(2, deep.attachments().size());
    assertEquals("logo47", deep.attachments().get(0).contentId());
    assertEquals("order.pdf", deep.attachments().get(1).filename());
  }

  @Test
  void textOnlyMailAndUpperCaseAddress() throws Exception {
    InboundMessage m = parse("09-text-only.eml").message();
    assertEquals("sam.buyer@example.com", m.sender().value());
    assertEquals("Sam Buyer", m.sender().displayName());
    assertEquals(
        "My card was declined at the payment step but the money is gone.\nOrder 8812.", m.text());
    assertNull(m.html());
    assertNull(m.fullText());
  }

  @Test
  void htmlOnlyMailIsSanitisedAndGivesItsText() throws Exception {
    InboundMessage m = parse("10-html-only-script.eml").message();
    assertFalse(m.html().contains("alert"));
    assertFalse(m.html().contains("javascript:"));
    assertFalse(m.html().contains("display:none"));
    assertTrue(m.html().contains("<b>Pay now</b>"));
    assertEquals("The Pay now button does nothing.\nTried twice.\nlink", m.text());

    InboundMessage ar = parse("11-html-only-arabic-1256.eml").message();
    assertEquals("مشكلة في الدفع", ar.subject());
    assertEquals("لم يصلني رمز التحقق عند الدفع.\nشكراً", ar.text());
  }

  @Test
  void arabicCharsetsAndHeaderEncodings() throws Exception {
    InboundMessage iso = parse("12-iso-8859-6.eml").message();
    assertEquals("استرجاع", iso.subject());
    assertEquals("أريد استرجاع المنتج لأنه لا يناسبني.", iso.text());
    InboundMessage win = parse("13-windows-1256-8bit.eml").message();
    assertEquals("الشحن متأخر", win.subject());
    assertEquals("متى سيصل طلبي؟ مضى أسبوعان.", win.text());
    assertEquals("مرحبا بكم", parse("14-split-encoded-word.eml").message().subject());
    InboundMessage raw = parse("15-raw-utf8-headers.eml").message();
    assertEquals("سؤال عن المقاس", raw.subject());
    assertEquals("فاطمة الزهراء", raw.sender().displayName());
    assertEquals(
        "رانيا سعيد", parse("49-encoded-arabic-name.eml").message().sender().displayName());
    assertEquals("Order #991 – شكرا", parse("50-q-encoded-subject.eml").message().subject());
    assertEquals(
        "A very long subject line about my order that wraps onto a second line",
        parse("48-bad-date-folded-subject.eml").message().subject());
    assertEquals("The café order — شكراً", parse("27-unknown-charset.eml").message().text());
  }

  @Test
  void attachmentNamesInEveryEncoding() throws Exception {
    assertEquals(
        "فاتورة.pdf", parse("16-attachment-rfc2231.eml").message().attachments().get(0).filename());
    assertEquals(
        "إيصال الدفع.pdf",
        parse("17-attachment-encoded-word-name.eml").message().attachments().get(0).filename());
    assertEquals(
        "damaged parcel photo – front.png",
        parse("18-attachment-rfc2231-continuation.eml").message().attachments().get(0).filename());
    InboundMessage mixed = parse("38-mixed-attachments.eml").message();
    assertEquals("Three documents attached.", mixed.text());
    assertEquals(
        List.of("label.pdf", "box.png", "serials.txt"),
        mixed.attachments().stream().map(InboundAttachment::filename).toList());
    assertArrayEquals("SN-001\r\nSN-002".getBytes(), mixed.attachments().get(2).data());
    assertEquals(
        "invite.ics", parse("39-calendar-invite.eml").message().attachments().get(0).filename());
    InboundMessage apple = parse("45-apple-text-image-text.eml").message();
    assertEquals("Here is the scratch:\n\nAnd it came like this in the box.", apple.text());
    assertEquals("scratch.png", apple.attachments().get(0).filename());
  }

  @Test
  void attachmentsOverTheLimitAreNamedNotKept() throws Exception {
    ParsedEmail e = parse("37-huge-attachment.eml");
    assertEquals(List.of("problem.mp4 (over 102400 bytes)"), e.skippedAttachments());
    assertEquals(1, e.message().attachments().size());
    assertEquals("small.png", e.message().attachments().get(0).filename());
    assertTrue(e.message().text().contains("not kept, over the size limit: problem.mp4"));
  }

  @Test
  void forwardedMailsShowTheirContentAndKeepTheOriginal() throws Exception {
    InboundMessage inline = parse("19-forwarded-inline.eml").message();
    assertTrue(inline.text().startsWith("See below, I was home all day!"));
    assertTrue(inline.text().contains("We could not deliver parcel CX-123"));
    assertEquals("message/rfc822", inline.attachments().get(0).contentType());
    InboundMessage attached = parse("20-forwarded-attachment.eml").message();
    assertEquals("Forwarding the courier mail as attachment.", attached.text());
    assertEquals("Delivery attempt failed.eml", attached.attachments().get(0).filename());
  }

  @Test
  void aMissingMessageIdGetsAStableSyntheticOne() throws Exception {
    String first = parse("21-no-message-id.eml").message().externalId();
    assertEquals(first, parse("21-no-message-id.eml").message().externalId());
    assertTrue(first.startsWith("sha256-"));
    assertFalse(
        first.equals(
            parser
                .parse(
                    (new String(fixture("21-no-message-id.eml")) + "another line\r\n").getBytes(),
                    "support@store.test")
                .message()
                .externalId()));
  }

  @Test
  void mailWithoutAnySenderIsRefusedWithTheReason() {
    MalformedEmailException e =
        assertThrows(MalformedEmailException.class, () -> parse("22-no-sender.eml"));
    assertTrue(e.getMessage().contains("no sender address"));
    assertThrows(MalformedEmailException.class, () -> parse("23-garbage-from.eml"));
  }

  @Test
  void brokenMimeStillShowsTheShoppersWords() throws Exception {
    assertEquals(
        "My order never arrived and the mail got cut off",
        parse("24-missing-end-boundary.eml").message().text());
    assertTrue(parse("25-wrong-boundary.eml").message().text().contains("The size chart is wrong"));
    assertEquals(
        "Please call me back about order 4411.", parse("26-broken-base64.eml").message().text());
  }

  @Test
  void automaticMailIsRecognised() throws Exception {
    assertEquals(ParsedEmail.Automatic.AUTO_REPLY, parse("28-auto-submitted.eml").automatic());
    assertEquals(ParsedEmail.Automatic.AUTO_REPLY, parse("29-exchange-ooo.eml").automatic());
    assertEquals(ParsedEmail.Automatic.BULK, parse("30-precedence-bulk.eml").automatic());
    assertEquals(ParsedEmail.Automatic.BULK, parse("31-mailing-list.eml").automatic());
    assertEquals(
        ParsedEmail.Automatic.SUPPRESSED, parse("32-auto-response-suppress.eml").automatic());
    assertEquals(ParsedEmail.Automatic.NONE, parse("33-auto-submitted-no.eml").automatic());
    assertEquals(
        "AUTO_REPLY",
        parse("28-auto-submitted.eml").message().metadata().get(EmailParser.AUTOMATIC));
  }

  @Test
  void bouncesNameTheMessageThatFailedAndWhy() throws Exception {
    ParsedEmail dsn = parse("34-bounce-dsn.eml");
    assertEquals(ParsedEmail.Automatic.BOUNCE, dsn.automatic());
    assertEquals("hd.17.1042@store.test", dsn.bounce().originalMessageId());
    assertEquals("gone@example.com", dsn.bounce().recipient());
    assertTrue(dsn.bounce().reason().contains("5.1.1"));
    assertTrue(dsn.bounce().reason().contains("User unknown"));
    ParsedEmail headersOnly = parse("35-bounce-headers-only.eml");
    assertEquals("hd.30.1050@store.test", headersOnly.bounce().originalMessageId());
    assertTrue(headersOnly.bounce().reason().contains("mailbox full"));
    ParsedEmail delayed = parse("36-delay-dsn.eml");
    assertNull(delayed.bounce(), "a delay is not a failure");
    assertEquals(ParsedEmail.Automatic.AUTO_REPLY, delayed.automatic());
  }

  @Test
  void ticketReferenceAndCcAreKept() throws Exception {
    assertEquals("Re: Order late [#1042]", parse("40-ticket-ref-subject.eml").message().subject());
    assertEquals(
        "partner@example.com,boss@example.com",
        parse("46-cc.eml").message().metadata().get(EmailParser.CC));
  }
}
