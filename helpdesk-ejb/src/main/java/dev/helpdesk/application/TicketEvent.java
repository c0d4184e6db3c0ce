package dev.helpdesk.application;

/**
 * Something happened to a ticket; fired as a CDI event inside the transaction and observed
 * {@code AFTER_SUCCESS} (routing, FAQ suggestions, the realtime hub), so nobody reacts to a change
 * that was rolled back.
 */
public record TicketEvent(Type type, long ticketId, Long messageId, Long teamId, Long assigneeId) {
  public enum Type {
    TICKET_CREATED,
    MESSAGE_ADDED,
    TICKET_UPDATED,
    DELIVERY_CHANGED
  }
}
