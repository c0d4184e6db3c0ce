package dev.helpdesk.infrastructure.chat;

import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import dev.helpdesk.application.internal.ChannelAccounts;
import dev.helpdesk.application.internal.ChatConversations;
import dev.helpdesk.application.internal.ConnectorRegistry;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.OutboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import dev.helpdesk.domain.model.channel.ChatConversation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The chat channel's outbound half. An agent's reply is already stored (it is the conversation's
 * next message); delivering it means telling the shopper's open widgets, on whichever node they are
 * connected, to read it ({@link RealtimeHub}). When the shopper is not connected and left an e-mail
 * address, the reply is also e-mailed from the first mailbox, with the ticket's reference in the
 * subject so that an answer by e-mail threads back onto the ticket.
 */
@ApplicationScoped
public class ChatConnector implements ChannelConnector {
  private static final Logger LOG = Logger.getLogger(ChatConnector.class.getName());

  @Inject RealtimeHub hub;
  @Inject ChatConversations conversations;
  @Inject ConnectorRegistry connectors;
  @Inject ChannelAccounts accounts;

  @Override
  public Channel channel() {
    return Channel.CHAT;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage m) throws DeliveryException {
    ChatConversation c = conversations.ofTicket(m.ticketReference());
    if (c == null) {
      throw new DeliveryException(
          "ticket " + m.ticketReference() + " has no chat conversation", true);
    }
    hub.publish(RealtimeEvent.messages(c.getId(), 0));
    String id = "chat:" + c.getId() + ":out-" + m.messageId();
    if (!c.isShopperOnline(Instant.now()) && c.getShopperEmail() != null && !m.automatic()) {
      String mailed = email(m, c);
      if (mailed != null) {
        id = id + "+" + mailed;
      }
    }
    return new DeliveryReceipt(id);
  }

  /** The reply as an e-mail to the shopper; its Message-ID, or null when there is no mailbox. */
  private String email(OutboundMessage m, ChatConversation c) throws DeliveryException {
    ChannelConnector email = connectors.forChannel(Channel.EMAIL);
    ChannelAccount box = accounts.firstActive(Channel.EMAIL);
    if (email == null || box == null) {
      LOG.info("chat reply " + m.messageId() + " not e-mailed: no mailbox is connected");
      return null;
    }
    boolean arabic = "ar".equals(c.getLanguage());
    String subject =
        (arabic ? "ردّنا على محادثتك" : "Our reply to your chat")
            + " [#"
            + m.ticketReference()
            + "]";
    String text =
        m.text()
            + "\n\n— "
            + (arabic
                ? "أرسلنا هذا بالبريد لأنك غادرت المحادثة. يمكنك الرد على هذه الرسالة مباشرة."
                : "You had left the chat, so we e-mailed this. Just reply to this message.");
    DeliveryReceipt r =
        email.send(
            new OutboundMessage(
                m.messageId(),
                Channel.EMAIL,
                box.senderSettings(),
                new SenderIdentity(IdentityKind.EMAIL, c.getShopperEmail(), c.getShopperName()),
                m.ticketReference(),
                subject,
                text,
                null,
                null,
                List.of(),
                m.authorName(),
                m.attachments(),
                false));
    return r.externalId();
  }
}
