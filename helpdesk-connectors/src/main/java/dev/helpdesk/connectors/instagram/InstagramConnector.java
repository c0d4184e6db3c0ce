package dev.helpdesk.connectors.instagram;

import dev.helpdesk.connectors.social.MetaMessaging;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import dev.helpdesk.connectors.spi.OutboundMessage;

/**
 * Instagram: an Instagram professional account's direct messages (account address: its Instagram
 * account id). Webhooks in Meta's messaging format ({@link #WEBHOOK}), signed with the app secret;
 * replies through the Send API with the page access token. Account settings: {@code accessToken},
 * {@code appSecret}, {@code verifyToken}, optionally {@code apiBaseUrl}.
 */
public final class InstagramConnector implements ChannelConnector {
  /** The webhook's format: {@code "object": "instagram"}. */
  public static final MetaMessaging WEBHOOK = new MetaMessaging(Channel.INSTAGRAM, "instagram");

  @Override
  public Channel channel() {
    return Channel.INSTAGRAM;
  }

  @Override
  public DeliveryReceipt send(OutboundMessage message) throws DeliveryException {
    return WEBHOOK.send(message);
  }
}
