package dev.helpdesk.application;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import java.util.Set;

/**
 * Ticket list filters; null means "any". {@code teamIds}: tickets of any of these teams. {@code
 * assignee} is an agent id, or 0 for unassigned. {@code text} is a full-text query over subjects
 * and message bodies (English and Arabic).
 */
public record TicketFilter(
    Set<TicketStatus> statuses,
    Set<Long> teamIds,
    Long assigneeId,
    Channel channel,
    String tag,
    String topic,
    Long contactId,
    String text) {
  public static TicketFilter none() {
    return new TicketFilter(null, null, null, null, null, null, null, null);
  }
}
