package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.ticket.Ticket;
import java.lang.reflect.Field;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {
  @Test
  void aCursorCarriesTheExactPositionOfTheLastRow() throws Exception {
    Instant at = Instant.parse("2026-11-22T10:15:30.123456Z");
    Ticket t = new Ticket(new Contact("c"), Channel.API, "s", at);
    Field id = Ticket.class.getDeclaredField("id");
    id.setAccessible(true);
    id.set(t, 1042L);
    assertArrayEquals(
        new Object[] {at, 1042L}, TicketService.decodeCursor(TicketService.encodeCursor(at, t)));
  }

  @Test
  void aForeignCursorIsAClearError() {
    assertThrows(
        InvalidRequestException.class, () -> TicketService.decodeCursor("bm90LWEtY3Vyc29y"));
    assertThrows(InvalidRequestException.class, () -> TicketService.decodeCursor("%%%"));
  }
}
