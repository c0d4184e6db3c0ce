package dev.helpdesk.connectors.social;

import static dev.helpdesk.connectors.social.Payloads.id;
import static dev.helpdesk.connectors.social.Payloads.obj;
import static dev.helpdesk.connectors.social.Payloads.objects;
import static dev.helpdesk.connectors.social.Payloads.text;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.DeliveryUpdate;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.connectors.spi.OutboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Meta's Messenger Platform format, which Messenger ({@code "object": "page"}) and Instagram
 * messaging ({@code "object": "instagram"}) share: webhook events under {@code
 * entry[].messaging[]}, replies through the Send API ({@code POST /me/messages} with the page's
 * access token). A shopper is {@code <network>:<their page-scoped id>}; a conversation is the pair
 * of page and shopper, so their messages thread onto one open ticket.
 */
public final class MetaMessaging {
  /**
   * Graph API base URL, unless an account names its own ({@code apiBaseUrl}, e.g. a test double).
   */
  public static final String GRAPH = "https://graph.facebook.com/v21.0";

  /** Longest text the Send API takes in one message. */
  static final int MAX_TEXT = 2000;

  private final Channel channel;
  private final String object;
  private final String network;

  public MetaMessaging(Channel channel, String object) {
    this.channel = channel;
    this.object = object;
    this.network = channel.name().toLowerCase(Locale.ROOT);
  }

  /** Parses a webhook body (signature already checked by the caller, who knows the secret). */
  public WebhookBatch parse(byte[] body) {
    JsonObject root = Payloads.object(body);
    if (!object.equals(text(root, "object"))) {
      throw new InvalidPayloadException(
          "\"object\" is " + text(root, "object") + ", expected \"" + object + "\"", false);
    }
    Set<String> accounts = new LinkedHashSet<>();
    List<InboundMessage> messages = new ArrayList<>();
    List<DeliveryUpdate> updates = new ArrayList<>();
    int ignored = 0;
    for (JsonObject entry : objects(root, "entry")) {
      String page = id(entry, "id", "entry");
      accounts.add(page);
      for (JsonObject event : objects(entry, "messaging")) {
        JsonObject message = obj(event, "message");
        JsonObject delivery = obj(event, "delivery");
        if (message != null && !message.getBoolean("is_echo", false)) {
          messages.add(inbound(page, event, message));
        } else if (delivery != null) {
          for (String mid : Payloads.strings(delivery, "mids")) {
            updates.add(new DeliveryUpdate(channel, mid, DeliveryUpdate.State.DELIVERED, null));
          }
        } else {
          ignored++; // our own replies echoed, read marks, reactions, postbacks
        }
      }
    }
    return new WebhookBatch(accounts, messages, updates, ignored);
  }

  private InboundMessage inbound(String page, JsonObject event, JsonObject message) {
    String sender = id(obj(event, "sender"), "id", "messaging[].sender");
    String mid = id(message, "mid", "messaging[].message");
    List<String> keys = new ArrayList<>();
    keys.add(network + ":" + page + ":" + sender);
    String quoted = text(obj(message, "reply_to"), "mid");
    if (quoted != null) {
      keys.add(quoted);
    }
    StringBuilder text = new StringBuilder(message.getString("text", ""));
    for (JsonObject a : objects(message, "attachments")) {
      String url = text(obj(a, "payload"), "url");
      text.append(text.isEmpty() ? "" : "\n")
          .append('[')
          .append(a.getString("type", "file"))
          .append(']')
          .append(url == null ? "" : " " + url);
    }
    return new InboundMessage(
        channel,
        page,
        mid,
        keys,
        new SenderIdentity(IdentityKind.SOCIAL, network + ":" + sender, null),
        null,
        text.toString(),
        null,
        List.of(),
        Payloads.epochMillis(text(event, "timestamp")),
        java.util.Map.of());
  }

  /** Sends a reply through the Send API; a text longer than one message goes as several. */
  public DeliveryReceipt send(OutboundMessage m) throws DeliveryException {
    String token = JsonHttp.required(channel.name(), m.account(), "accessToken");
    String recipient = unprefixed(m.recipient().value());
    String url = JsonHttp.baseUrl(m.account(), GRAPH) + "/me/messages";
    return Texts.sendInPieces(
        m.text(),
        MAX_TEXT,
        piece -> {
          JsonObject body =
              JsonHttp.JSON
                  .createObjectBuilder()
                  .add("recipient", JsonHttp.JSON.createObjectBuilder().add("id", recipient))
                  .add("messaging_type", "RESPONSE")
                  .add("message", JsonHttp.JSON.createObjectBuilder().add("text", piece))
                  .build();
          String id = JsonHttp.post(channel.name(), url, token, body).getString("message_id", null);
          if (id == null) {
            throw new DeliveryException(channel + " answered without a message_id", false);
          }
          return id;
        });
  }

  private String unprefixed(String value) {
    String prefix = network + ":";
    return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
  }
}
