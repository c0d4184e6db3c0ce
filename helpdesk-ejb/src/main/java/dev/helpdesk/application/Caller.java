package dev.helpdesk.application;

import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.ticket.Ticket;
import java.util.Set;

/** Who is acting: a member of staff (or an integration), with their roles and teams. */
public record Caller(
    long agentId, String login, String displayName, Set<Role> roles, Set<Long> teamIds) {
  public Caller {
    roles = Set.copyOf(roles);
    teamIds = Set.copyOf(teamIds);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean seesAllTickets() {
    return has(Role.MANAGER) || has(Role.ADMIN);
  }

  /**
   * Agents see tickets of their teams, tickets assigned to them, and tickets no team has yet (the
   * shared triage queue); managers and admins see all.
   */
  public boolean canSee(Ticket t) {
    if (seesAllTickets()) {
      return true;
    }
    if (!has(Role.AGENT)) {
      return false;
    }
    if (t.getAssignee() != null && t.getAssignee().getId() == agentId) {
      return true;
    }
    return t.getTeam() == null || teamIds.contains(t.getTeam().getId());
  }
}
