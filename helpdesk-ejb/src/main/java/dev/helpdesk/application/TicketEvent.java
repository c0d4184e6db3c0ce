package dev.helpdesk.application;

/**
 * Something happened to a ticket; fired as a CDI event inside the transaction and observed {@code
 * AFTER_SUCCESS} (routing, FAQ suggestions, the realtime hub), so nobody reacts to a change that
 * was rolled back.
 */
public record TicketEvent(
    Type type,
    long ticketId,
    Long messageId,
    Long teamId,
    Long assigneeId,
    boolean topicOpen,
    boolean routed) {
  /**
   * The event for a ticket as it is now (its team and assignee decide who hears of it; {@code
   * topicOpen}: routing may still change its topic on a new message, see {@link Router#reclassify};
   * {@code routed}: routing has decided on the ticket).
   */
  public static TicketEvent of(
      Type type, dev.helpdesk.domain.model.ticket.Ticket t, Long messageId) {
    return new TicketEvent(
        type,
        t.getId(),
        messageId,
        t.getTeam() == null ? null : t.getTeam().getId(),
        t.getAssignee() == null ? null : t.getAssignee().getId(),
        Router.topicOpen(t),
        t.getRoutedAt() != null);
  }

  /**
   * The same event once routing has already done its part inside the transaction that fired it
   * (routed, its topic reconsidered): nothing for routing to do after commit.
   */
  public TicketEvent routingDone() {
    return new TicketEvent(type, ticketId, messageId, teamId, assigneeId, false, true);
  }

  public enum Type {
    TICKET_CREATED,
    MESSAGE_ADDED,
    TICKET_UPDATED,
    DELIVERY_CHANGED
  }
}
