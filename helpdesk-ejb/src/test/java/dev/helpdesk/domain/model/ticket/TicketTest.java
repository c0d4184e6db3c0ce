package dev.helpdesk.domain.model.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.contact.Contact;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketTest {
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private final Ticket ticket = new Ticket(new Contact("Sam"), Channel.EMAIL, "Late parcel", T0);

  @Test
  void theFirstResponseIsRecordedOnceAndAnswerEndsTheWait() {
    ticket.shopperWrote(T0);
    assertEquals(T0, ticket.getWaitingSince());
    ticket.agentReplied(T0.plusSeconds(300));
    ticket.shopperWrote(T0.plusSeconds(600));
    ticket.agentReplied(T0.plusSeconds(900));
    assertEquals(
        T0.plusSeconds(300),
        ticket.getFirstResponseAt(),
        "a later reply does not move the first response");
    assertNull(ticket.getWaitingSince());
    assertEquals(TicketStatus.OPEN, ticket.getStatus());
  }

  @Test
  void waitingCountsFromTheOldestUnansweredMessage() {
    ticket.shopperWrote(T0);
    ticket.shopperWrote(T0.plusSeconds(60));
    assertEquals(T0, ticket.getWaitingSince());
    assertEquals(T0.plusSeconds(60), ticket.getLastMessageAt());
  }

  @Test
  void aShopperMessageReopensASolvedTicketAndClearsItsSolvedTime() {
    ticket.changeStatus(TicketStatus.SOLVED, T0.plusSeconds(60));
    assertEquals(T0.plusSeconds(60), ticket.getSolvedAt());
    ticket.shopperWrote(T0.plusSeconds(120));
    assertEquals(TicketStatus.OPEN, ticket.getStatus());
    assertNull(ticket.getSolvedAt());
  }

  @Test
  void aClosedTicketStaysClosed() {
    ticket.changeStatus(TicketStatus.CLOSED, T0);
    assertThrows(IllegalStateException.class, () -> ticket.changeStatus(TicketStatus.OPEN, T0));
  }

  @Test
  void messagesAreNumberedInOrder() {
    assertEquals(1, ticket.nextSequence());
    assertEquals(2, ticket.nextSequence());
    assertEquals(2, ticket.getMessageCount());
  }

  @Test
  void thePreviewIsOneShortLine() {
    ticket.setPreview("Hello,\n\n  where   is my\torder?");
    assertEquals("Hello, where is my order?", ticket.getPreview());
    ticket.setPreview("x".repeat(400));
    assertEquals(300, ticket.getPreview().length());
  }
}
