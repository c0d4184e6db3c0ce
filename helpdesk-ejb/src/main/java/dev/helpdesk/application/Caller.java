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
    return canSee(
        t.getTeam() == null ? null : t.getTeam().getId(),
        t.getAssignee() == null ? null : t.getAssignee().getId());
  }

  /** The same rule for a ticket known by its team and assignee ids (realtime events). */
  public boolean canSee(Long teamId, Long assigneeId) {
    if (seesAllTickets()) {
      return true;
    }
    if (!has(Role.AGENT)) {
      return false;
    }
    if (assigneeId != null && assigneeId == agentId) {
      return true;
    }
    return teamId == null || teamIds.contains(teamId);
  }
}
