package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The e-mail channel end to end against a real mail server: GreenMail in this JVM on 127.0.0.1:3025
 * (SMTP, where the server's mail session sends) and :3143 (IMAP, which the mailboxes poll). Each
 * test uses its own mailbox and shopper addresses.
 */
@ExtendWith(ArquillianExtension.class)
class EmailChannelIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static GreenMail mail;

  @BeforeAll
  static void startMailServer() {
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(3143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    mail.start();
  }

  @AfterAll
  static void stopMailServer() {
    mail.stop();
  }

  @ArquillianResource URL base;
  Api admin;
  String run;
  String support;
  String shopper;

  @BeforeEach
  void setUp() {
    admin = Api.admin(base);
    run = Long.toString(System.nanoTime(), 36);
    support = "support-" + run + "@store.test";
    shopper = "layla-" + run + "@example.com";
    mail.setUser(support, support, "secret");
    mail.setUser(shopper, shopper, "secret");
  }

  private long mailbox(Map<String, String> extra) {
    Map<String, String> settings = new java.util.HashMap<>();
    settings.putAll(
        Map.of(
            "imap.host", "127.0.0.1",
            "imap.port", "3143",
            "imap.user", support,
            "imap.password", "secret",
            "pollSeconds", "1"));
    settings.putAll(extra);
    var r =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "EMAIL",
                "address",
                support,
                "name",
                "Rose Store",
                "settings",
                settings));
    assertEquals(201, r.status(), r.body());
    long id = r.json().getJsonNumber("id").longValue();
    created.add(id);
    return id;
  }

  final List<Long> created = new java.util.ArrayList<>();

  /** The mail server stops with this class: its mailboxes must not be polled afterwards. */
  @AfterEach
  void deactivateMailboxes() {
    for (long id : created) {
      admin.put("api/v1/channel-accounts/" + id, Map.of("active", false));
    }
  }

  /** Delivers raw RFC 822 text to an address over SMTP (CRLF line ends, as on the wire). */
  private void deliver(String to, String raw) throws Exception {
    Session s = Session.getInstance(new Properties());
    MimeMessage m =
        new MimeMessage(
            s,
            new ByteArrayInputStream(
                raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    mail.getManagers().getSmtpManager().getUserManager().getUserByEmail(to).deliver(m);
  }

  private String shopperMail(String messageId, String subject, String body, String extraHeaders) {
    return "From: Layla Hassan <"
        + shopper
        + ">\nTo: "
        + support
        + "\nSubject: "
        + subject
        + "\nMessage-ID: <"
        + messageId
        + ">\nDate: Sun, 22 Nov 2026 10:15:00 +0300\nMIME-Version: 1.0\n"
        + extraHeaders
        + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
        + body
        + "\n";
  }

  private JsonArray ticketsOf(String word) {
    return admin.get("api/v1/tickets?q=" + word).json().getJsonArray("items");
  }

  private long ticketFor(String word) {
    JsonArray found = Poll.until(() -> ticketsOf(word), a -> a.size() == 1, "ticket for " + word);
    return found.getJsonObject(0).getJsonNumber("id").longValue();
  }

  private JsonArray messages(long ticket) {
    return admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages");
  }

  /** Waits for mail to an address to reach the mail server. */
  private List<MimeMessage> arrived(String address, String what) {
    return Poll.until(
        () -> {
          try {
            return received(address);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        l -> !l.isEmpty(),
        what);
  }

  private List<MimeMessage> received(String address) throws Exception {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  @Test
  void aMailBecomesATicketTheReplyArrivesThreadedAndTheAnswerThreadsBack() throws Exception {
    mailbox(Map.of());
    String word = "parcel" + run;
    deliver(
        support,
        shopperMail(
            "first-" + run + "@mail.example.com",
            "=?UTF-8?B?"
                + Base64.getEncoder().encodeToString("أين طلبي؟".getBytes(StandardCharsets.UTF_8))
                + "?=",
            "مرحباً، لم يصل طلبي بعد " + word,
            ""));
    long ticket = ticketFor(word);
    JsonObject details = admin.get("api/v1/tickets/" + ticket).json().getJsonObject("ticket");
    assertEquals("أين طلبي؟", details.getString("subject"));
    assertEquals("EMAIL", details.getString("channel"));
    JsonObject first = messages(ticket).getJsonObject(0);
    assertEquals("first-" + run + "@mail.example.com", first.getString("externalId"));
    assertTrue(first.getBoolean("rawAvailable"));
    var raw = admin.get("api/v1/messages/" + first.getJsonNumber("id") + "/raw");
    assertEquals(200, raw.status());
    assertTrue(raw.contentType().startsWith("message/rfc822"));
    assertTrue(raw.body().contains("Message-ID: <first-" + run + "@mail.example.com>"));

    var reply =
        admin.post(
            "api/v1/tickets/" + ticket + "/replies",
            Map.of(
                "text",
                "طلبك في الطريق وسيصل غداً.",
                "attachments",
                List.of(
                    Map.of(
                        "filename", "فاتورة.pdf",
                        "contentType", "application/pdf",
                        "data",
                            Base64.getEncoder().encodeToString("%PDF-1.4 invoice".getBytes())))));
    assertEquals(202, reply.status(), reply.body());
    long replyId = reply.json().getJsonNumber("id").longValue();
    JsonObject sent =
        Poll.until(
            () -> messages(ticket).getJsonObject(1),
            m -> m.getString("deliveryStatus").equals("SENT"),
            "reply SENT");
    String ourId = "hd." + replyId + "." + ticket + "@store.test";
    assertEquals(ourId, sent.getString("externalId"));

    List<MimeMessage> inbox = arrived(shopper, "reply in the shopper's mailbox");
    MimeMessage got = inbox.get(0);
    assertEquals("<" + ourId + ">", got.getHeader("Message-ID")[0]);
    assertEquals("<first-" + run + "@mail.example.com>", got.getHeader("In-Reply-To")[0]);
    assertTrue(got.getHeader("References")[0].contains("<first-" + run + "@mail.example.com>"));
    assertEquals("Re: أين طلبي؟ [#" + ticket + "]", got.getSubject());
    InternetAddress from = (InternetAddress) got.getFrom()[0];
    assertEquals(support, from.getAddress());
    assertTrue(from.getPersonal().endsWith("Rose Store"), from.getPersonal());
    assertNull(got.getHeader("Auto-Submitted"));
    MimeMultipart mixed = (MimeMultipart) got.getContent();
    assertEquals(
        "فاتورة.pdf",
        jakarta.mail.internet.MimeUtility.decodeText(mixed.getBodyPart(1).getFileName()));

    // the shopper answers from their client: no [#ref] in the subject, only In-Reply-To
    deliver(
        support,
        shopperMail(
            "second-" + run + "@mail.example.com",
            "Re: thanks",
            "Thank you!\n\nOn Mon, 23 Nov 2026 at 10:00, Rose Store <"
                + support
                + "> wrote:\n> طلبك في الطريق",
            "In-Reply-To: <"
                + ourId
                + ">\nReferences: <first-"
                + run
                + "@mail.example.com> <"
                + ourId
                + ">\n"));
    JsonArray all =
        Poll.until(() -> messages(ticket), a -> a.size() == 3, "the answer on the same ticket");
    JsonObject answer = all.getJsonObject(2);
    assertEquals("Thank you!", answer.getString("text"), "quoted history trimmed");
    assertTrue(answer.getString("fullText").contains("> طلبك في الطريق"), "full text kept");
  }

  /**
   * CSAT by e-mail (docs/metrics.md): solving a ticket a person answered sends a survey after the
   * delay (1 s in these tests), with one link per score; a click records the score, the page adds a
   * comment; the report counts it for the agent who solved; bad answers get clear errors.
   */
  @Test
  void aSolvedMailTicketSendsASurveyWhoseLinkRecordsTheScore() throws Exception {
    mailbox(Map.of());
    String word = "survey" + run;
    deliver(
        support,
        shopperMail(
            "csat-" + run + "@mail.example.com", "Refund?", "Where is my refund " + word, ""));
    long ticket = ticketFor(word);
    var reply =
        admin.post(
            "api/v1/tickets/" + ticket + "/replies",
            Map.of("text", "Your refund went out today.", "status", "SOLVED"));
    assertEquals(202, reply.status(), reply.body());
    List<MimeMessage> inbox =
        Poll.until(
            () -> {
              try {
                return received(shopper);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            l -> l.size() == 2,
            "the reply and then the survey");
    MimeMessage survey =
        inbox.stream()
            .filter(m -> body(m).contains("csat.html"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no survey among " + inbox.size() + " mails"));
    assertEquals("Re: Refund? [#" + ticket + "]", survey.getSubject(), "threaded on the ticket");
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("4 – Good: (http\\S+csat\\.html\\?t=([\\w-]+)&score=4)")
            .matcher(body(survey));
    assertTrue(link.find(), body(survey));
    String token = link.group(2);

    // the page's API, without a login: the click's score, then a comment
    Api shopperSide = Api.anonymous(base);
    JsonObject view = shopperSide.get("api/v1/public/csat/" + token).json();
    assertEquals(ticket, view.getJsonNumber("ticket").longValue());
    assertTrue(view.getBoolean("open"));
    assertEquals(200, shopperSide.post("api/v1/public/csat/" + token, Map.of("score", 4)).status());
    var commented =
        shopperSide.post(
            "api/v1/public/csat/" + token, Map.of("score", 5, "comment", "<b>Fast</b>, thanks"));
    assertEquals(200, commented.status(), commented.body());
    assertEquals(5, commented.json().getInt("score"), "a later answer replaces the first");
    assertEquals("<b>Fast</b>, thanks", commented.json().getString("comment"), "kept as text");
    assertTrue(admin.timeline(ticket).contains("5/5"), "the answer is on the ticket's timeline");

    // bad answers: a score outside 1-5, no body, an unknown survey
    assertEquals(422, shopperSide.post("api/v1/public/csat/" + token, Map.of("score", 9)).status());
    assertEquals(
        400,
        shopperSide.send("POST", "api/v1/public/csat/" + token, "application/json", "{").status());
    assertEquals(404, shopperSide.get("api/v1/public/csat/not-a-survey-" + run).status());

    // the report: one survey sent, answered, satisfied, for the e-mail channel
    JsonArray byChannel =
        (JsonArray)
            admin
                .get(
                    "api/v1/metrics/csat?by=channel&channel=EMAIL&from="
                        + java.time.Instant.now().minusSeconds(120))
                .structure();
    JsonObject row = byChannel.getJsonObject(0);
    assertEquals("EMAIL", row.getString("key"));
    assertTrue(row.getJsonNumber("answered").longValue() >= 1, row.toString());
    assertTrue(row.getJsonNumber("satisfied").doubleValue() > 0, row.toString());
  }

  private static String body(MimeMessage m) {
    try {
      Object c = m.getContent();
      if (c instanceof String s) {
        return s;
      }
      MimeMultipart mp = (MimeMultipart) c;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < mp.getCount(); i++) {
        Object part = mp.getBodyPart(i).getContent();
        b.append(part instanceof MimeMultipart inner ? inner.getBodyPart(0).getContent() : part);
      }
      return b.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSameMailDeliveredTwiceIsOneMessage() throws Exception {
    long box = mailbox(Map.of());
    String word = "twice" + run;
    String raw =
        shopperMail("dup-" + run + "@mail.example.com", "Coupon", "Coupon fails " + word, "");
    deliver(support, raw);
    deliver(support, raw);
    long ticket = ticketFor(word);
    Poll.until(
        () -> mailboxState(box),
        m -> m.getJsonNumber("fetchedTotal").longValue() == 2,
        "both copies read");
    assertEquals(1, messages(ticket).size());
  }

  private Api agent() {
    String login = "agent" + run;
    var created =
        admin.post(
            "api/v1/agents",
            Map.of(
                "login",
                login,
                "displayName",
                "Agent",
                "password",
                "agent-password-1",
                "roles",
                List.of("AGENT")));
    assertEquals(201, created.status(), created.body());
    return Api.token(base, login, "agent-password-1");
  }

  private JsonObject mailboxState(long id) {
    return admin.get("api/v1/mailboxes").structure().asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(m -> m.getJsonNumber("accountId").longValue() == id)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void readingAFolderAgainFromAnEarlierPositionLosesAndDuplicatesNothing() throws Exception {
    long box = mailbox(Map.of());
    // 25 mails: three chunks of 10 in tests (helpdesk.mail.chunk=10)
    for (int i = 0; i < 25; i++) {
      deliver(
          support,
          shopperMail(
              "bulk-" + i + "-" + run + "@mail.example.com",
              "Question " + i,
              "Question number " + i + " resync" + run,
              ""));
    }
    Poll.until(() -> ticketsOf("resync" + run), a -> a.size() == 25, "25 tickets");
    // as after a crash between storing a chunk and recording the position
    assertEquals(204, admin.post("api/v1/mailboxes/" + box + "/resync", Map.of()).status());
    Poll.until(
        () -> mailboxState(box),
        m -> m.getJsonNumber("fetchedTotal").longValue() == 50,
        "the folder read a second time");
    assertEquals(25, ticketsOf("resync" + run).size());
    for (JsonValue t : ticketsOf("resync" + run)) {
      assertEquals(1, messages(t.asJsonObject().getJsonNumber("id").longValue()).size());
    }
  }

  @Test
  void aPoisonedMailIsQuarantinedAndTheNextOneStillArrives() throws Exception {
    long box = mailbox(Map.of());
    deliver(
        support,
        "To: "
            + support
            + "\nSubject: no sender "
            + run
            + "\nMessage-ID: <poison-"
            + run
            + "@x>\n\nWho sent this?\n");
    String word = "afterpoison" + run;
    deliver(
        support,
        shopperMail("ok-" + run + "@mail.example.com", "Still here", "Fine mail " + word, ""));
    ticketFor(word);
    JsonObject q =
        Poll.until(
            () ->
                admin.get("api/v1/quarantine").structure().asJsonArray().stream()
                    .map(JsonValue::asJsonObject)
                    .filter(x -> x.getJsonNumber("accountId").longValue() == box)
                    .findFirst()
                    .orElse(null),
            x -> x != null,
            "quarantined");
    assertTrue(q.getString("reason").contains("no sender address"), q.toString());
    var raw = admin.get("api/v1/quarantine/" + q.getJsonNumber("id") + "/raw");
    assertEquals(200, raw.status());
    assertTrue(raw.body().contains("Who sent this?"));
    assertEquals(1, mailboxState(box).getJsonNumber("quarantined").longValue());
  }

  @Test
  void aMailThatFailsWhileItsChunkIsStoredIsQuarantinedAndTheOthersLandOnce() throws Exception {
    long box = mailbox(Map.of());
    String word = "midbatch" + run;
    StringBuilder cc = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      cc.append(i == 0 ? "" : ", ").append("copy").append(i).append("@example.com");
    }
    for (int i = 0; i < 5; i++) {
      // the third parses fine but breaks a storage rule (metadata over 10,000 characters): its
      // chunk's transaction rolls back and is stored again mail by mail
      String extra = i == 2 ? "Cc: " + cc + "\n" : "";
      deliver(
          support,
          shopperMail(
              "mid-" + i + "-" + run + "@mail.example.com",
              "Part " + i,
              "Part " + i + " " + word,
              extra));
    }
    Poll.until(
        () -> mailboxState(box), m -> m.getJsonNumber("fetchedTotal").longValue() == 5, "read");
    JsonArray tickets = ticketsOf(word);
    assertEquals(4, tickets.size(), "the four good mails, once each");
    for (JsonValue t : tickets) {
      assertEquals(1, messages(t.asJsonObject().getJsonNumber("id").longValue()).size());
    }
    JsonObject q =
        admin.get("api/v1/quarantine").structure().asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(x -> x.getJsonNumber("accountId").longValue() == box)
            .findFirst()
            .orElseThrow();
    assertTrue(q.getString("reason").contains("metadata is larger"), q.toString());
  }

  @Test
  void aBounceMarksTheReplyFailedOnItsTicket() throws Exception {
    mailbox(Map.of());
    String word = "bounce" + run;
    deliver(
        support,
        shopperMail("b-" + run + "@mail.example.com", "Refund", "Refund please " + word, ""));
    long ticket = ticketFor(word);
    long replyId =
        admin
            .post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Refund done."))
            .json()
            .getJsonNumber("id")
            .longValue();
    Poll.until(
        () -> messages(ticket).getJsonObject(1),
        m -> m.getString("deliveryStatus").equals("SENT"),
        "SENT");
    String ourId = "hd." + replyId + "." + ticket + "@store.test";
    deliver(
        support,
        "From: Mail Delivery System <MAILER-DAEMON@mx.store.test>\nTo: "
            + support
            + "\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn-"
            + run
            + "@mx.store.test>\n"
            + "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
            + "--B\nContent-Type: text/plain\n\nCould not deliver.\n"
            + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.store.test\n\n"
            + "Final-Recipient: rfc822; "
            + shopper
            + "\nAction: failed\nStatus: 5.1.1\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n"
            + "--B\nContent-Type: text/rfc822-headers\n\nMessage-ID: <"
            + ourId
            + ">\nSubject: Refund\n\n--B--\n");
    JsonObject failed =
        Poll.until(
            () -> messages(ticket).getJsonObject(1),
            m -> m.getString("deliveryStatus").equals("FAILED"),
            "FAILED");
    assertTrue(failed.getString("deliveryError").contains("5.1.1"), failed.toString());
    assertEquals(2, messages(ticket).size(), "a bounce is not a message of the conversation");
    assertTrue(
        admin.get("api/v1/tickets/" + ticket).json().getJsonArray("activities").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(a -> a.getString("type").equals("DELIVERY_FAILED")));
  }

  @Test
  void theAcknowledgementGoesOnceAndNeverToAutomaticMail() throws Exception {
    mailbox(Map.of("autoReply", "true"));
    String word = "ack" + run;
    deliver(
        support, shopperMail("a1-" + run + "@mail.example.com", "Sizes", "Which size " + word, ""));
    long ticket = ticketFor(word);
    List<MimeMessage> acks = arrived(shopper, "acknowledgement");
    assertEquals("auto-replied", acks.get(0).getHeader("Auto-Submitted")[0]);
    assertTrue(acks.get(0).getSubject().contains("[#" + ticket + "]"));
    JsonObject ackMessage = messages(ticket).getJsonObject(1);
    assertTrue(ackMessage.getBoolean("automatic"));
    JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
    assertTrue(
        !details.containsKey("firstResponseAt") || details.isNull("firstResponseAt"),
        "an acknowledgement is not a first response: " + details.get("firstResponseAt"));

    // a second new conversation within the hour, and an out-of-office: no more acknowledgements
    String word2 = "second" + run;
    deliver(
        support,
        shopperMail("a2-" + run + "@mail.example.com", "Colours", "Which colour " + word2, ""));
    String word3 = "ooo" + run;
    deliver(
        support,
        shopperMail(
            "a3-" + run + "@mail.example.com",
            "Away",
            "Out of office " + word3,
            "Auto-Submitted: auto-replied\n"));
    ticketFor(word2);
    ticketFor(word3);
    Thread.sleep(1500); // give a wrong acknowledgement the time to be sent
    assertEquals(1, received(shopper).size(), "one acknowledgement in all");
  }

  @Test
  void anUnreachableSmtpServerIsRetriedThenTheReplyFails() throws Exception {
    mailbox(Map.of("smtp.host", "127.0.0.1", "smtp.port", "1"));
    String word = "smtpdown" + run;
    deliver(support, shopperMail("s-" + run + "@mail.example.com", "Help", "Help " + word, ""));
    long ticket = ticketFor(word);
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "We are on it."));
    JsonObject failed =
        Poll.until(
            () -> messages(ticket).getJsonObject(1),
            m -> m.getString("deliveryStatus").equals("FAILED"),
            "FAILED");
    assertEquals(3, failed.getInt("deliveryAttempts"));
    assertTrue(
        failed.getString("deliveryError").contains("SMTP server not reachable"), failed.toString());
  }

  @Test
  void aMailboxFromTheEnvironmentIsReadLikeAnyOther() throws Exception {
    // it.server.args: -Dhelpdesk.mailbox.address=Orders@Store.test … poll-seconds=3600
    mail.setUser("orders@store.test", "orders@store.test", "secret");
    JsonObject box =
        admin.get("api/v1/mailboxes").structure().asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(m -> m.getString("address").equals("orders@store.test"))
            .findFirst()
            .orElseThrow();
    assertEquals("Orders", box.getString("name"));
    assertEquals("INBOX", box.getString("folder"));
    assertEquals(3600, box.getInt("pollSeconds"));
    String word = "envbox" + run;
    deliver(
        "orders@store.test",
        shopperMail("env-" + run + "@mail.example.com", "Order", "Order " + word, ""));
    var poll = admin.post("api/v1/mailboxes/" + box.getJsonNumber("accountId") + "/poll", Map.of());
    assertEquals(200, poll.status(), poll.body());
    ticketFor(word);
  }

  @Test
  void theRawMailIsOnlyForThoseWhoMaySeeItsTicket() throws Exception {
    mailbox(Map.of());
    String word = "rawrule" + run;
    deliver(support, shopperMail("r-" + run + "@mail.example.com", "Card", "My card " + word, ""));
    long ticket = ticketFor(word);
    long message = messages(ticket).getJsonObject(0).getJsonNumber("id").longValue();
    Api agent = agent(); // in no team: sees the shared, unrouted queue
    assertEquals(200, agent.get("api/v1/messages/" + message + "/raw").status());
    var team = admin.post("api/v1/teams", Map.of("name", "Payments " + run));
    assertEquals(201, team.status(), team.body());
    var moved =
        admin.put(
            "api/v1/tickets/" + ticket + "/team",
            Map.of("teamId", team.json().getJsonNumber("id").longValue()));
    assertEquals(200, moved.status(), moved.body());
    assertEquals(
        403,
        agent.get("api/v1/messages/" + message + "/raw").status(),
        "another team's mail stays closed, raw source included");
  }

  @Test
  void badMailboxRequestsGetClearErrors() {
    var bad =
        admin.post(
            "api/v1/channel-accounts",
            Map.of("channel", "EMAIL", "address", "not-an-address", "name", "x"));
    assertEquals(422, bad.status(), bad.body());
    var port =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "EMAIL",
                "address",
                "p-" + run + "@store.test",
                "settings",
                Map.of("imap.port", "abc")));
    assertEquals(422, port.status(), port.body());
    assertEquals(404, admin.post("api/v1/mailboxes/999999999/poll", Map.of()).status());
    assertEquals(404, admin.get("api/v1/messages/999999999/raw").status());
    assertEquals(404, admin.get("api/v1/quarantine/999999999/raw").status());
    Api agent = agent();
    assertEquals(403, agent.get("api/v1/quarantine").status(), "quarantine is for admins");
    assertEquals(403, agent.get("api/v1/mailboxes").status());
  }
}
