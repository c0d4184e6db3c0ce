package dev.helpdesk.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.domain.model.routing.Candidates.AgentLoad;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What routing reads of a team is read once a second, and what this node does to it shows at once:
 * an assignment moves the agent's turn and load in every team they are in, a presence or directory
 * change makes the next routing read the team again.
 */
class TeamLoadsTest {
  static AgentLoad agent(long id, int tickets, int chats) {
    return new AgentLoad(id, Set.of("en"), Set.of(), true, tickets, chats, 10, 3, null);
  }

  /** Reading a team from the database, counted. */
  static Supplier<List<AgentLoad>> read(AtomicInteger reads, List<AgentLoad> team) {
    return () -> {
      reads.incrementAndGet();
      return team;
    };
  }

  @Test
  void aTeamIsReadOnceAndThisNodesAssignmentsMoveTurnAndLoadInEveryTeam() {
    TeamLoads loads = new TeamLoads();
    AtomicInteger reads = new AtomicInteger();
    List<AgentLoad> orders = List.of(agent(1, 2, 0), agent(2, 0, 1));
    List<AgentLoad> returns = List.of(agent(2, 0, 1));
    loads.of(10, true, read(reads, orders));
    loads.of(20, true, read(reads, returns));
    loads.of(10, true, read(reads, orders));
    assertEquals(2, reads.get(), "each team read once within the second");

    Instant now = Instant.parse("2026-11-29T10:00:00Z");
    loads.assigned(2, false, now);
    loads.assigned(2, true, now);
    AgentLoad inOrders = loads.of(10, true, () -> orders).get(1);
    AgentLoad inReturns = loads.of(20, true, () -> returns).get(0);
    for (AgentLoad a : List.of(inOrders, inReturns)) {
      assertEquals(1, a.openTickets(), "a ticket more");
      assertEquals(2, a.openChats(), "a chat more");
      assertEquals(now, a.lastAssignedAt(), "their turn moved");
    }
    assertEquals(2, reads.get(), "from the copy");

    loads.forget(); // an agent went online, an admin changed a team
    loads.of(10, true, read(reads, orders));
    assertEquals(3, reads.get(), "read again after a change");
    loads.of(10, false, read(reads, orders));
    assertEquals(4, reads.get(), "read again when the team's strategy no longer counts loads");
  }
}
