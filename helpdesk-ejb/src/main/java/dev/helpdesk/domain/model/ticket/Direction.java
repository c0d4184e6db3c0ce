package dev.helpdesk.domain.model.ticket;

public enum Direction {
  /** From the shopper. */
  INBOUND,
  /** From staff (a reply or an internal note). */
  OUTBOUND
}
