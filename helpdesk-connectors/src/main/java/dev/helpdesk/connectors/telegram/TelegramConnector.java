package dev.helpdesk.connectors.telegram;

import dev.helpdesk.connectors.social.JsonHttp;
import dev.helpdesk.connectors.social.Texts;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.OutboundMessage;
import jakarta.json.JsonObject;

/**
 * Sends replies through the Telegram Bot API ({@code sendMessage}). Account address: the bot's
 * name, as in its webhook URL; settings: {@code botToken}, {@code webhookSecret} (the {@code
 * secret_token} given to {@code setWebhook}, which Telegram sends back in {@code
 * X-Telegram-Bot-Api-Secret-Token}), optionally {@code apiBaseUrl}. The token is part of the API's
 * URL, so no error message here ever names the URL.
 */
public final class TelegramConnector implements ChannelConnector {
  public static final String API = "https://api.telegram.org";
  static final int MAX_TEXT = 4096;

  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage m) throws DeliveryException {
    String token = JsonHttp.required("Telegram", m.account(), "botToken");
    String recipient = m.recipient().value();
    String to =
        recipient.startsWith("telegram:") ? recipient.substring("telegram:".length()) : recipient;
    String url = JsonHttp.baseUrl(m.account(), API) + "/bot" + token + "/sendMessage";
    return Texts.sendInPieces(
        m.text(),
        MAX_TEXT,
        piece -> {
          JsonObject body =
              JsonHttp.JSON.createObjectBuilder().add("chat_id", to).add("text", piece).build();
          JsonObject answer = JsonHttp.post("Telegram", url, null, body);
          JsonObject result =
              answer.get("result") instanceof JsonObject r && answer.getBoolean("ok", false)
                  ? r
                  : null;
          if (result == null || !result.containsKey("message_id")) {
            throw new DeliveryException("Telegram answered without a message_id", false);
          }
          return to + ":" + result.get("message_id");
        });
  }
}
