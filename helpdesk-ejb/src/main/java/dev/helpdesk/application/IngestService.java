package dev.helpdesk.application;

import dev.helpdesk.application.internal.MessageIngestion;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The one inbound path every channel takes (see ARCHITECTURE.md). Each message is ingested in its
 * own transaction: deduplicated on (channel, external id), matched to a contact, threaded onto a
 * ticket, appended, and announced after commit.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IngestService {
  private static final Logger LOG = Logger.getLogger(IngestService.class.getName());
  private static final int ATTEMPTS = 3;

  @Inject MessageIngestion ingestion;
  @Inject OperationsCounters counters;

  /**
   * Stores a message exactly once. Delivering the same message again (same channel and external id)
   * returns the stored one with {@code duplicate = true}. Two deliveries racing each other meet at
   * the database's unique constraints; the loser retries and finds the winner's message.
   *
   * @throws dev.helpdesk.connectors.spi.InvalidPayloadException when the message breaks a rule
   */
  public IngestResult ingest(InboundMessage message) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // the first attempt routes a new ticket inside its transaction; a retry stores the message
      // first and leaves routing to after commit, so a failure of routing never costs the message
      boolean routeNow = attempt == 1;
      try {
        IngestResult r = ingestion.ingest(message, routeNow);
        counters.stored(message.channel(), r);
        return r;
      } catch (EJBException | PersistenceException e) {
        if (!isConstraintViolation(e)) {
          if (!routeNow || causedBy(e, InvalidPayloadException.class)) {
            throw e;
          }
          // routing inside the ingest failed (every agent's row held, a rule's action failing)
          LOG.info(
              () ->
                  "routing "
                      + message.channel()
                      + " "
                      + message.externalId()
                      + " within its ingest failed ("
                      + e
                      + "); storing it first, routing after");
          last = e;
          continue;
        }
        last = e;
        LOG.fine(
            () ->
                "ingest race on " + message.channel() + " " + message.externalId() + ", retrying");
      }
    }
    throw last;
  }

  /**
   * Stores a batch of messages in one transaction, each exactly once as {@link #ingest} would; for
   * sources that deliver batches (a mailbox poll, a webhook with several messages). When the batch
   * fails as a whole (a race, one invalid message), its messages are ingested one by one, so a bad
   * message never holds back the good ones before it; it then throws as {@link #ingest}.
   *
   * @return one result per message, in order
   */
  public List<IngestResult> ingestAll(List<InboundMessage> messages) {
    List<IngestResult> out = new ArrayList<>(messages.size());
    for (Outcome o : store(messages, true)) {
      if (o.error() != null) {
        throw o.error();
      }
      out.add(o.result());
    }
    return out;
  }

  /** What became of one message of a batch: its result, or the error that kept it out. */
  public record Outcome(IngestResult result, RuntimeException error) {}

  /**
   * As {@link #ingestAll}, but a message that cannot be stored does not stop the ones after it:
   * each message gets its outcome (for sources that set bad messages aside, like a mailbox).
   */
  public List<Outcome> ingestEach(List<InboundMessage> messages) {
    return store(messages, false);
  }

  private List<Outcome> store(List<InboundMessage> messages, boolean stopAtFailure) {
    List<Outcome> out = new ArrayList<>(messages.size());
    if (messages.isEmpty()) {
      return out;
    }
    try {
      // routed inside the batch's transaction; if the batch fails (a race, an invalid message,
      // routing), its messages go one by one below, each as ingest() does
      List<IngestResult> stored = ingestion.ingestAll(messages, true);
      for (int i = 0; i < stored.size(); i++) {
        counters.stored(messages.get(i).channel(), stored.get(i));
        out.add(new Outcome(stored.get(i), null));
      }
      return out;
    } catch (RuntimeException batchFailed) {
      LOG.fine(
          () ->
              "batch of "
                  + messages.size()
                  + " failed ("
                  + batchFailed
                  + "), ingesting one by one");
      for (InboundMessage m : messages) {
        try {
          out.add(new Outcome(ingest(m), null));
        } catch (RuntimeException e) {
          out.add(new Outcome(null, e));
          if (stopAtFailure) {
            break;
          }
        }
      }
      return out;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  static boolean isConstraintViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.ConstraintViolationException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
