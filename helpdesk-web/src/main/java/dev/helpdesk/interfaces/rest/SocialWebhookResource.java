package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.SocialWebhooks;
import dev.helpdesk.connectors.instagram.InstagramConnector;
import dev.helpdesk.connectors.messenger.MessengerConnector;
import dev.helpdesk.connectors.social.WebhookBatch;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.telegram.TelegramWebhook;
import dev.helpdesk.connectors.whatsapp.WhatsAppWebhook;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Where the social networks deliver: {@code /api/v1/webhooks/whatsapp}, {@code …/messenger}, {@code
 * …/instagram} (the callback URL of the Meta app, GET for its subscription handshake, POST for
 * events) and {@code …/telegram/<bot>} (the URL given to the Bot API's {@code setWebhook}). No
 * login: each call proves itself with the connected account's secret ({@link SocialWebhooks}); a
 * forged or missing signature is 403, an account that is not connected 404, a body that is not the
 * network's JSON 400 or 422, and a redelivered message is stored once.
 */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class SocialWebhookResource {
  @Inject SocialWebhooks webhooks;

  /** Meta's handshake: echoes {@code hub.challenge} when {@code hub.verify_token} is ours. */
  @GET
  @Path("/{network: whatsapp|messenger|instagram}")
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  public Response subscribe(
      @PathParam("network") String network,
      @QueryParam("hub.mode") String mode,
      @QueryParam("hub.verify_token") String token,
      @QueryParam("hub.challenge") String challenge) {
    String path = "/api/v1/webhooks/" + network;
    if (!"subscribe".equals(mode) || challenge == null || challenge.isBlank()) {
      return Problems.response(
          400, "expected hub.mode=subscribe with hub.verify_token and hub.challenge", path, null);
    }
    if (!webhooks.verifies(Channel.parse(network), token)) {
      return Problems.response(
          403,
          "hub.verify_token is not the verifyToken of a connected " + network + " account",
          path,
          null);
    }
    return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
  }

  @POST
  @Path("/{network: whatsapp|messenger|instagram}")
  @PermitAll
  public SocialWebhooks.Received meta(
      @PathParam("network") String network,
      @HeaderParam("X-Hub-Signature-256") String signature,
      byte[] body) {
    Channel channel = Channel.parse(network);
    WebhookBatch batch =
        switch (channel) {
          case WHATSAPP -> WhatsAppWebhook.parse(body);
          case MESSENGER -> MessengerConnector.WEBHOOK.parse(body);
          default -> InstagramConnector.WEBHOOK.parse(body);
        };
    return webhooks.meta(channel, batch, body, signature);
  }

  @POST
  @Path("/telegram/{bot}")
  @PermitAll
  public SocialWebhooks.Received telegram(
      @PathParam("bot") String bot,
      @HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret,
      byte[] body) {
    return webhooks.telegram(bot, TelegramWebhook.parse(bot, body), secret);
  }
}
