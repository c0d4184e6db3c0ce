package dev.helpdesk.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Ticket events, once committed, to the staff WebSocket ({@code /ws/agent}) of every node; the
 * registry there decides which agent may hear of which ticket.
 */
@ApplicationScoped
public class StaffFeed {
  @Inject RealtimeHub hub;

  /**
   * First among the observers of a commit: an agent waiting for the message is told before any
   * other work.
   */
  void on(
      @Observes(during = TransactionPhase.AFTER_SUCCESS)
          @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE)
          TicketEvent e) {
    StringBuilder json =
        new StringBuilder("{\"type\":\"ticket\",\"event\":\"")
            .append(e.type().name())
            .append("\",\"ticket\":")
            .append(e.ticketId());
    if (e.messageId() != null) {
      json.append(",\"message\":").append(e.messageId());
    }
    if (e.teamId() != null) {
      json.append(",\"team\":").append(e.teamId());
    }
    if (e.assigneeId() != null) {
      json.append(",\"assignee\":").append(e.assigneeId());
    }
    json.append(",\"at\":").append(System.currentTimeMillis()).append('}');
    hub.publish(
        RealtimeEvent.toStaff(
            e.ticketId(), e.teamId(), e.assigneeId(), e.type().name(), json.toString()));
  }
}
