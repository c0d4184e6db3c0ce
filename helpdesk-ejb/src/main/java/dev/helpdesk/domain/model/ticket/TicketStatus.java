package dev.helpdesk.domain.model.ticket;

/** NEW until someone acts on it; SOLVED reopens on a new message; CLOSED is final. */
public enum TicketStatus {
  NEW,
  OPEN,
  PENDING,
  SOLVED,
  CLOSED;

  public boolean isOpen() {
    return this == NEW || this == OPEN || this == PENDING;
  }
}
