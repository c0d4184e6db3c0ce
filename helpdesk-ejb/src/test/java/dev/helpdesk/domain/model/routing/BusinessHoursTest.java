package dev.helpdesk.domain.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Teams' calendars: weekly hours in their time zone, holidays, the next opening. */
class BusinessHoursTest {
  // a Gulf store: Sunday to Thursday, Riyadh time (UTC+3), Eid off
  final BusinessHours riyadh =
      BusinessHours.parse("sun-thu 09:00-17:00", "2026-11-26", "Asia/Riyadh");

  @Test
  void openInsideTheHoursOfTheTeamsTimeZone() {
    // Monday 2026-11-23 07:00 UTC = 10:00 in Riyadh
    assertTrue(riyadh.isOpen(Instant.parse("2026-11-23T07:00:00Z")));
    // 05:30 UTC = 08:30 in Riyadh: not yet
    assertFalse(riyadh.isOpen(Instant.parse("2026-11-23T05:30:00Z")));
    // 14:00 UTC = 17:00: closed (the end is exclusive)
    assertFalse(riyadh.isOpen(Instant.parse("2026-11-23T14:00:00Z")));
    // Friday is the weekend
    assertFalse(riyadh.isOpen(Instant.parse("2026-11-27T08:00:00Z")));
  }

  @Test
  void holidaysAreClosedAndTheNextOpeningSkipsTheWeekendAndThem() {
    // Thursday 26 November is a holiday; Friday, Saturday weekend: Sunday 09:00
    Instant wednesdayEvening = Instant.parse("2026-11-25T15:00:00Z"); // 18:00 Riyadh
    assertFalse(riyadh.isOpen(Instant.parse("2026-11-26T08:00:00Z")));
    ZonedDateTime next = riyadh.nextOpening(wednesdayEvening);
    assertEquals("2026-11-29T09:00+03:00[Asia/Riyadh]", next.toString());
    // inside the hours the next opening is now
    Instant open = Instant.parse("2026-11-23T07:00:00Z");
    assertEquals(open, riyadh.nextOpening(open).toInstant());
  }

  @Test
  void severalRangesAndMidnight() {
    BusinessHours h =
        BusinessHours.parse("mon-fri 09:00-18:00; sat 10:00-24:00", null, "Europe/London");
    assertTrue(h.isOpen(Instant.parse("2026-11-28T23:30:00Z")), "Saturday until midnight");
    assertFalse(h.isOpen(Instant.parse("2026-11-29T10:00:00Z")), "Sunday");
    assertTrue(BusinessHours.parse(null, null, null).isOpen(Instant.parse("2026-11-29T03:00:00Z")));
  }

  @Test
  void whatCannotBeReadIsRefusedNamingTheSetting() {
    assertEquals(
        "businessHours",
        assertThrows(RuleException.class, () -> BusinessHours.parse("weekdays 9-5", null, "UTC"))
            .field());
    assertEquals(
        "timeZone",
        assertThrows(RuleException.class, () -> BusinessHours.parse(null, null, "Mars/Base"))
            .field());
    assertEquals(
        "holidays",
        assertThrows(RuleException.class, () -> BusinessHours.parse(null, "25/12/2026", "UTC"))
            .field());
    assertEquals(
        "businessHours",
        assertThrows(RuleException.class, () -> BusinessHours.parse("mon 18:00-09:00", null, "UTC"))
            .field());
  }

  @Test
  void businessSecondsCountOnlyOpeningHoursAcrossTheWeekendAndHolidays() {
    // Wednesday 25 Nov 16:00 Riyadh → Sunday 29 Nov 10:00 Riyadh: Wednesday 16–17, Thursday is
    // Eid, Friday and Saturday the weekend, Sunday 09–10: two hours
    Instant asked = Instant.parse("2026-11-25T13:00:00Z");
    Instant answered = Instant.parse("2026-11-29T07:00:00Z");
    assertEquals(2 * 3600, riyadh.seconds(asked, answered));
    // an English team's week: Friday 17:00 → Monday 10:00 London is two hours too
    BusinessHours london = BusinessHours.parse("mon-fri 09:00-18:00", null, "Europe/London");
    assertEquals(
        2 * 3600,
        london.seconds(
            Instant.parse("2026-11-27T17:00:00Z"), Instant.parse("2026-11-30T10:00:00Z")));
    // inside one opening: the plain difference; no hours at all: always open
    assertEquals(
        1800,
        riyadh.seconds(
            Instant.parse("2026-11-23T07:00:00Z"), Instant.parse("2026-11-23T07:30:00Z")));
    assertEquals(
        3 * 86400,
        BusinessHours.ALWAYS.seconds(
            Instant.parse("2026-11-27T17:00:00Z"), Instant.parse("2026-11-30T17:00:00Z")));
    // asked and answered while closed: nothing waited in business hours
    assertEquals(
        0,
        riyadh.seconds(
            Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-27T12:00:00Z")));
  }

  @Test
  void aDeadlineInBusinessHoursSkipsClosedTimeAndHolidays() {
    // 4 hours from Wednesday 25 Nov 16:00 Riyadh: one hour on Wednesday, Thursday is Eid, the
    // weekend, three hours on Sunday: Sunday 29 Nov 12:00 Riyadh
    Instant asked = Instant.parse("2026-11-25T13:00:00Z");
    assertEquals(Instant.parse("2026-11-29T09:00:00Z"), riyadh.plus(asked, 4 * 3600));
    // within the same opening: the plain sum; always open: the plain sum
    assertEquals(
        Instant.parse("2026-11-23T07:30:00Z"),
        riyadh.plus(Instant.parse("2026-11-23T07:00:00Z"), 1800));
    assertEquals(asked.plusSeconds(90_000), BusinessHours.ALWAYS.plus(asked, 90_000));
    // the deadline and the seconds agree
    Instant due = riyadh.plus(asked, 4 * 3600);
    assertEquals(4 * 3600, riyadh.seconds(asked, due));
  }
}
