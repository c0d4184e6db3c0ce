package dev.helpdesk.domain.model.agent;

/** Staff roles. Managers and admins see every ticket; agents see their teams' tickets. */
public enum Role {
  AGENT,
  MANAGER,
  ADMIN,
  /** A system account whose API token feeds the API channel. */
  INTEGRATION
}
