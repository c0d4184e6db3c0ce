package dev.helpdesk.domain.model.ticket;

public enum Visibility {
  PUBLIC,
  /** An internal note: never sent to the shopper. */
  INTERNAL
}
