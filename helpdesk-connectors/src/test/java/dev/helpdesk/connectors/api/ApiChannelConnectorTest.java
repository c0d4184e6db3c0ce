package dev.helpdesk.connectors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.OutboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiChannelConnectorTest {
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicReference<String> signature = new AtomicReference<>();

  @BeforeEach
  void startReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/replies",
        exchange -> {
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          signature.set(exchange.getRequestHeaders().getFirst("X-Helpdesk-Signature"));
          byte[] answer = "{\"id\":\"store-msg-9\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OutboundMessage reply(Map<String, String> account) {
    return new OutboundMessage(
        7L,
        Channel.API,
        account,
        new SenderIdentity(IdentityKind.EMAIL, "sam@example.com", "Sam"),
        1042L,
        "Re: order",
        "وصل طلبك",
        null,
        "crm-1",
        List.of("crm-1"),
        "Nadia",
        List.of(),
        false);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/replies";
  }

  @Test
  void isFoundThroughServiceLoader() {
    assertTrue(
        ServiceLoader.load(ChannelConnector.class).stream()
            .anyMatch(p -> p.get().channel() == Channel.API));
  }

  @Test
  void postsTheSignedReplyToTheCallbackAndKeepsTheReceiversId() throws Exception {
    var receipt =
        new ApiChannelConnector()
            .send(
                reply(
                    Map.of("callbackUrl", url(), "callbackSecret", "s3cret", "address", "shop-a")));
    assertEquals("shop-a/store-msg-9", receipt.externalId(), "scoped like inbound ids");
    assertTrue(body.get().contains("\"text\":\"وصل طلبك\""), body.get());
    assertTrue(body.get().contains("\"inReplyTo\":\"crm-1\""), "the store's own id: " + body.get());
    assertEquals(
        "sha256=" + ApiChannelConnector.hmacSha256Hex("s3cret", body.get()), signature.get());
  }

  @Test
  void serverErrorsAreRetryableAndClientErrorsPermanent() {
    status.set(503);
    DeliveryException retry =
        assertThrows(
            DeliveryException.class,
            () -> new ApiChannelConnector().send(reply(Map.of("callbackUrl", url()))));
    assertFalse(retry.isPermanent());
    status.set(410);
    DeliveryException gone =
        assertThrows(
            DeliveryException.class,
            () -> new ApiChannelConnector().send(reply(Map.of("callbackUrl", url()))));
    assertTrue(gone.isPermanent());
    assertEquals("callback answered HTTP 410", gone.getMessage());
  }

  @Test
  void withoutCallbackDeliveryIsRecorded() throws Exception {
    assertTrue(
        new ApiChannelConnector().send(reply(Map.of())).externalId().startsWith("api/reply-"));
  }
}
