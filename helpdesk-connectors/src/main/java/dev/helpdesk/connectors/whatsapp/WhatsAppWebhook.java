package dev.helpdesk.connectors.whatsapp;

import static dev.helpdesk.connectors.social.Payloads.id;
import static dev.helpdesk.connectors.social.Payloads.obj;
import static dev.helpdesk.connectors.social.Payloads.objects;
import static dev.helpdesk.connectors.social.Payloads.text;

import dev.helpdesk.connectors.social.Payloads;
import dev.helpdesk.connectors.social.WebhookBatch;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.DeliveryUpdate;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a WhatsApp Cloud API webhook ({@code "object": "whatsapp_business_account"}): shoppers'
 * messages under {@code entry[].changes[].value.messages}, reports on ours under {@code .statuses}.
 * The account is the business phone number's id ({@code metadata.phone_number_id}); a shopper is
 * their phone number, {@code +} and the {@code wa_id}, with the name of their WhatsApp profile;
 * their messages to one number thread onto one open ticket.
 */
public final class WhatsAppWebhook {
  private WhatsAppWebhook() {}

  public static WebhookBatch parse(byte[] body) {
    JsonObject root = Payloads.object(body);
    if (!"whatsapp_business_account".equals(text(root, "object"))) {
      throw new InvalidPayloadException(
          "\"object\" is " + text(root, "object") + ", expected \"whatsapp_business_account\"",
          false);
    }
    Set<String> accounts = new LinkedHashSet<>();
    List<InboundMessage> messages = new ArrayList<>();
    List<DeliveryUpdate> updates = new ArrayList<>();
    int ignored = 0;
    for (JsonObject entry : objects(root, "entry")) {
      for (JsonObject change : objects(entry, "changes")) {
        JsonObject value = obj(change, "value");
        if (!"messages".equals(text(change, "field")) || value == null) {
          ignored++;
          continue;
        }
        String number = id(obj(value, "metadata"), "phone_number_id", "value.metadata");
        accounts.add(number);
        Map<String, String> names = new HashMap<>();
        for (JsonObject c : objects(value, "contacts")) {
          String name = text(obj(c, "profile"), "name");
          if (text(c, "wa_id") != null && name != null && !name.isBlank()) {
            names.put(text(c, "wa_id"), name.strip());
          }
        }
        for (JsonObject m : objects(value, "messages")) {
          String body0 = textOf(m);
          if (body0 == null) {
            ignored++; // reactions, and kinds a person does not read (system, unsupported)
            continue;
          }
          String from = id(m, "from", "messages[]");
          List<String> keys = new ArrayList<>();
          keys.add("whatsapp:" + number + ":" + from);
          String quoted = text(obj(m, "context"), "id");
          if (quoted != null) {
            keys.add(quoted);
          }
          messages.add(
              new InboundMessage(
                  Channel.WHATSAPP,
                  number,
                  id(m, "id", "messages[]"),
                  keys,
                  new SenderIdentity(IdentityKind.PHONE, "+" + from, names.get(from)),
                  null,
                  body0,
                  null,
                  List.of(),
                  Payloads.epochSeconds(text(m, "timestamp")),
                  Map.of()));
        }
        for (JsonObject s : objects(value, "statuses")) {
          DeliveryUpdate.State state =
              switch (String.valueOf(text(s, "status"))) {
                case "delivered" -> DeliveryUpdate.State.DELIVERED;
                case "read" -> DeliveryUpdate.State.READ;
                case "failed" -> DeliveryUpdate.State.FAILED;
                default -> null; // "sent": we knew when the send answered
              };
          if (state == null) {
            ignored++;
            continue;
          }
          updates.add(
              new DeliveryUpdate(
                  Channel.WHATSAPP,
                  id(s, "id", "statuses[]"),
                  state,
                  state == DeliveryUpdate.State.FAILED ? reason(s) : null));
        }
      }
    }
    return new WebhookBatch(accounts, messages, updates, ignored);
  }

  /** What a person wrote or chose, as text; null for kinds with nothing to read. */
  private static String textOf(JsonObject m) {
    String type = String.valueOf(text(m, "type"));
    return switch (type) {
      case "text" -> text(obj(m, "text"), "body");
      case "button" -> text(obj(m, "button"), "text");
      case "interactive" -> {
        JsonObject i = obj(m, "interactive");
        String title = text(obj(i, "button_reply"), "title");
        yield title != null ? title : text(obj(i, "list_reply"), "title");
      }
      case "image", "document", "video", "audio", "sticker" -> {
        JsonObject media = obj(m, type);
        String caption = text(media, "caption");
        String name = text(media, "filename");
        yield "["
            + type
            + (name == null ? "" : " " + name)
            + "]"
            + (caption == null ? "" : " " + caption);
      }
      case "location" -> {
        JsonObject l = obj(m, "location");
        String name = text(l, "name");
        yield "[location] "
            + text(l, "latitude")
            + ","
            + text(l, "longitude")
            + (name == null ? "" : " " + name);
      }
      default -> null;
    };
  }

  private static String reason(JsonObject status) {
    List<JsonObject> errors = objects(status, "errors");
    if (errors.isEmpty()) {
      return "WhatsApp reported the message as failed";
    }
    JsonObject e = errors.get(0);
    String details = text(obj(e, "error_data"), "details");
    String title = text(e, "title");
    return "WhatsApp error "
        + text(e, "code")
        + ": "
        + (details != null ? details : title != null ? title : text(e, "message"));
  }
}
