package dev.helpdesk.domain.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.domain.model.routing.Candidates.AgentLoad;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who is offered a ticket first, per strategy. */
class CandidatesTest {
  static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  static AgentLoad agent(long id, Set<String> langs, int tickets, int chats, Instant last) {
    return new AgentLoad(id, langs, Set.of(), true, tickets, chats, 10, 2, last);
  }

  static List<Long> ids(List<AgentLoad> l) {
    return l.stream().map(AgentLoad::id).toList();
  }

  @Test
  void roundRobinOffersTheAgentGivenATicketLongestAgoFirst() {
    List<AgentLoad> team =
        List.of(
            agent(1, Set.of("en"), 0, 0, T0.plusSeconds(30)),
            agent(2, Set.of("en"), 5, 0, T0),
            agent(3, Set.of("en"), 1, 0, null));
    assertEquals(
        List.of(3L, 2L, 1L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN, team, "en", Set.of(), false, null, true)));
  }

  @Test
  void leastLoadedOffersTheLowestShareOfCapacityFirstCountingChatsApart() {
    List<AgentLoad> team =
        List.of(
            agent(1, Set.of(), 2, 1, null),
            agent(2, Set.of(), 6, 0, null),
            new AgentLoad(3, Set.of(), Set.of(), true, 4, 0, 20, 2, null));
    assertEquals(
        List.of(1L, 3L, 2L),
        ids(
            Candidates.order(
                AssignmentStrategy.LEAST_LOADED, team, null, Set.of(), false, null, true)),
        "tickets: 2/10, 4/20, 6/10");
    assertEquals(
        List.of(2L, 3L, 1L),
        ids(
            Candidates.order(
                AssignmentStrategy.LEAST_LOADED, team, null, Set.of(), true, null, true)),
        "chats: agent 1 has 1 of 2, the others none; tickets do not count");
  }

  @Test
  void onlyOnlineAgentsWithRoomAreOffered() {
    List<AgentLoad> team =
        List.of(
            new AgentLoad(1, Set.of(), Set.of(), false, 0, 0, 10, 2, null),
            agent(2, Set.of(), 10, 0, null),
            agent(3, Set.of(), 9, 2, null));
    assertEquals(
        List.of(3L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN, team, null, Set.of(), false, null, true)));
    assertEquals(
        List.of(2L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN, team, null, Set.of(), true, null, true)));
  }

  @Test
  void arabicTicketsGoToArabicSpeakersFirstAndReturningContactsToTheirAgent() {
    List<AgentLoad> team =
        List.of(
            agent(1, Set.of("en"), 0, 0, null),
            agent(2, Set.of("en", "ar"), 3, 0, T0),
            agent(3, Set.of("en"), 0, 0, T0.plusSeconds(5)));
    assertEquals(
        List.of(2L, 1L, 3L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN, team, "ar", Set.of(), false, null, true)));
    assertEquals(
        List.of(3L, 2L, 1L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN, team, "ar", Set.of(), false, 3L, true)),
        "sticky before language");
    assertEquals(
        List.of(2L, 1L, 3L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN, team, "ar", Set.of(), false, 3L, false)),
        "not when the team is not sticky");
  }

  @Test
  void agentsWithTheSkillsATicketCallsForComeFirstAfterLanguage() {
    List<AgentLoad> team =
        List.of(
            new AgentLoad(1, Set.of("ar"), Set.of(), true, 0, 0, 10, 2, null),
            new AgentLoad(2, Set.of("en"), Set.of("payment", "vip"), true, 0, 0, 10, 2, null),
            new AgentLoad(3, Set.of("ar"), Set.of("payment"), true, 0, 0, 10, 2, T0),
            new AgentLoad(4, Set.of("ar"), Set.of("payment", "vip"), true, 0, 0, 10, 2, T0));
    assertEquals(
        List.of(4L, 3L, 1L, 2L),
        ids(
            Candidates.order(
                AssignmentStrategy.ROUND_ROBIN,
                team,
                "ar",
                Set.of("payment", "vip"),
                false,
                null,
                false)),
        "Arabic speakers first; among them both skills, then one, then none (though given a"
            + " ticket longest ago)");
  }
}
