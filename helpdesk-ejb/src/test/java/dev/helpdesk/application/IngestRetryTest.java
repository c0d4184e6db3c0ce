package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.application.internal.MessageIngestion;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.ejb.EJBException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What {@link IngestService} does when an attempt fails: a message is never lost because routing
 * inside its transaction failed (the rare case where every agent's row is held by another
 * assignment, which the end-to-end tests cannot bring about on demand); a message that breaks a
 * rule is refused at once. The transaction and the routing themselves are covered end to end
 * (RoutingIT, InboundApiIT).
 */
class IngestRetryTest {
  static final InboundMessage MAIL =
      new InboundMessage(
          Channel.EMAIL,
          "orders@store.test",
          "<m1@example.com>",
          List.of(),
          new SenderIdentity(IdentityKind.EMAIL, "noor@example.com", "Noor"),
          "Where is my parcel?",
          "It was due on Monday.",
          null,
          List.of(),
          Instant.parse("2026-11-29T10:00:00Z"),
          Map.of());

  /** The transaction's outcome per attempt: whether it was asked to route, what it answered. */
  static final class Attempts extends MessageIngestion {
    final List<Boolean> routeNow = new ArrayList<>();
    final Function<Boolean, IngestResult> outcome;

    Attempts(Function<Boolean, IngestResult> outcome) {
      this.outcome = outcome;
    }

    @Override
    public IngestResult ingest(InboundMessage in, boolean route) {
      routeNow.add(route);
      return outcome.apply(route);
    }
  }

  static IngestService service(Attempts attempts) {
    IngestService s = new IngestService();
    s.ingestion = attempts;
    s.counters = new OperationsCounters();
    return s;
  }

  @Test
  void whenRoutingInsideTheIngestFailsTheMessageIsStoredAndRoutedAfterCommit() {
    IngestResult stored = new IngestResult(7, 70, true, false, 1);
    Attempts attempts =
        new Attempts(
            route -> {
              if (route) {
                throw new EJBException(
                    new IllegalStateException("every candidate is being assigned right now"));
              }
              return stored;
            });
    assertEquals(stored, service(attempts).ingest(MAIL));
    assertEquals(List.of(true, false), attempts.routeNow);
  }

  @Test
  void aMessageThatBreaksARuleIsRefusedWithoutASecondAttempt() {
    Attempts attempts =
        new Attempts(
            route -> {
              throw new EJBException(new InvalidPayloadException("no text and no files", false));
            });
    assertThrows(EJBException.class, () -> service(attempts).ingest(MAIL));
    assertEquals(List.of(true), attempts.routeNow);
  }

  @Test
  void anAttemptThatFailsWithoutRoutingIsNotRepeated() {
    Attempts attempts =
        new Attempts(
            route -> {
              throw new EJBException(new IllegalStateException("the database went away"));
            });
    assertThrows(EJBException.class, () -> service(attempts).ingest(MAIL));
    assertEquals(List.of(true, false), attempts.routeNow);
  }
}
