package dev.helpdesk.domain.model.routing;

/** How a team's tickets are given to its agents. */
public enum AssignmentStrategy {
  /** Online agents in turn: the one given a ticket longest ago goes first. */
  ROUND_ROBIN,
  /** The online agent with the fewest open tickets (or chats, for a chat) relative to capacity. */
  LEAST_LOADED,
  /** Nobody is assigned automatically: the ticket waits in the team's queue. */
  MANUAL
}
