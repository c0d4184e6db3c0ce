package dev.helpdesk.connectors.email;

import dev.helpdesk.connectors.html.HtmlSanitizer;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundAttachment;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.connectors.text.Letters;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one e-mail (RFC 822 bytes) into an {@link InboundMessage}: sender, Message-ID (a stable
 * synthetic one from the bytes' hash when missing), the ids it answers (In-Reply-To, References),
 * subject and file names in any charset, text and sanitised HTML from any MIME shape (alternative,
 * mixed, related, nested message/rfc822, HTML-only, text-only), attachments and inline cid: images,
 * the visible text without quoted history, and whether the mail is automatic or a bounce.
 * Thread-safe; never throws for odd but readable mail, only {@link MalformedEmailException} when
 * there is no message to make (no sender address, unreadable structure).
 */
public final class EmailParser {
  /** Metadata key: why no automatic answer may go to this mail (absent for a person's mail). */
  public static final String AUTOMATIC = "emailAutomatic";

  /** Metadata key: the addresses the mail was also sent to (Cc), comma-separated. */
  public static final String CC = "emailCc";

  private static final int MAX_DEPTH = 20;
  private static final int MAX_PARTS = 500;
  private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
  private static final Pattern MAILER_DAEMON =
      Pattern.compile("(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@.*");
  private static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "(?i)^(auto(matic)?[ -]?reply|automatische antwort|réponse automatique|out of (the )?office"
              + "|respuesta automática|رد تلقائي|الرد التلقائي).*");

  private static final Session SESSION;

  static {
    Properties p = new Properties();
    p.setProperty("mail.mime.allowutf8", "true");
    p.setProperty("mail.mime.address.strict", "false");
    SESSION = Session.getInstance(p);
  }

  private final long maxAttachmentBytes;
  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  /** A parser keeping attachments up to {@code maxAttachmentBytes} each. */
  public EmailParser(long maxAttachmentBytes) {
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  /**
   * Parses one mail.
   *
   * @param raw the mail's bytes as the server returned them
   * @param mailbox the address of the mailbox it was fetched from (the channel account)
   */
  public ParsedEmail parse(byte[] raw, String mailbox) throws MalformedEmailException {
    MimeMessage m;
    try {
      // a shared stream: parts point into the mail's bytes instead of copying them
      m = new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
    } catch (MessagingException e) {
      throw new MalformedEmailException("unreadable message: " + e.getMessage(), e);
    }
    try {
      SenderIdentity sender = sender(m);
      String messageId = MailHeaders.messageId(header(m, "Message-ID"));
      if (messageId == null) {
        messageId = syntheticId(raw);
      }
      List<String> keys = new ArrayList<>(MailHeaders.messageIds(header(m, "In-Reply-To")));
      for (String r : MailHeaders.messageIds(header(m, "References"))) {
        if (!keys.contains(r)) {
          keys.add(r);
        }
      }
      keys.remove(messageId);
      String subject = MailHeaders.decode(header(m, "Subject"));
      Body body = new Body();
      walk(m, body, 0);
      String html = body.html.isEmpty() ? null : sanitizer.sanitize(body.html.toString());
      String full = body.text.toString().strip();
      if (full.isEmpty() && html != null) {
        full = HtmlSanitizer.toText(html);
      }
      for (String forwarded : body.forwarded) {
        full = full.isEmpty() ? forwarded : full + "\n\n" + forwarded;
      }
      String visible = QuoteTrimmer.visible(full);
      if (!body.skipped.isEmpty()) {
        String note = "[not kept, over the size limit: " + String.join(", ", body.skipped) + "]";
        visible = visible.isEmpty() ? note : visible + "\n\n" + note;
        full = full.isEmpty() ? note : full + "\n\n" + note;
      }
      ParsedEmail.Bounce bounce = bounce(m, sender, body);
      ParsedEmail.Automatic automatic =
          bounce != null ? ParsedEmail.Automatic.BOUNCE : automatic(m, subject);

      Map<String, String> metadata = new LinkedHashMap<>();
      if (automatic != ParsedEmail.Automatic.NONE) {
        metadata.put(AUTOMATIC, automatic.name());
      }
      String cc = cc(m);
      if (cc != null) {
        metadata.put(CC, cc);
      }
      String language = language(subject, visible);
      if (language != null) {
        metadata.put(InboundMessage.LANGUAGE, language);
      }
      InboundMessage message =
          new InboundMessage(
              Channel.EMAIL,
              mailbox,
              messageId,
              keys,
              sender,
              subject,
              visible,
              html,
              body.attachments,
              sentAt(m),
              metadata,
              full,
              raw);
      return new ParsedEmail(message, automatic, bounce, body.skipped);
    } catch (MessagingException | IOException | RuntimeException e) {
      throw new MalformedEmailException(
          "unreadable MIME structure: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** A stable Message-ID for a mail that has none: the same bytes give the same id. */
  static String syntheticId(byte[] raw) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(raw);
      return "sha256-" + HexFormat.of().formatHex(h, 0, 20) + "@no-message-id.helpdesk";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(Part p, String name) throws MessagingException {
    String[] values = p.getHeader(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  private static SenderIdentity sender(MimeMessage m)
      throws MessagingException, MalformedEmailException {
    for (String name : List.of("From", "Sender", "Reply-To", "Return-Path")) {
      InternetAddress a = firstAddress(header(m, name));
      if (a != null) {
        String personal = a.getPersonal();
        if (personal != null) {
          personal = MailHeaders.decode(personal).replace("\"", "").strip();
          if (personal.isEmpty() || personal.equalsIgnoreCase(a.getAddress())) {
            personal = null;
          }
        }
        return new SenderIdentity(IdentityKind.EMAIL, a.getAddress(), personal);
      }
    }
    throw new MalformedEmailException("no sender address (From, Sender, Reply-To, Return-Path)");
  }

  private static InternetAddress firstAddress(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String decoded = MailHeaders.repairRawUtf8(header.replaceAll("\\r?\\n[ \\t]*", " "));
    try {
      for (InternetAddress a : InternetAddress.parseHeader(decoded, false)) {
        if (valid(a.getAddress())) {
          return a;
        }
      }
    } catch (AddressException e) {
      // fall through to the last resort below
    }
    Matcher mm =
        Pattern.compile("<?([^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+\\.[^\\s<>\"(),;:]+)>?")
            .matcher(decoded);
    if (mm.find() && valid(mm.group(1))) {
      try {
        return new InternetAddress(mm.group(1), decoded.substring(0, mm.start()).strip(), "UTF-8");
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean valid(String address) {
    if (address == null) {
      return false;
    }
    int at = address.indexOf('@');
    return at > 0
        && at == address.lastIndexOf('@')
        && at < address.length() - 1
        && address.length() <= 320
        && address.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>');
  }

  private static String cc(MimeMessage m) throws MessagingException {
    String h = header(m, "Cc");
    if (h == null) {
      return null;
    }
    try {
      List<String> out = new ArrayList<>();
      for (InternetAddress a : InternetAddress.parseHeader(h, false)) {
        if (valid(a.getAddress())) {
          out.add(a.getAddress().toLowerCase(Locale.ROOT));
        }
      }
      return out.isEmpty() ? null : String.join(",", out);
    } catch (AddressException e) {
      return null;
    }
  }

  private static Instant sentAt(MimeMessage m) {
    try {
      Date d = m.getSentDate();
      return d == null ? null : d.toInstant();
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String language(String subject, String text) {
    Letters l = Letters.of((subject == null ? "" : subject) + " " + text, 4000);
    return l.arabic() > 0 && l.arabic() >= l.latin() ? "ar" : null;
  }

  // ---- the MIME tree ----

  private static final class Body {
    final StringBuilder text = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<InboundAttachment> attachments = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<String> forwarded = new ArrayList<>();
    final StringBuilder deliveryStatus = new StringBuilder();
    String reportedMessageId;
    int parts;
  }

  private void walk(Part p, Body body, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH || ++body.parts > MAX_PARTS) {
      return;
    }
    String type = baseType(p);
    boolean attachment = isAttachment(p);
    if (type.startsWith("multipart/")) {
      Multipart mp = multipart(p);
      if (mp == null) {
        // parts that cannot be split (a boundary that never occurs): show the body as it is
        append(body.text, new String(read(p, 1_000_000), StandardCharsets.UTF_8));
        return;
      }
      if (type.equals("multipart/alternative")) {
        alternative(mp, body, depth);
        return;
      }
      for (int i = 0; i < mp.getCount(); i++) {
        walk(mp.getBodyPart(i), body, depth + 1);
      }
    } else if (type.equals("message/rfc822") && depth > 0) {
      nested(p, body, depth, attachment);
    } else if (type.equals("message/delivery-status")) {
      body.deliveryStatus.append(new String(read(p, 100_000), StandardCharsets.ISO_8859_1));
    } else if (type.equals("text/rfc822-headers")) {
      String headers = new String(read(p, 100_000), StandardCharsets.ISO_8859_1);
      Matcher mm = Pattern.compile("(?im)^Message-ID:\\s*(.+)$").matcher(headers);
      if (mm.find()) {
        body.reportedMessageId = MailHeaders.messageId(mm.group(1));
      }
    } else if (!attachment && type.equals("text/plain")) {
      append(body.text, text(p));
    } else if (!attachment && type.equals("text/html")) {
      body.html.append(text(p));
    } else {
      attachment(p, body);
    }
  }

  /** multipart/alternative: one text and one HTML rendering, the richest of each. */
  private void alternative(Multipart mp, Body body, int depth)
      throws MessagingException, IOException {
    Part plain = null;
    Part other = null;
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart part = mp.getBodyPart(i);
      String type = baseType(part);
      if (type.equals("text/plain")) {
        plain = part;
      } else if (!type.equals("text/enriched") && !type.equals("text/calendar")) {
        other = part; // text/html or multipart/related: later parts are richer
      } else if (other == null && type.equals("text/calendar")) {
        attachment(part, body);
      }
    }
    if (plain != null) {
      append(body.text, text(plain));
    }
    if (other != null) {
      if (plain != null && baseType(other).startsWith("multipart/")) {
        // e.g. related(html + images): take its html and images, the text we have already
        Body inner = new Body();
        walk(other, inner, depth + 1);
        body.html.append(inner.html);
        body.attachments.addAll(inner.attachments);
        body.skipped.addAll(inner.skipped);
      } else if (plain != null && baseType(other).equals("text/html")) {
        body.html.append(text(other));
      } else {
        walk(other, body, depth + 1);
      }
    }
  }

  private void nested(Part p, Body body, int depth, boolean attachment)
      throws MessagingException, IOException {
    byte[] data = read(p, maxAttachmentBytes + 1);
    MimeMessage inner = new MimeMessage(SESSION, new SharedByteArrayInputStream(data));
    String subject = MailHeaders.decode(header(inner, "Subject"));
    if (body.reportedMessageId == null) {
      body.reportedMessageId = MailHeaders.messageId(header(inner, "Message-ID"));
    }
    String name = subject == null || subject.isBlank() ? "message" : subject;
    name = name.replaceAll("[\\\\/:*?\"<>|]", "_");
    if (name.length() > 100) {
      name = name.substring(0, 100);
    }
    keep(body, name + ".eml", "message/rfc822", data, null);
    if (!attachment) {
      Body in = new Body();
      walk(inner, in, depth + 1);
      String text = in.text.toString().strip();
      if (text.isEmpty() && in.html.length() > 0) {
        text = HtmlSanitizer.toText(sanitizer.sanitize(in.html.toString()));
      }
      StringBuilder b = new StringBuilder("---------- Forwarded message ----------\n");
      String from = header(inner, "From");
      if (from != null) {
        b.append("From: ").append(MailHeaders.decode(from)).append('\n');
      }
      if (subject != null) {
        b.append("Subject: ").append(subject).append('\n');
      }
      body.forwarded.add(b.append('\n').append(text).toString());
      body.attachments.addAll(in.attachments);
      body.skipped.addAll(in.skipped);
    }
  }

  private void attachment(Part p, Body body) throws MessagingException, IOException {
    byte[] data = read(p, maxAttachmentBytes + 1);
    String name = filename(p);
    String type = baseType(p);
    String cid = MailHeaders.messageId(header(p, "Content-ID"));
    if (cid == null) {
      String h = header(p, "Content-ID");
      cid = h == null || h.isBlank() ? null : h.strip();
    }
    if (name == null) {
      name =
          type.equals("text/calendar")
              ? "invite.ics"
              : type.startsWith("image/") ? "image." + type.substring(6) : "attachment";
    }
    keep(body, name, type, data, cid);
  }

  private void keep(Body body, String name, String type, byte[] data, String cid) {
    if (data.length > maxAttachmentBytes) {
      body.skipped.add(name + " (over " + maxAttachmentBytes + " bytes)");
    } else {
      body.attachments.add(new InboundAttachment(name, type, data, cid));
    }
  }

  private static void append(StringBuilder b, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    if (b.length() > 0) {
      b.append("\n\n");
    }
    b.append(text.replace("\r\n", "\n"));
  }

  private static Multipart multipart(Part p) throws MessagingException {
    try {
      Object content = p.getContent();
      if (content instanceof Multipart mp) {
        mp.getCount(); // parses: a missing start boundary shows here
        return mp;
      }
      return null;
    } catch (IOException | MessagingException e) {
      return null; // a broken multipart: no parts to read
    }
  }

  private static String baseType(Part p) {
    String ct;
    try {
      ct = p.getContentType();
    } catch (MessagingException e) {
      return "text/plain";
    }
    if (ct == null || ct.isBlank()) {
      return "text/plain";
    }
    try {
      return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
    } catch (jakarta.mail.internet.ParseException e) {
      String base = ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return base.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") ? base : "application/octet-stream";
    }
  }

  private static boolean isAttachment(Part p) {
    try {
      String d = header(p, "Content-Disposition");
      return d != null && d.strip().toLowerCase(Locale.ROOT).startsWith("attachment");
    } catch (MessagingException e) {
      return false;
    }
  }

  private static String filename(Part p) {
    String name = null;
    try {
      name = p.getFileName(); // RFC 2231 parameters are decoded here
    } catch (MessagingException | RuntimeException e) {
      // a malformed parameter list: try the raw headers below
    }
    if (name == null) {
      try {
        for (String h : new String[] {"Content-Disposition", "Content-Type"}) {
          String v = header(p, h);
          if (v != null) {
            Matcher m = Pattern.compile("(?i)(?:file)?name\\s*=\\s*\"?([^\";]+)\"?").matcher(v);
            if (m.find()) {
              name = m.group(1);
              break;
            }
          }
        }
      } catch (MessagingException e) {
        return null;
      }
    }
    if (name == null) {
      return null;
    }
    name = MailHeaders.decode(name);
    name = name.replaceAll("[\\p{Cntrl}]", "").replace('\\', '_').replace('/', '_').strip();
    return name.isEmpty() ? null : name;
  }

  /** A text part's characters: its charset, else UTF-8 if valid, else windows-1252. */
  private static String text(Part p) throws MessagingException {
    byte[] bytes = read(p, 20L * 1024 * 1024);
    String charset = null;
    try {
      String ct = p.getContentType();
      if (ct != null) {
        Matcher m = CHARSET.matcher(ct);
        if (m.find()) {
          charset = m.group(1);
        }
      }
    } catch (MessagingException e) {
      // no charset: guessed from the bytes
    }
    if (charset != null) {
      charset = MimeUtility.javaCharset(charset);
    }
    return new String(bytes, MailHeaders.charset(charset, bytes));
  }

  /**
   * A part's decoded bytes (base64 / quoted-printable undone), at most {@code limit}; a body that
   * does not decode cleanly is decoded leniently instead of failing the mail.
   */
  private static byte[] read(Part p, long limit) throws MessagingException {
    if (p instanceof jakarta.mail.internet.MimeBodyPart b
        && "base64".equalsIgnoreCase(String.valueOf(b.getEncoding()).strip())) {
      // java.util.Base64 decodes a block at a time; the mail library's decoder goes byte by byte
      try (InputStream raw = b.getRawInputStream()) {
        byte[] decoded = Base64.getMimeDecoder().decode(raw.readAllBytes());
        return decoded.length > limit ? java.util.Arrays.copyOf(decoded, (int) limit) : decoded;
      } catch (IOException | IllegalArgumentException e) {
        return lenient(p, limit); // broken base64: decoded as far as it goes
      }
    }
    try (InputStream in = p.getInputStream()) {
      return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    } catch (IOException | RuntimeException e) {
      return lenient(p, limit);
    }
  }

  private static byte[] lenient(Part p, long limit) throws MessagingException {
    if (!(p instanceof jakarta.mail.internet.MimePart mp)) {
      return new byte[0];
    }
    try (InputStream raw =
        p instanceof jakarta.mail.internet.MimeBodyPart b
            ? b.getRawInputStream()
            : ((MimeMessage) p).getRawInputStream()) {
      byte[] bytes = raw.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
      String enc = mp.getEncoding();
      if (enc != null && enc.equalsIgnoreCase("base64")) {
        String cleaned =
            new String(bytes, StandardCharsets.US_ASCII).replaceAll("[^A-Za-z0-9+/]", "");
        cleaned = cleaned.substring(0, cleaned.length() - cleaned.length() % 4);
        return Base64.getDecoder().decode(cleaned);
      }
      return bytes;
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }

  // ---- automatic mail and bounces ----

  private static ParsedEmail.Automatic automatic(MimeMessage m, String subject)
      throws MessagingException {
    String auto = header(m, "Auto-Submitted");
    if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return ParsedEmail.Automatic.AUTO_REPLY;
    }
    if (header(m, "X-Autoreply") != null
        || header(m, "X-Autorespond") != null
        || (subject != null && AUTO_SUBJECT.matcher(subject).matches())) {
      return ParsedEmail.Automatic.AUTO_REPLY;
    }
    String precedence = header(m, "Precedence");
    if (precedence != null
        && precedence.strip().toLowerCase(Locale.ROOT).matches("(bulk|list|junk).*")) {
      return ParsedEmail.Automatic.BULK;
    }
    if (header(m, "List-Id") != null || header(m, "List-Unsubscribe") != null) {
      return ParsedEmail.Automatic.BULK;
    }
    if (header(m, "X-Auto-Response-Suppress") != null) {
      return ParsedEmail.Automatic.SUPPRESSED;
    }
    return ParsedEmail.Automatic.NONE;
  }

  private static ParsedEmail.Bounce bounce(MimeMessage m, SenderIdentity sender, Body body)
      throws MessagingException {
    String ct = header(m, "Content-Type");
    boolean report =
        ct != null
            && ct.toLowerCase(Locale.ROOT).contains("multipart/report")
            && ct.toLowerCase(Locale.ROOT).contains("delivery-status");
    boolean daemon = MAILER_DAEMON.matcher(sender.value()).matches();
    boolean failedHeader = header(m, "X-Failed-Recipients") != null;
    if (!report && !(daemon && (failedHeader || body.reportedMessageId != null))) {
      return null;
    }
    String status = body.deliveryStatus.toString();
    String recipient = field(status, "Final-Recipient");
    if (recipient != null && recipient.contains(";")) {
      recipient = recipient.substring(recipient.indexOf(';') + 1).strip();
    }
    if (recipient == null) {
      recipient = header(m, "X-Failed-Recipients");
    }
    String action = field(status, "Action");
    if (action != null && !action.toLowerCase(Locale.ROOT).startsWith("failed")) {
      return null; // delayed / delivered / relayed reports are not failures
    }
    String code = field(status, "Status");
    String diagnostic = field(status, "Diagnostic-Code");
    StringBuilder reason = new StringBuilder("bounced");
    if (recipient != null) {
      reason.append(" for ").append(recipient);
    }
    if (code != null) {
      reason.append(": ").append(code);
    }
    if (diagnostic != null) {
      reason.append(" (").append(diagnostic).append(')');
    }
    return new ParsedEmail.Bounce(
        body.reportedMessageId,
        recipient,
        reason.length() > 900 ? reason.substring(0, 900) : reason.toString());
  }

  private static String field(String status, String name) {
    Matcher m =
        Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.+(?:\\r?\\n[ \\t].+)*)")
            .matcher(status);
    return m.find() ? m.group(1).replaceAll("\\r?\\n[ \\t]+", " ").strip() : null;
  }
}
