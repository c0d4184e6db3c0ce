package dev.helpdesk.application;

import dev.helpdesk.domain.model.ticket.Ticket;
import jakarta.persistence.EntityManager;

/**
 * The one rule for reaching a ticket by id: it exists (else 404) and the caller may see it (403).
 */
final class TicketAccess {
  private TicketAccess() {}

  static Ticket visible(EntityManager em, Caller caller, long id) {
    Ticket t = em.find(Ticket.class, id);
    if (t == null) {
      throw new NotFoundException("ticket", "#" + id);
    }
    if (!caller.canSee(t)) {
      throw new AccessDeniedException("ticket #" + id + " belongs to a team you are not in");
    }
    return t;
  }
}
