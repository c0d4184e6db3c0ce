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
 * The order an agent's tab receives journal events in when transactions commit out of their
 * numbering order: every event the agent may see, once, in number order, without waiting for a
 * journal read when the missing event arrives live.
 */
class StaffTabOrderTest {
  static final long TEAM = 7;
  final Caller agent = new Caller(1, "sam", "Sam", Set.of(Role.AGENT), Set.of(TEAM));
  final List<String> sent = new ArrayList<>();

  static RealtimeEvent event(long seq, Long team) {
    return RealtimeEvent.toStaff(100 + seq, team, null, "ticket", "#" + seq, seq);
  }

  @Test
  void anEventOvertakingAnotherWaitsForItThenBothGoOutInOrder() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 10);
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(11, TEAM), sent::add));
    // 13 committed before 12: held, and the journal is read only if 12 does not come soon
    assertEquals(StaffSessions.Tab.Next.READ_SOON, tab.live(event(13, TEAM), sent::add));
    assertEquals(List.of("#11"), sent);
    // 12 arrives live: 12 and the held 13 go out at once, nothing left to read
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(12, TEAM), sent::add));
    assertEquals(List.of("#11", "#12", "#13"), sent);
    // a repeat (the same event from another node) is not sent twice
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(13, TEAM), sent::add));
    assertEquals(List.of("#11", "#12", "#13"), sent);
  }

  @Test
  void severalHolesFillInOrderWhicheverOrderTheEventsCome() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(4, TEAM), sent::add);
    tab.live(event(2, TEAM), sent::add);
    tab.live(event(5, TEAM), sent::add);
    assertEquals(List.of(), sent);
    tab.live(event(1, TEAM), sent::add);
    assertEquals(List.of("#1", "#2"), sent, "3 is still missing: 4 and 5 wait");
    tab.live(event(3, TEAM), sent::add);
    assertEquals(List.of("#1", "#2", "#3", "#4", "#5"), sent);
  }

  @Test
  void eventsTheAgentMayNotSeeAreNumberedPastNotSent() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(2, TEAM), sent::add);
    tab.live(event(1, 99L), sent::add); // another team's ticket
    assertEquals(List.of("#2"), sent);
    assertEquals(2, tab.lastSent);
  }

  @Test
  void whatTheJournalReadBringsReleasesTheHeldEventsBehindIt() {
    StaffSessions.Tab tab = new StaffSessions.Tab(agent, 0);
    tab.live(event(2, TEAM), sent::add);
    tab.live(event(3, TEAM), sent::add);
    // number 1 came from another node's transaction: its live event is late, the journal has it
    tab.pass(1, TEAM, null, "#1", sent::add);
    tab.passEarly(sent::add);
    assertEquals(List.of("#1", "#2", "#3"), sent);
    assertEquals(StaffSessions.Tab.Next.NOTHING, tab.live(event(1, TEAM), sent::add));
    assertEquals(List.of("#1", "#2", "#3"), sent);
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
                      if (frame.equals("#1")) {
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
    assertEquals(List.of("#1"), socket, "the thread already sending sends the rest");
    release.countDown();
    first.join(5_000);
    assertEquals(List.of("#1", "#2", "#3"), socket);
    // and the next event is sent by whoever passes it
    tab.live(event(4, TEAM), tab::queue);
    tab.drain(socket::add);
    assertEquals(List.of("#1", "#2", "#3", "#4"), socket);
  }
}
