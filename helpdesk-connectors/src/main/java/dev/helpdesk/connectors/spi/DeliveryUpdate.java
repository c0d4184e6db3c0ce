package dev.helpdesk.connectors.spi;

import java.util.Objects;

/**
 * What a channel later reports about a message we sent (a WhatsApp status, a Messenger delivery):
 * the message, known by the id the channel gave it, was delivered, read, or failed.
 *
 * @param channel the channel that reports it
 * @param externalId the channel's id of our message (the id its send answered)
 * @param state how far the message got
 * @param reason why it failed, for {@link State#FAILED}; else null
 */
public record DeliveryUpdate(Channel channel, String externalId, State state, String reason) {
  /** Delivery states a channel reports, in the order a message passes them. */
  public enum State {
    DELIVERED,
    READ,
    FAILED
  }

  public DeliveryUpdate {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(state, "state");
  }
}
