package dev.helpdesk.domain.model.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.metrics.CsatSurvey;
import dev.helpdesk.domain.model.metrics.MetricFact;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Handle time (docs/metrics.md): the time a resolution segment waited on us, NEW or OPEN, and not
 * the time it was PENDING on the shopper; a reopened ticket starts a new segment at zero. And the
 * rules of a satisfaction survey's answer.
 */
class HandleTimeTest {
  static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");

  static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  @Test
  void pendingTimeIsNotHandleTimeAndAReopenStartsAfresh() {
    Ticket t = new Ticket(new Contact("c"), Channel.EMAIL, "Refund", T0);
    t.agentReplied(at(10)); // NEW → OPEN: still ours
    t.changeStatus(TicketStatus.PENDING, at(12)); // asked the shopper: their turn
    t.shopperWrote(at(72)); // an hour later the shopper answers: ours again
    t.changeStatus(TicketStatus.SOLVED, at(80));
    assertEquals(20 * 60, t.getWorkSeconds(), "12 minutes, then 8: not the pending hour");
    assertEquals(20 * 60, t.getWorkBusinessSeconds(), "no team: always open");

    t.shopperWrote(at(200)); // reopened: a new segment
    assertEquals(0, t.getWorkSeconds());
    t.changeStatus(TicketStatus.SOLVED, at(205));
    assertEquals(5 * 60, t.getWorkSeconds());
  }

  @Test
  void aSurveyTakesScoresOneToFiveOnlyWhileOpen() {
    CsatSurvey s =
        new CsatSurvey(
            "token", new MetricFact.Dimensions(1, 2L, null, "EMAIL", null, "en"), 1, T0, T0);
    assertThrows(IllegalStateException.class, () -> s.answer(5, null, at(1)), "not sent yet");
    s.send(at(1));
    assertThrows(IllegalArgumentException.class, () -> s.answer(6, null, at(2)));
    assertThrows(IllegalArgumentException.class, () -> s.answer(0, null, at(2)));
    s.answer(4, "  quick  ", at(2));
    s.answer(5, null, at(3));
    assertEquals(5, s.getScore(), "a later click replaces the score");
    assertEquals("quick", s.getComment(), "and keeps the comment");
    assertThrows(
        IllegalStateException.class,
        () -> s.answer(3, null, at(1).plusSeconds(86_400L * (CsatSurvey.ANSWER_DAYS + 1))),
        "closed after the answer window");
  }
}
