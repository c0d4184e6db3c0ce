package dev.helpdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WhatsApp, Messenger and Telegram end to end: the networks' documented webhook payloads, signed as
 * they sign them, posted to the running server; the agent's reply sent to a local server that
 * answers as their send APIs do (its base URL is the account's {@code apiBaseUrl}); delivery
 * reports that move the reply's status.
 */
@ExtendWith(ArquillianExtension.class)
class SocialChannelsIT {
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @ArquillianResource URL base;
  Api admin;
  HttpServer network;
  final List<String[]> sent = new CopyOnWriteArrayList<>(); // path, authorization, body
  final AtomicInteger sends = new AtomicInteger();
  final String run = Long.toString(System.nanoTime() % 100_000_000L);

  @BeforeEach
  void start() throws IOException {
    admin = Api.admin(base);
    network = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    network.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          sent.add(
              new String[] {path, exchange.getRequestHeaders().getFirst("Authorization"), body});
          int n = sends.incrementAndGet();
          String answer =
              path.endsWith("/sendMessage")
                  ? "{\"ok\":true,\"result\":{\"message_id\":"
                      + (500 + n)
                      + ",\"chat\":{\"id\":1}}}"
                  : path.endsWith("/me/messages")
                      ? "{\"recipient_id\":\"x\",\"message_id\":\"m_out_" + run + "_" + n + "\"}"
                      : "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out."
                          + run
                          + "."
                          + n
                          + "\"}]}";
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    network.start();
  }

  @AfterEach
  void stop() {
    network.stop(0);
  }

  String networkUrl() {
    return "http://127.0.0.1:" + network.getAddress().getPort();
  }

  void connect(String channel, String address, Map<String, String> settings) {
    var r =
        admin.post(
            "api/v1/channel-accounts",
            Map.of(
                "channel",
                channel,
                "address",
                address,
                "name",
                channel + " " + run,
                "settings",
                settings));
    assertEquals(201, r.status(), r.body());
  }

  HttpResponse<String> post(String path, String body, String header, String value)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.toURI().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (value != null) {
      b.header(header, value);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String sign(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  long ticketWith(String channel, String text) {
    return Poll.until(
        () -> {
          for (var i :
              admin
                  .get("api/v1/tickets?channel=" + channel + "&limit=50")
                  .json()
                  .getJsonArray("items")) {
            JsonObject t = i.asJsonObject();
            if (t.getString("preview", "").contains(text)) {
              return t.getJsonNumber("id").longValue();
            }
          }
          return -1L;
        },
        id -> id > 0,
        "the " + channel + " ticket");
  }

  JsonObject lastMessage(long ticket) {
    var messages = admin.get("api/v1/tickets/" + ticket).json().getJsonArray("messages");
    return messages.getJsonObject(messages.size() - 1);
  }

  String whatsAppMessage(String number, String id, String text) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
         "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
          "contacts":[{"profile":{"name":"سارة"},"wa_id":"9665%s"}],
          "messages":[{"from":"9665%s","id":"%s","timestamp":"1749416383","type":"text","text":{"body":"%s"}}]}}]}]}
        """
        .formatted(number, run, run, id, text);
  }

  String whatsAppStatus(String number, String id, String status) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
         "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
         "statuses":[{"id":"%s","status":"%s","timestamp":"1749416399","recipient_id":"9665%s"}]}}]}]}
        """
        .formatted(number, id, status, run);
  }

  @Test
  void aWhatsAppMessageBecomesATicketOnceAndTheReplyGoesOutAndIsRead() throws Exception {
    String number = "1065" + run;
    String secret = "app-secret-" + run;
    connect(
        "WHATSAPP",
        number,
        Map.of(
            "accessToken",
            "EAAG-" + run,
            "appSecret",
            secret,
            "verifyToken",
            "verify-" + run,
            "apiBaseUrl",
            networkUrl() + "/v21.0"));

    // Meta's subscription handshake
    var ok =
        HTTP.send(
            HttpRequest.newBuilder(
                    base.toURI()
                        .resolve(
                            "api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-"
                                + run
                                + "&hub.challenge=1158201444"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode());
    assertEquals("1158201444", ok.body());
    var wrong =
        HTTP.send(
            HttpRequest.newBuilder(
                    base.toURI()
                        .resolve(
                            "api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, wrong.statusCode(), wrong.body());

    String text = "وين طلبي رقم " + run + "؟";
    String body = whatsAppMessage(number, "wamid.in." + run, text);
    var first = post("api/v1/webhooks/whatsapp", body, "X-Hub-Signature-256", sign(secret, body));
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(first.body().contains("\"stored\":1"), first.body());
    // Meta redelivers when it misses our answer: the same message is stored once
    var again = post("api/v1/webhooks/whatsapp", body, "X-Hub-Signature-256", sign(secret, body));
    assertEquals(200, again.statusCode());
    assertTrue(again.body().contains("\"duplicates\":1"), again.body());

    long ticket = ticketWith("WHATSAPP", run);
    JsonObject details = admin.get("api/v1/tickets/" + ticket).json();
    assertEquals(1, details.getJsonArray("messages").size(), "stored once");
    assertEquals("سارة", details.getJsonObject("contact").getString("name"));
    assertEquals(
        "+9665" + run,
        details
            .getJsonObject("contact")
            .getJsonArray("identities")
            .getJsonObject(0)
            .getString("value"));
    assertEquals(text, details.getJsonArray("messages").getJsonObject(0).getString("text"));

    var reply =
        admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "طلبك في الطريق"));
    assertTrue(reply.status() < 300, reply.body());
    JsonObject out =
        Poll.until(
            () -> lastMessage(ticket),
            m -> "SENT".equals(m.getString("deliveryStatus")),
            "the reply sent");
    String[] request = sent.get(0);
    assertEquals("/v21.0/" + number + "/messages", request[0]);
    assertEquals("Bearer EAAG-" + run, request[1]);
    assertTrue(request[2].contains("\"to\":\"9665" + run + "\""), request[2]);
    assertTrue(request[2].contains("طلبك في الطريق"), request[2]);
    String outId = out.getString("externalId");
    assertTrue(outId.startsWith("wamid.out."), outId);

    for (String status : List.of("delivered", "read", "delivered")) {
      String report = whatsAppStatus(number, outId, status);
      var r = post("api/v1/webhooks/whatsapp", report, "X-Hub-Signature-256", sign(secret, report));
      assertEquals(200, r.statusCode(), r.body());
    }
    assertEquals(
        "READ",
        lastMessage(ticket).getString("deliveryStatus"),
        "a late 'delivered' does not undo 'read'");
  }

  @Test
  void forgedUnsignedUnknownAndMalformedCallsAreRefusedAndStoreNothing() throws Exception {
    String number = "2065" + run;
    String secret = "app-secret-" + run;
    connect(
        "WHATSAPP",
        number,
        Map.of("accessToken", "t", "appSecret", secret, "apiBaseUrl", networkUrl()));
    String body = whatsAppMessage(number, "wamid.forged." + run, "forged " + run);

    var forged =
        post("api/v1/webhooks/whatsapp", body, "X-Hub-Signature-256", sign("not-the-secret", body));
    assertEquals(403, forged.statusCode(), forged.body());
    assertTrue(
        forged
            .body()
            .contains("X-Hub-Signature-256 does not match the body for WHATSAPP account " + number),
        forged.body());
    var unsigned = post("api/v1/webhooks/whatsapp", body, null, null);
    assertEquals(403, unsigned.statusCode());
    assertTrue(unsigned.body().contains("no X-Hub-Signature-256 header"), unsigned.body());
    String tampered = body.replace("forged", "changed");
    assertEquals(
        403,
        post("api/v1/webhooks/whatsapp", tampered, "X-Hub-Signature-256", sign(secret, body))
            .statusCode());

    String elsewhere = whatsAppMessage("999" + run, "wamid.x." + run, "hello");
    var unknown =
        post("api/v1/webhooks/whatsapp", elsewhere, "X-Hub-Signature-256", sign(secret, elsewhere));
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertTrue(
        unknown.body().contains("active WHATSAPP account 999" + run + " does not exist"),
        unknown.body());

    var malformed =
        post(
            "api/v1/webhooks/whatsapp",
            "{\"object\":",
            "X-Hub-Signature-256",
            sign(secret, "{\"object\":"));
    assertEquals(400, malformed.statusCode(), malformed.body());
    assertTrue(malformed.body().contains("not valid JSON"), malformed.body());
    assertTrue(
        !malformed.body().contains("at org.") && !malformed.body().contains("Exception"),
        malformed.body());
    String page = "{\"object\":\"page\",\"entry\":[]}";
    var wrongObject =
        post("api/v1/webhooks/whatsapp", page, "X-Hub-Signature-256", sign(secret, page));
    assertEquals(422, wrongObject.statusCode(), wrongObject.body());

    String empty = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";
    var nobody = post("api/v1/webhooks/whatsapp", empty, null, null);
    assertEquals(422, nobody.statusCode(), nobody.body());
    assertTrue(nobody.body().contains("the call names no WHATSAPP account"), nobody.body());

    var tickets =
        admin.get("api/v1/tickets?channel=WHATSAPP&limit=50").json().getJsonArray("items");
    assertTrue(
        tickets.stream()
            .noneMatch(
                t ->
                    t.asJsonObject().getString("preview", "").contains(run)
                        && t.toString().contains("forged")),
        "nothing stored");
  }

  @Test
  void aMessengerMessageIsAnsweredThroughTheSendApiAndReportedDelivered() throws Exception {
    String pageId = "1088" + run;
    String secret = "app-secret-m-" + run;
    connect(
        "MESSENGER",
        pageId,
        Map.of(
            "accessToken", "page-token-" + run, "appSecret", secret, "apiBaseUrl", networkUrl()));
    String body =
        """
        {"object":"page","entry":[{"id":"%s","time":1749416383000,"messaging":[
          {"sender":{"id":"6543%s"},"recipient":{"id":"%s"},"timestamp":1749416383000,
           "message":{"mid":"m_in_%s","text":"Is there a coupon for first orders? %s"}}]}]}
        """
            .formatted(pageId, run, pageId, run, run);
    var r = post("api/v1/webhooks/messenger", body, "X-Hub-Signature-256", sign(secret, body));
    assertEquals(200, r.statusCode(), r.body());
    long ticket = ticketWith("MESSENGER", run);
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "Yes: WELCOME10"));
    JsonObject out =
        Poll.until(
            () -> lastMessage(ticket),
            m -> "SENT".equals(m.getString("deliveryStatus")),
            "the reply sent");
    String[] request = sent.get(0);
    assertEquals("/me/messages", request[0]);
    assertEquals("Bearer page-token-" + run, request[1]);
    assertTrue(request[2].contains("\"id\":\"6543" + run + "\""), request[2]);
    String delivery =
        """
        {"object":"page","entry":[{"id":"%s","time":1749416390000,"messaging":[
          {"sender":{"id":"6543%s"},"recipient":{"id":"%s"},"timestamp":1749416390000,
           "delivery":{"mids":["%s"],"watermark":1749416389000}}]}]}
        """
            .formatted(pageId, run, pageId, out.getString("externalId"));
    assertEquals(
        200,
        post("api/v1/webhooks/messenger", delivery, "X-Hub-Signature-256", sign(secret, delivery))
            .statusCode());
    assertEquals("DELIVERED", lastMessage(ticket).getString("deliveryStatus"));
  }

  @Test
  void aTelegramUpdateNeedsTheBotsSecretTokenAndTheReplyGoesToTheChat() throws Exception {
    String bot = "help" + run + "_bot";
    connect(
        "TELEGRAM",
        bot,
        Map.of(
            "botToken",
            "123456:" + run,
            "webhookSecret",
            "tg-secret-" + run,
            "apiBaseUrl",
            networkUrl()));
    String update =
        """
        {"update_id":%s,"message":{"message_id":77,
         "from":{"id":555%s,"is_bot":false,"first_name":"Omar","last_name":"Haddad","language_code":"ar"},
         "chat":{"id":555%s,"first_name":"Omar","type":"private"},"date":1749416383,"text":"متى يصل طلبي %s؟"}}
        """
            .formatted(run, run, run, run);
    var wrong =
        post("api/v1/webhooks/telegram/" + bot, update, "X-Telegram-Bot-Api-Secret-Token", "guess");
    assertEquals(403, wrong.statusCode(), wrong.body());
    var ok =
        post(
            "api/v1/webhooks/telegram/" + bot,
            update,
            "X-Telegram-Bot-Api-Secret-Token",
            "tg-secret-" + run);
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("\"stored\":1"), ok.body());
    long ticket = ticketWith("TELEGRAM", run);
    assertEquals(
        "Omar Haddad",
        admin.get("api/v1/tickets/" + ticket).json().getJsonObject("contact").getString("name"));
    admin.post("api/v1/tickets/" + ticket + "/replies", Map.of("text", "غداً إن شاء الله"));
    JsonObject out =
        Poll.until(
            () -> lastMessage(ticket),
            m -> "SENT".equals(m.getString("deliveryStatus")),
            "the reply sent");
    String[] request = sent.get(0);
    assertEquals("/bot123456:" + run + "/sendMessage", request[0]);
    assertTrue(request[2].contains("\"chat_id\":\"555" + run + "\""), request[2]);
    assertEquals("555" + run + ":" + (500 + sends.get()), out.getString("externalId"));
  }
}
