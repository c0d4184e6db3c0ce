package dev.helpdesk.application;

import dev.helpdesk.application.Views.TicketSummary;
import dev.helpdesk.domain.model.ticket.Ticket;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff event journal and feed: every ticket event gets the next number of one sequence, in
 * commit order, is written to {@code staff_event} in the ticket's own transaction and, once
 * committed, pushed to the staff WebSocket ({@code /ws/agent}) of every node. A tab that reconnects
 * says the last number it saw and reads what followed from the journal: nothing missed, nothing
 * twice (see {@code StaffSessions}).
 *
 * <p>Commit order: the number is taken by updating the single row of {@code staff_event_head},
 * whose lock the transaction keeps until it commits. A transaction that numbers later waits for the
 * one before to commit, so a tab that has seen number n can trust every number below n is either in
 * the journal or was never used. Events are fired at the end of each unit of work, so the lock is
 * held for the commit only.
 */
@ApplicationScoped
public class StaffFeed {
  static final Jsonb JSON = JsonbBuilder.create();

  /** A journal row: its number, who may see it, and the frame the socket sends. */
  public record Entry(long seq, long ticketId, Long teamId, Long assigneeId, String frame) {}

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;
  @Inject RealtimeHub hub;

  /** The frame of a ticket event, with the ticket's summary so a list updates without a fetch. */
  public record Frame(
      String type, long seq, String event, long at, Long message, TicketSummary ticket) {}

  void on(@Observes(during = TransactionPhase.IN_PROGRESS) TicketEvent e) {
    if (transactions.getTransactionKey() == null) {
      return; // fired outside a transaction: nothing was stored, nothing to announce
    }
    // taking the number flushes the unit of work first (ticket rows, then the head row: every
    // transaction locks in that order)
    em.createNativeQuery("update staff_event_head set seq = seq + 1 where id = 1").executeUpdate();
    long seq =
        ((Number)
                em.createNativeQuery("select seq from staff_event_head where id = 1")
                    .getSingleResult())
            .longValue();
    Ticket t = em.find(Ticket.class, e.ticketId());
    Instant now = Instant.now();
    String frame =
        JSON.toJson(
            new Frame(
                "ticket",
                seq,
                e.type().name(),
                now.toEpochMilli(),
                e.messageId(),
                TicketSummary.of(t)));
    em.createNativeQuery(
            "insert into staff_event (seq, occurred_at, ticket_id, team_id, assignee_id, payload)"
                + " values (?, ?, ?, ?, ?, ?)")
        .setParameter(1, seq)
        .setParameter(2, Timestamp.from(now))
        .setParameter(3, e.ticketId())
        .setParameter(4, e.teamId())
        .setParameter(5, e.assigneeId())
        .setParameter(6, frame)
        .executeUpdate();
    pending().add(new Entry(seq, e.ticketId(), e.teamId(), e.assigneeId(), frame));
  }

  /** This transaction's entries, published to the hub once it has committed. */
  @SuppressWarnings("unchecked")
  private List<Entry> pending() {
    List<Entry> list = (List<Entry>) transactions.getResource(StaffFeed.class);
    if (list == null) {
      List<Entry> entries = new ArrayList<>();
      transactions.putResource(StaffFeed.class, entries);
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED) {
                for (Entry x : entries) {
                  hub.publish(
                      RealtimeEvent.toStaff(
                          x.ticketId(), x.teamId(), x.assigneeId(), "ticket", x.frame(), x.seq()));
                }
              }
            }
          });
      list = entries;
    }
    return list;
  }

  /**
   * A passing notice about a ticket (chat typing and read receipts, "X is viewing / typing"), not
   * journalled: to the agents who may see the ticket now.
   *
   * @param caller when not null, the notice is refused unless this caller may see the ticket
   * @return false when the ticket does not exist or the caller may not see it
   */
  public boolean notice(Caller caller, long ticketId, String kind, String payload) {
    List<Object[]> rows =
        em.createQuery(
                "select tm.id, a.id from Ticket t left join t.team tm left join t.assignee a"
                    + " where t.id = :id",
                Object[].class)
            .setParameter("id", ticketId)
            .getResultList();
    if (rows.isEmpty()) {
      return false;
    }
    Long team = (Long) rows.get(0)[0];
    Long assignee = (Long) rows.get(0)[1];
    if (caller != null && !caller.canSee(team, assignee)) {
      return false;
    }
    hub.publish(RealtimeEvent.toStaff(ticketId, team, assignee, kind, payload, 0));
    return true;
  }

  /** The last number given out. */
  public long head() {
    return ((Number)
            em.createNativeQuery("select seq from staff_event_head where id = 1").getSingleResult())
        .longValue();
  }

  /** The smallest number still in the journal (head + 1 when it is empty). */
  public long oldest() {
    Object min = em.createNativeQuery("select min(seq) from staff_event").getSingleResult();
    return min == null ? head() + 1 : ((Number) min).longValue();
  }

  /** Journal entries after {@code seq}, in order, at most {@code limit}. */
  public List<Entry> after(long seq, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select seq, ticket_id, team_id, assignee_id, payload from staff_event"
                    + " where seq > ? order by seq")
            .setParameter(1, seq)
            .setMaxResults(limit)
            .getResultList();
    List<Entry> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      out.add(
          new Entry(
              ((Number) r[0]).longValue(),
              ((Number) r[1]).longValue(),
              r[2] == null ? null : ((Number) r[2]).longValue(),
              r[3] == null ? null : ((Number) r[3]).longValue(),
              (String) r[4]));
    }
    return out;
  }

  /** Forgets entries older than {@code before}; a tab further behind reloads its lists. */
  @jakarta.transaction.Transactional
  public int prune(Instant before) {
    return em.createNativeQuery("delete from staff_event where occurred_at < ?")
        .setParameter(1, Timestamp.from(before))
        .executeUpdate();
  }
}
