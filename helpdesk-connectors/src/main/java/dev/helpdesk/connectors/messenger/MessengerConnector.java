package dev.helpdesk.connectors.messenger;

import dev.helpdesk.connectors.social.MetaMessaging;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.OutboundMessage;

/**
 * Messenger: a Facebook page's Messenger inbox (account address: the page id). Webhooks in Meta's
 * messaging format ({@link #WEBHOOK}), signed with the app secret; replies through the Send API
 * with the page access token. Account settings: {@code accessToken}, {@code appSecret}, {@code
 * verifyToken}, optionally {@code apiBaseUrl}.
 */
public final class MessengerConnector implements ChannelConnector {
  /** The webhook's format: {@code "object": "page"}. */
  public static final MetaMessaging WEBHOOK = new MetaMessaging(Channel.MESSENGER, "page");

  @Override
  public Channel channel() {
    return Channel.MESSENGER;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage message) throws DeliveryException {
    return WEBHOOK.send(message);
  }
}
