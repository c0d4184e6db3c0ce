package dev.helpdesk.domain.model.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The order in which a team's agents are offered a ticket. Only agents who are online and have room
 * (open tickets below their capacity; for a chat, open chats below their chat capacity) are
 * offered; then
 *
 * <ol>
 *   <li>sticky: the contact's previous agent, when the team is sticky;
 *   <li>language: agents who speak the ticket's language before the others;
 *   <li>skills: agents with more of the skills the ticket calls for (its topic, e.g. {@code
 *       payment}, and its tags, e.g. {@code vip}) before those with fewer;
 *   <li>the strategy: round-robin (given a ticket longest ago first), least-loaded (lowest share of
 *       capacity in use first, then longest ago).
 * </ol>
 *
 * The database has the last word: the assignment locks the agent's row and counts again, so two
 * nodes choosing the same agent at once cannot push them over capacity.
 */
public final class Candidates {
  private Candidates() {}

  /** An agent as assignment sees them. */
  public record AgentLoad(
      long id,
      Set<String> languages,
      Set<String> skills,
      boolean online,
      int openTickets,
      int openChats,
      int capacity,
      int chatCapacity,
      Instant lastAssignedAt) {
    public boolean hasRoom(boolean chat) {
      return chat ? openChats < chatCapacity : openTickets < capacity;
    }

    double load(boolean chat) {
      int cap = chat ? chatCapacity : capacity;
      return cap <= 0 ? 1 : (double) (chat ? openChats : openTickets) / cap;
    }
  }

  /**
   * The agents to offer the ticket to, best first.
   *
   * @param skills what the ticket calls for, lower case (its topic and tags)
   */
  public static List<AgentLoad> order(
      AssignmentStrategy strategy,
      List<AgentLoad> agents,
      String language,
      Set<String> skills,
      boolean chat,
      Long previousAgent,
      boolean sticky) {
    List<AgentLoad> out = new ArrayList<>();
    for (AgentLoad a : agents) {
      if (a.online() && a.hasRoom(chat)) {
        out.add(a);
      }
    }
    Comparator<AgentLoad> longestAgo =
        Comparator.comparing(
                AgentLoad::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(AgentLoad::id);
    Comparator<AgentLoad> byStrategy =
        strategy == AssignmentStrategy.LEAST_LOADED
            ? Comparator.<AgentLoad>comparingDouble(a -> a.load(chat)).thenComparing(longestAgo)
            : longestAgo;
    Comparator<AgentLoad> order =
        Comparator.<AgentLoad>comparingInt(
                a -> sticky && previousAgent != null && a.id() == previousAgent ? 0 : 1)
            .thenComparingInt(a -> language == null || a.languages().contains(language) ? 0 : 1)
            .thenComparingLong(a -> -a.skills().stream().filter(skills::contains).count())
            .thenComparing(byStrategy);
    out.sort(order);
    return out;
  }
}
