package dev.helpdesk.application;

import dev.helpdesk.application.Views.TicketSummary;
import dev.helpdesk.domain.model.ticket.StaffEvent;
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
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff event journal and feed: every ticket event gets the next number of one database
 * sequence, is written to {@code staff_event} in the ticket's own transaction and, once committed,
 * pushed to the staff WebSocket ({@code /ws/agent}) of every node. A tab that reconnects says the
 * last number it saw and reads what followed from the journal: nothing missed, nothing twice (see
 * {@code StaffSessions}).
 *
 * <p>Order: events are fired at the end of each unit of work, and the unit's rows are flushed
 * before its first number is taken, so a number is taken moments before its transaction commits
 * (only the journal rows and the commit follow); numbers follow commit order except between
 * transactions committing within those moments, and a number whose transaction rolled back is never
 * used. Readers wait a few seconds at a missing number before passing it. (Session 4 first numbered
 * under a row lock held to commit, exact but a convoy: ingest fell from 2,160 to 378 messages/s on
 * 2 cores.)
 */
@ApplicationScoped
public class StaffFeed {
  static final Jsonb JSON = JsonbBuilder.create();

  /** A journal row: its number, who may see it, and the frame the socket sends. */
  public record Entry(long seq, long ticketId, Long teamId, Long assigneeId, String frame) {
    /** A stored frame with its number as the first member: {@code {"seq":n,…}}. */
    static String numbered(long seq, String body) {
      return "{\"seq\":" + seq + "," + body.substring(1);
    }
  }

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;
  @Inject RealtimeHub hub;
  @Inject dev.helpdesk.application.internal.Names names;

  /** The frame of a ticket event, with the ticket's summary so a list updates without a fetch. */
  public record Frame(String type, String event, long at, Long message, TicketSummary ticket) {}

  void on(@Observes(during = TransactionPhase.IN_PROGRESS) TicketEvent e) {
    if (transactions.getTransactionKey() == null) {
      return; // fired outside a transaction: nothing was stored, nothing to announce
    }
    if (transactions.getResource(StaffFeed.class) == null) {
      // the unit of work's own rows are written before its first number is taken: from then to
      // its commit only the journal rows remain, so a transaction that numbered later and commits
      // first waits for this one (see StaffSessions.Tab) only that long
      em.flush();
    }
    Ticket t = em.find(Ticket.class, e.ticketId());
    Instant now = Instant.now();
    // the number is not in the stored frame (the row is built before the sequence gives it);
    // Entry.numbered puts it in front
    String body =
        JSON.toJson(
            new Frame(
                "ticket",
                e.type().name(),
                now.toEpochMilli(),
                e.messageId(),
                TicketSummary.of(t, names)));
    StaffEvent row = new StaffEvent(now, e.ticketId(), e.teamId(), e.assigneeId(), body);
    em.persist(row); // inserted now: the insert takes the number from the sequence
    long seq = row.getSeq();
    String frame = Entry.numbered(seq, body);
    pending().add(new Entry(seq, e.ticketId(), e.teamId(), e.assigneeId(), frame));
  }

  /** This transaction's entries, published to the hub once it has committed. */
  @SuppressWarnings("unchecked")
  private List<Entry> pending() {
    List<Entry> list = (List<Entry>) transactions.getResource(StaffFeed.class);
    if (list == null) {
      List<Entry> entries = new ArrayList<>();
      transactions.putResource(StaffFeed.class, entries);
      dev.helpdesk.application.internal.TransactionEnd.onCommit(
          transactions,
          () -> {
            for (Entry x : entries) {
              hub.publish(
                  RealtimeEvent.toStaff(
                      x.ticketId(), x.teamId(), x.assigneeId(), "ticket", x.frame(), x.seq()));
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

  /** The highest number committed to the journal (0 when it is empty). */
  public long head() {
    Object max = em.createNativeQuery("select max(seq) from staff_event").getSingleResult();
    return max == null ? 0 : ((Number) max).longValue();
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
              Entry.numbered(((Number) r[0]).longValue(), (String) r[4])));
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
