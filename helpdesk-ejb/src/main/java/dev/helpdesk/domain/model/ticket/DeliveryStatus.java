package dev.helpdesk.domain.model.ticket;

/**
 * Delivery of an outbound message; inbound messages and notes are {@code RECEIVED}/{@code NOTE}.
 */
public enum DeliveryStatus {
  RECEIVED,
  NOTE,
  QUEUED,
  SENT,
  FAILED
}
