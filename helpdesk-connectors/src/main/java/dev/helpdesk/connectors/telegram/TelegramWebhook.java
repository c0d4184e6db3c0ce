package dev.helpdesk.connectors.telegram;

import static dev.helpdesk.connectors.social.Payloads.id;
import static dev.helpdesk.connectors.social.Payloads.obj;
import static dev.helpdesk.connectors.social.Payloads.text;

import dev.helpdesk.connectors.social.Payloads;
import dev.helpdesk.connectors.social.WebhookBatch;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Telegram {@code Update} as the Bot API posts it to a webhook. Only a private chat's
 * {@code message} becomes a helpdesk message (edits, channel posts, group chats and everything else
 * are ignored). A shopper is {@code telegram:<user id>}; a message's id is {@code <chat
 * id>:<message id>} (Telegram numbers messages per chat); a chat threads onto one open ticket. The
 * update names no bot, so the account comes from the webhook's URL.
 */
public final class TelegramWebhook {
  private TelegramWebhook() {}

  public static WebhookBatch parse(String account, byte[] body) {
    JsonObject update = Payloads.object(body);
    id(update, "update_id", "update");
    JsonObject m = obj(update, "message");
    JsonObject chat = obj(m, "chat");
    if (m == null || !"private".equals(text(chat, "type"))) {
      return new WebhookBatch(Set.of(account), List.of(), List.of(), 1);
    }
    String text = text(m, "text");
    if (text == null) {
      String kind =
          m.get("photo") != null
              ? "photo"
              : m.get("document") != null
                  ? "document"
                  : m.get("voice") != null ? "voice" : m.get("sticker") != null ? "sticker" : null;
      if (kind == null) {
        return new WebhookBatch(Set.of(account), List.of(), List.of(), 1);
      }
      String caption = text(m, "caption");
      text = "[" + kind + "]" + (caption == null ? "" : " " + caption);
    }
    JsonObject from = obj(m, "from");
    String chatId = id(chat, "id", "message.chat");
    String first = text(from, "first_name");
    String last = text(from, "last_name");
    String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    Map<String, String> meta = new HashMap<>();
    String language = text(from, "language_code");
    if (language != null && (language.startsWith("ar") || language.startsWith("en"))) {
      meta.put(InboundMessage.LANGUAGE, language.substring(0, 2));
    }
    List<String> keys = new ArrayList<>();
    keys.add("telegram:" + account + ":" + chatId);
    String quoted = text(obj(m, "reply_to_message"), "message_id");
    if (quoted != null) {
      keys.add(chatId + ":" + quoted);
    }
    InboundMessage in =
        new InboundMessage(
            Channel.TELEGRAM,
            account,
            chatId + ":" + id(m, "message_id", "message"),
            keys,
            new SenderIdentity(
                IdentityKind.SOCIAL,
                "telegram:" + id(from, "id", "message.from"),
                name.isEmpty() ? text(from, "username") : name),
            null,
            text,
            null,
            List.of(),
            Payloads.epochSeconds(text(m, "date")),
            meta);
    return new WebhookBatch(Set.of(account), List.of(in), List.of(), 0);
  }
}
