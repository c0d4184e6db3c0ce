package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.ticket.Ticket;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {
  private static Team team(long id) throws ReflectiveOperationException {
    Team t = new Team("t" + id, null);
    Field f = Team.class.getDeclaredField("id");
    f.setAccessible(true);
    f.set(t, id);
    return t;
  }

  private static Ticket ticketOf(Team team) {
    Ticket t = new Ticket(new Contact("c"), Channel.CHAT, "s", Instant.now());
    t.setTeam(team);
    return t;
  }

  @Test
  void agentsSeeTheirTeamsAndTheSharedQueueManagersSeeAll() throws Exception {
    Caller agent = new Caller(1, "ann", "Ann", Set.of(Role.AGENT), Set.of(10L));
    Caller manager = new Caller(2, "max", "Max", Set.of(Role.MANAGER), Set.of());
    Caller integration = new Caller(3, "store", "Store", Set.of(Role.INTEGRATION), Set.of());
    assertTrue(agent.canSee(ticketOf(team(10))));
    assertFalse(agent.canSee(ticketOf(team(11))));
    assertTrue(agent.canSee(ticketOf(null)), "unrouted tickets are the shared queue");
    assertTrue(manager.canSee(ticketOf(team(11))));
    assertFalse(
        integration.canSee(ticketOf(null)), "integrations feed tickets, they do not read them");
  }
}
