package dev.helpdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.it.Api;
import dev.helpdesk.it.Deployments;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3's benchmark: a backlog of 1,000 mails (mixed sizes, 10% with 50–200 KB attachments, a
 * fifth with Arabic subjects, 200 senders, a third of them replies) in a real IMAP server (Dovecot,
 * started by bench/imap-server), read by one poll of the helpdesk; prints mails/s and the time to
 * the last ticket, then the time to re-read the whole folder (every mail a duplicate). Polling by
 * the timer is off in the bench run, so the poll measured is the only one. Asserts nothing about
 * time.
 */
@Tag("bench")
@ExtendWith(ArquillianExtension.class)
class EmailIngestBench {
  static final int MAILS = Integer.getInteger("bench.mails", 1_000);
  static final int WARMUP = Integer.getInteger("bench.mail-warmup", 500);
  static final Path IMAP_DIR = Path.of("target/bench-imap");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource URL base;

  @BeforeAll
  static void startImapServer() throws Exception {
    run("start");
  }

  @AfterAll
  static void stopImapServer() throws Exception {
    run("stop");
  }

  private static void run(String cmd) throws Exception {
    Path script = Path.of("../bench/imap-server").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder("bash", script.toString(), cmd, IMAP_DIR.toAbsolutePath().toString())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("bench/imap-server " + cmd + " failed");
    }
  }

  private static long mailbox(Api admin, String address, String user) {
    var created =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                "EMAIL",
                "address",
                address,
                "name",
                "Bench Store",
                "settings",
                Map.of(
                    "imap.host", "127.0.0.1",
                    "imap.port", "10143",
                    "imap.user", user,
                    "imap.password", "secret")));
    assertEquals(201, created.status(), created.body());
    return created.json().getJsonNumber("id").longValue();
  }

  @Test
  void ingestAThousandMailBacklog() throws Exception {
    Api admin = Api.admin(base);
    // a cold server first: the very first poll after start (JIT compiling as it goes)
    deliver("shopper", WARMUP, "cold");
    long coldBox = mailbox(admin, "cold@bench.test", "shopper");
    long c0 = System.nanoTime();
    JsonObject cold = admin.post("api/v1/mailboxes/" + coldBox + "/poll", Map.of()).json();
    double coldSeconds = (System.nanoTime() - c0) / 1e9;
    assertEquals(WARMUP, cold.getInt("fetched"), cold.toString());

    // then the measured backlog, on the warmed-up server
    long bytes = deliver("support", MAILS, "bench");
    long id = mailbox(admin, "support@bench.test", "support");
    long t0 = System.nanoTime();
    JsonObject first = admin.post("api/v1/mailboxes/" + id + "/poll", Map.of()).json();
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(!first.containsKey("error") || first.isNull("error"), first.toString());
    assertEquals(MAILS, first.getInt("fetched"), first.toString());

    admin.post("api/v1/mailboxes/" + id + "/resync", Map.of());
    long t1 = System.nanoTime();
    JsonObject again = admin.post("api/v1/mailboxes/" + id + "/poll", Map.of()).json();
    double reread = (System.nanoTime() - t1) / 1e9;
    assertEquals(MAILS, again.getInt("duplicates"), again.toString());

    String db = System.getProperty("arquillian.launch", "h2");
    String report =
        String.format(
            "==== e-mail ingest on %s (%d cores) ====%n"
                + "cold server, first %d mails: %.2f s = %.0f mails/s%n"
                + "backlog: %d mails, %.1f MB, %d tickets created, %d appended, %d quarantined%n"
                + "first poll: %.2f s to the last ticket = %.0f mails/s%n"
                + "re-read after resync (all duplicates): %.2f s = %.0f mails/s%n",
            db,
            Runtime.getRuntime().availableProcessors(),
            WARMUP,
            coldSeconds,
            WARMUP / coldSeconds,
            MAILS,
            bytes / 1e6,
            first.getInt("created"),
            first.getInt("appended"),
            first.getInt("quarantined"),
            seconds,
            MAILS / seconds,
            reread,
            MAILS / reread);
    System.out.print(report);
    Path out = Path.of("target/bench/" + db);
    Files.createDirectories(out);
    Files.writeString(out.resolve("email-results.txt"), report);
  }

  /** Writes {@code count} mails into a user's mailbox over LMTP; returns their size in bytes. */
  private static long deliver(String user, int count, String prefix) throws IOException {
    Random random = new Random(42);
    long total = 0;
    try (Socket s = new Socket("127.0.0.1", 10024);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream()) {
      expect(in, "220");
      send(out, "LHLO bench.test");
      expect(in, "250");
      for (int i = 0; i < count; i++) {
        String mail = mail(prefix, i, random);
        total += mail.length();
        send(out, "MAIL FROM:<sender" + (i % 200) + "@example.com>");
        expect(in, "250");
        send(out, "RCPT TO:<" + user + ">");
        expect(in, "250");
        send(out, "DATA");
        expect(in, "354");
        StringBuilder data = new StringBuilder();
        for (String line : mail.split("\r\n", -1)) {
          data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        data.append(".\r\n");
        out.write(data.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, "250");
      }
      send(out, "QUIT");
    }
    return total;
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null || !line.startsWith(code)) {
        throw new IOException("LMTP: expected " + code + ", got " + line);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
  }

  private static final String[] EN = {
    "Where is my order? The tracking page has not changed for three days.",
    "My card was charged twice at checkout, please refund one payment.",
    "I would like to return the shoes, they are too small.",
    "The coupon code WINTER10 says expired but the banner says it is valid.",
    "Can you change the delivery address before the parcel ships?"
  };
  private static final String[] AR = {
    "أين طلبي؟ لم تتغير صفحة التتبع منذ ثلاثة أيام.",
    "تم خصم المبلغ مرتين عند الدفع، أرجو استرداد إحدى الدفعتين.",
    "أريد إرجاع الحذاء لأنه صغير.",
    "هل يمكن تغيير عنوان التوصيل قبل الشحن؟"
  };

  /** One mail of the backlog: size, language, attachments and threading vary with i. */
  static String mail(String prefix, int i, Random random) {
    int sender = i % 200;
    boolean arabic = i % 5 == 0;
    boolean attachment = i % 10 == 3;
    boolean reply = i >= 200 && i % 3 == 0;
    String subject =
        arabic
            ? "=?UTF-8?B?"
                + Base64.getEncoder()
                    .encodeToString(("سؤال عن الطلب " + i).getBytes(StandardCharsets.UTF_8))
                + "?="
            : "Question about order " + (5000 + i);
    StringBuilder body = new StringBuilder();
    int paragraphs = 1 + random.nextInt(i % 7 == 0 ? 40 : 6); // mostly short, some long
    for (int p = 0; p < paragraphs; p++) {
      body.append(arabic ? AR[random.nextInt(AR.length)] : EN[random.nextInt(EN.length)])
          .append("\r\n\r\n");
    }
    StringBuilder m = new StringBuilder();
    m.append("From: Shopper ")
        .append(sender)
        .append(" <sender")
        .append(sender)
        .append("@example.com>\r\n")
        .append("To: support@bench.test\r\nSubject: ")
        .append(reply ? "Re: " : "")
        .append(subject)
        .append("\r\nMessage-ID: <")
        .append(prefix)
        .append('-')
        .append(i)
        .append("@example.com>\r\nDate: Sun, 22 Nov 2026 10:15:00 +0300\r\nMIME-Version: 1.0\r\n");
    if (reply) {
      m.append("In-Reply-To: <")
          .append(prefix)
          .append('-')
          .append(i - 200)
          .append("@example.com>\r\n");
    }
    if (!attachment) {
      m.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
          .append(body);
      return m.toString();
    }
    byte[] file = new byte[50 * 1024 + random.nextInt(150 * 1024)];
    random.nextBytes(file);
    String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(file);
    m.append("Content-Type: multipart/mixed; boundary=\"bench-boundary\"\r\n\r\n")
        .append("--bench-boundary\r\nContent-Type: text/plain; charset=UTF-8\r\n")
        .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
        .append(body)
        .append("--bench-boundary\r\nContent-Type: image/jpeg; name=\"photo-")
        .append(i)
        .append(".jpg\"\r\nContent-Disposition: attachment; filename=\"photo-")
        .append(i)
        .append(".jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        .append(b64)
        .append("\r\n--bench-boundary--\r\n");
    return m.toString();
  }
}
