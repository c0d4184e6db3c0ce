package dev.helpdesk.domain.model.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A team's calendar: weekly opening hours in its time zone, minus holidays. Written as admins type
 * it: {@code "mon-fri 09:00-18:00; sat 10:00-14:00"} (or {@code "sun-thu 09:00-17:00"}, an end of
 * {@code 24:00} for midnight), holidays {@code "2026-12-25, 2027-01-01"}. No hours at all: always
 * open.
 */
public final class BusinessHours {
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /** Always open. */
  public static final BusinessHours ALWAYS = new BusinessHours(ZoneId.of("UTC"), null, Set.of());

  private final ZoneId zone;
  private final Map<DayOfWeek, List<LocalTime[]>> week; // null: always open
  private final Set<LocalDate> holidays;

  private BusinessHours(
      ZoneId zone, Map<DayOfWeek, List<LocalTime[]>> week, Set<LocalDate> holidays) {
    this.zone = zone;
    this.week = week;
    this.holidays = holidays;
  }

  /**
   * @throws RuleException naming "timeZone", "businessHours" or "holidays" when it cannot be read
   */
  public static BusinessHours parse(String hours, String holidays, String timeZone) {
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip());
    } catch (java.time.DateTimeException e) {
      throw new RuleException("timeZone", "unknown time zone " + timeZone);
    }
    Set<LocalDate> off = new TreeSet<>();
    if (holidays != null) {
      for (String d : holidays.split("[,;\\s]+")) {
        if (d.isBlank()) {
          continue;
        }
        try {
          off.add(LocalDate.parse(d.strip()));
        } catch (DateTimeParseException e) {
          throw new RuleException("holidays", "a holiday is a date like 2026-12-25, not " + d);
        }
      }
    }
    if (hours == null || hours.isBlank()) {
      return new BusinessHours(zone, null, Set.copyOf(off));
    }
    Map<DayOfWeek, List<LocalTime[]>> week = new EnumMap<>(DayOfWeek.class);
    for (String part : hours.split(";")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      String[] dt = p.split("\\s+");
      if (dt.length != 2) {
        throw bad(part);
      }
      List<DayOfWeek> days = days(dt[0], part);
      String[] range = dt[1].split("-");
      if (range.length != 2) {
        throw bad(part);
      }
      LocalTime from = time(range[0], part);
      LocalTime to = range[1].equals("24:00") ? LocalTime.MAX : time(range[1], part);
      if (!to.isAfter(from)) {
        throw new RuleException("businessHours", "closing comes after opening in " + part.strip());
      }
      for (DayOfWeek d : days) {
        week.computeIfAbsent(d, k -> new ArrayList<>()).add(new LocalTime[] {from, to});
      }
    }
    return new BusinessHours(zone, week, Set.copyOf(off));
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isOpen(Instant at) {
    ZonedDateTime z = at.atZone(zone);
    if (holidays.contains(z.toLocalDate())) {
      return false;
    }
    if (week == null) {
      return true;
    }
    LocalTime t = z.toLocalTime();
    for (LocalTime[] r : week.getOrDefault(z.getDayOfWeek(), List.of())) {
      if (!t.isBefore(r[0]) && t.isBefore(r[1])) {
        return true;
      }
    }
    return false;
  }

  /** The next moment it opens at or after {@code at}; {@code at} itself when open. */
  public ZonedDateTime nextOpening(Instant at) {
    ZonedDateTime z = at.atZone(zone);
    if (isOpen(at)) {
      return z;
    }
    for (int day = 0; day < 400; day++) {
      LocalDate date = z.toLocalDate().plusDays(day);
      if (holidays.contains(date)) {
        continue;
      }
      if (week == null) {
        return date.atStartOfDay(zone);
      }
      LocalTime best = null;
      for (LocalTime[] r : week.getOrDefault(date.getDayOfWeek(), List.of())) {
        LocalTime start = r[0];
        if (day == 0 && !start.isAfter(z.toLocalTime())) {
          continue;
        }
        if (best == null || start.isBefore(best)) {
          best = start;
        }
      }
      if (best != null) {
        return date.atTime(best).atZone(zone);
      }
    }
    throw new IllegalStateException("never open");
  }

  /**
   * How long the team was open between two moments, in seconds (metrics in business hours: a
   * question asked on Thursday evening and answered on Sunday morning waited for the hours of
   * Sunday morning only, in a Sunday-to-Thursday week). Zero when {@code to} is not after {@code
   * from}.
   */
  public long seconds(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    long total = 0;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
      for (Instant[] r : openings(d)) {
        Instant lo = r[0].isAfter(from) ? r[0] : from;
        Instant hi = r[1].isBefore(to) ? r[1] : to;
        if (hi.isAfter(lo)) {
          total += java.time.Duration.between(lo, hi).toSeconds();
        }
      }
    }
    return total;
  }

  /**
   * The moment {@code seconds} of opening time have passed since {@code from} (an SLA's deadline in
   * business hours): a 4-hour target for a question asked on Thursday at 16:00 in a Sunday to
   * Thursday, 09:00–17:00 week is due on Sunday at 12:00.
   */
  public Instant plus(Instant from, long seconds) {
    long left = seconds;
    LocalDate d = from.atZone(zone).toLocalDate();
    for (int day = 0; day < 3660; day++, d = d.plusDays(1)) {
      for (Instant[] r : openings(d)) {
        Instant lo = r[0].isAfter(from) ? r[0] : from;
        if (!r[1].isAfter(lo)) {
          continue;
        }
        long here = java.time.Duration.between(lo, r[1]).toSeconds();
        if (left <= here) {
          return lo.plusSeconds(left);
        }
        left -= here;
      }
    }
    throw new IllegalStateException("never open long enough");
  }

  /** The day's opening intervals as instants, in order; none on a holiday. */
  private List<Instant[]> openings(LocalDate d) {
    if (holidays.contains(d)) {
      return List.of();
    }
    List<LocalTime[]> open =
        week == null
            ? List.<LocalTime[]>of(new LocalTime[] {LocalTime.MIN, LocalTime.MAX})
            : week.getOrDefault(d.getDayOfWeek(), List.of());
    List<Instant[]> out = new ArrayList<>();
    for (LocalTime[] r : open) {
      Instant a = d.atTime(r[0]).atZone(zone).toInstant();
      Instant b =
          (r[1].equals(LocalTime.MAX)
                  ? d.plusDays(1).atStartOfDay(zone)
                  : d.atTime(r[1]).atZone(zone))
              .toInstant();
      out.add(new Instant[] {a, b});
    }
    out.sort(java.util.Comparator.comparing(r -> r[0]));
    return out;
  }

  private static List<DayOfWeek> days(String s, String part) {
    List<DayOfWeek> out = new ArrayList<>();
    for (String item : s.split(",")) {
      String[] ft = item.split("-");
      int from = DAYS.indexOf(ft[0]);
      int to = ft.length == 2 ? DAYS.indexOf(ft[1]) : from;
      if (from < 0 || to < 0 || ft.length > 2) {
        throw bad(part);
      }
      for (int i = from; ; i = (i + 1) % 7) {
        out.add(DayOfWeek.of(i + 1));
        if (i == to) {
          break;
        }
      }
    }
    return out;
  }

  private static LocalTime time(String s, String part) {
    try {
      return LocalTime.parse(s.length() == 4 ? "0" + s : s);
    } catch (DateTimeParseException e) {
      throw bad(part);
    }
  }

  private static RuleException bad(String part) {
    return new RuleException(
        "businessHours",
        "cannot read \"" + part.strip() + "\": write days and hours like mon-fri 09:00-18:00");
  }
}
