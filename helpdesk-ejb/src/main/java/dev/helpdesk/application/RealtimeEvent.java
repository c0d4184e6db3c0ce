package dev.helpdesk.application;

/**
 * Something a connected browser should hear of now: a chat conversation changed (new messages,
 * agent typing, read receipts) or a staff inbox event. Carried by {@link RealtimeHub} to every
 * node's WebSocket registries; the payload is ready-to-send JSON or a hint to read from the
 * database (what was missed always comes from the database, never from this event).
 *
 * @param audience who hears it
 * @param conversation the chat conversation, for {@link Audience#CONVERSATION}
 * @param ticketId the ticket, for {@link Audience#STAFF} (visibility is checked per agent with its
 *     team and assignee)
 * @param kind what happened: {@code messages}, {@code typing}, {@code read}, a ticket event type…
 * @param payload JSON object text for the client, may be null
 * @param seq the staff journal number of a ticket event (0: not journalled, e.g. presence)
 */
public record RealtimeEvent(
    Audience audience,
    String conversation,
    Long ticketId,
    Long teamId,
    Long assigneeId,
    String kind,
    String payload,
    long seq) {
  public enum Audience {
    CONVERSATION,
    STAFF
  }

  /**
   * The conversation has new messages, up to {@code seq} (0: unknown; the payload carries it): each
   * open widget that has not seen that far reads what it lacks from the database.
   */
  public static RealtimeEvent messages(String conversation, int seq) {
    return new RealtimeEvent(
        Audience.CONVERSATION,
        conversation,
        null,
        null,
        null,
        "messages",
        seq > 0 ? Integer.toString(seq) : null,
        0);
  }

  public static RealtimeEvent toConversation(String conversation, String kind, String payload) {
    return new RealtimeEvent(
        Audience.CONVERSATION, conversation, null, null, null, kind, payload, 0);
  }

  /** To the agents who may see a ticket of this team and assignee. */
  public static RealtimeEvent toStaff(
      long ticketId, Long teamId, Long assigneeId, String kind, String payload, long seq) {
    return new RealtimeEvent(
        Audience.STAFF, null, ticketId, teamId, assigneeId, kind, payload, seq);
  }

  /** To every member of staff (agent presence). */
  public static RealtimeEvent toAllStaff(String kind, String payload) {
    return new RealtimeEvent(Audience.STAFF, null, null, null, null, kind, payload, 0);
  }
}
