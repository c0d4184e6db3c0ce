package dev.helpdesk.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.application.Caller;
import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.domain.model.agent.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an agent's tab receives when transactions commit out of their numbering order: every event
 * the agent may see, once, as soon as it comes, each frame telling the tab up to which number it
 * has had everything ({@code upTo}, where it resumes from after a drop).
 */
class StaffTabOrderTest {
  static final long TEAM = 7;
  final Caller agent = new Caller(1, "sam", "Sam", Set.of(Role.AGENT), Set.of(TEAM));
  final List<String> sent = new ArrayList<>();

  static RealtimeEvent event(long seq, Long team) {
    return RealtimeEvent.toStaff(100 + seq, team, null, "ticket", "{\"seq\":" + seq + "}", seq);
  }

  /** The frame a tab gets for event {@code seq} when it has had everything up to {@code upTo}. */
  static String frame(long seq, long upTo) {
    return "{\"upTo\":" + upTo + ",\"seq\":" + seq + "}";
  }

  @Test
  void anEventOvertakingAnotherGoesOutAtOnceAndTheLateOneOnceWhenItComes() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 10);
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(11, TEAM), sent::add));
    // 13 committed before 12: out at once; the journal is read only if 12 does not come soon
    assertEquals(StaffSessions.Tab.Next.READ_SOON, tab.live(event(13, TEAM), sent::add));
    assertEquals(List.of(frame(11, 11), frame(13, 11)), sent, "resume from 11: 12 is missing");
    // 12 arrives live: out, and now the tab has had everything up to 13
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(12, TEAM), sent::add));
    assertEquals(List.of(frame(11, 11), frame(13, 11), frame(12, 13)), sent);
    // a repeat (the same event from another node, or the journal) is not sent twice
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(13, TEAM), sent::add));
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(11, TEAM), sent::add));
    assertEquals(3, sent.size());
  }

  @Test
  void severalHolesCloseWhicheverOrderTheEventsCome() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(4, TEAM), sent::add);
    tab.live(event(2, TEAM), sent::add);
    tab.live(event(5, TEAM), sent::add);
    assertEquals(List.of(frame(4, 0), frame(2, 0), frame(5, 0)), sent);
    tab.live(event(1, TEAM), sent::add);
    assertEquals(frame(1, 2), sent.get(3), "3 is still missing");
    tab.live(event(3, TEAM), sent::add);
    assertEquals(frame(3, 5), sent.get(4));
    assertEquals(5, tab.floor);
  }

  @Test
  void eventsTheAgentMayNotSeeAreNumberedPastNotSent() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(2, TEAM), sent::add);
    tab.live(event(1, 99L), sent::add); // another team's ticket
    assertEquals(List.of(frame(2, 0)), sent);
    assertEquals(2, tab.floor);
  }

  @Test
  void whatTheJournalReadBringsIsSentOnceAndALateLiveCopyIsNot() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(2, TEAM), sent::add);
    tab.live(event(3, TEAM), sent::add);
    // number 1 came from another node's transaction: its live event is late, the journal has it
    tab.pass(1, TEAM, null, "{\"seq\":1}", sent::add);
    assertEquals(List.of(frame(2, 0), frame(3, 0), frame(1, 3)), sent);
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(1, TEAM), sent::add));
    assertEquals(3, sent.size());
  }

  @Test
  void aNumberThatNeverCameIsPassedOver() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(2, TEAM), sent::add);
    tab.markPassed(1); // rolled back: after HOLE_MS the journal read gives up on it
    tab.live(event(3, TEAM), sent::add);
    assertEquals(List.of(frame(2, 0), frame(3, 3)), sent);
  }

  @Test
  void framesQueuedWhileAnotherThreadSendsGoOutThroughItInOrder() throws Exception {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    List<String> socket = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch sending = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    tab.live(event(1, TEAM), tab::queue);
    // one committing thread hands #1 to the socket, and the hand-off is slow
    Thread first =
        new Thread(
            () ->
                tab.drain(
                    frame -> {
                      socket.add(frame);
                      if (frame.equals(frame(1, 1))) {
                        sending.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    }));
    first.start();
    sending.await();
    // meanwhile two more events are passed: nobody waits for the slow hand-off
    tab.live(event(2, TEAM), tab::queue);
    tab.live(event(3, TEAM), tab::queue);
    tab.drain(socket::add);
    assertEquals(List.of(frame(1, 1)), socket, "the thread already sending sends the rest");
    release.countDown();
    first.join(5_000);
    assertEquals(List.of(frame(1, 1), frame(2, 2), frame(3, 3)), socket);
    // and the next event is sent by whoever passes it
    tab.live(event(4, TEAM), tab::queue);
    tab.drain(socket::add);
    assertEquals(List.of(frame(1, 1), frame(2, 2), frame(3, 3), frame(4, 4)), socket);
  }
}
