package dev.helpdesk.connectors.whatsapp;

import dev.helpdesk.connectors.social.JsonHttp;
import dev.helpdesk.connectors.social.MetaMessaging;
import dev.helpdesk.connectors.social.Texts;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.OutboundMessage;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Sends replies through the WhatsApp Cloud API: {@code POST /<phone number id>/messages} with the
 * account's {@code accessToken}. Account address: the phone number id; settings: {@code
 * accessToken}, {@code appSecret} (webhook signatures), {@code verifyToken} (webhook subscription),
 * optionally {@code apiBaseUrl}. WhatsApp takes free-form text only within 24 hours of the
 * shopper's last message; later, it refuses, and the reply shows as failed with WhatsApp's reason.
 */
public final class WhatsAppConnector implements ChannelConnector {
  static final int MAX_TEXT = 4096;

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage m) throws DeliveryException {
    String token = JsonHttp.required("WhatsApp", m.account(), "accessToken");
    String number = m.account().get("address");
    String to = m.recipient().value().replaceAll("[^0-9]", "");
    if (to.isEmpty()) {
      throw new DeliveryException("not a phone number: " + m.recipient().value(), true);
    }
    String url = JsonHttp.baseUrl(m.account(), MetaMessaging.GRAPH) + "/" + number + "/messages";
    return Texts.sendInPieces(
        m.text(),
        MAX_TEXT,
        piece -> {
          JsonObject body =
              JsonHttp.JSON
                  .createObjectBuilder()
                  .add("messaging_product", "whatsapp")
                  .add("recipient_type", "individual")
                  .add("to", to)
                  .add("type", "text")
                  .add(
                      "text",
                      JsonHttp.JSON
                          .createObjectBuilder()
                          .add("preview_url", false)
                          .add("body", piece))
                  .build();
          JsonObject answer = JsonHttp.post("WhatsApp", url, token, body);
          List<JsonObject> ids =
              answer.getJsonArray("messages") == null
                  ? List.of()
                  : answer.getJsonArray("messages").getValuesAs(JsonObject.class);
          if (ids.isEmpty() || ids.get(0).getString("id", null) == null) {
            throw new DeliveryException("WhatsApp answered without a message id", false);
          }
          return ids.get(0).getString("id");
        });
  }
}
