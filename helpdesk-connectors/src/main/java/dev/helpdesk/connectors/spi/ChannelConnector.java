package dev.helpdesk.connectors.spi;

/**
 * A channel's outbound half. Connectors are found with {@link java.util.ServiceLoader}; each
 * channel package registers its own in {@code META-INF/services}. Implementations are stateless and
 * thread-safe.
 */
public interface ChannelConnector {

  /** The channel this connector sends on. */
  Channel channel();

  /**
   * Sends a message and returns the channel's id for it.
   *
   * @throws DeliveryException when the channel refused or could not be reached
   */
  DeliveryReceipt send(OutboundMessage message) throws DeliveryException;
}
