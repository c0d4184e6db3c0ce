package dev.helpdesk.domain.model.ticket;

/**
 * Delivery of an outbound message; inbound messages and notes are {@code RECEIVED}/{@code NOTE}.
 */
public enum DeliveryStatus {
  RECEIVED,
  NOTE,
  QUEUED,
  SENT,
  /** The channel reported it reached the shopper's device (WhatsApp, Messenger). */
  DELIVERED,
  /** The channel reported the shopper read it (WhatsApp). */
  READ,
  FAILED
}
