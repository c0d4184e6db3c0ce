package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trend per week (from Monday) and per month, folded from its days. */
class TrendFoldTest {
  static List<Metrics.Day> days(LocalDate first, int n) {
    List<Metrics.Day> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Metrics.Day(first.plusDays(i), i + 1, 1));
    }
    return out;
  }

  @Test
  void daysFoldIntoWeeksFromMondayAndIntoMonths() {
    // Sat 28 Nov 2026 … Thu 3 Dec 2026
    List<Metrics.Day> days = days(LocalDate.of(2026, 11, 28), 6);
    assertEquals(
        List.of(
            new Metrics.Day(LocalDate.of(2026, 11, 23), 1 + 2, 2),
            new Metrics.Day(LocalDate.of(2026, 11, 30), 3 + 4 + 5 + 6, 4)),
        Metrics.fold(days, "week"));
    assertEquals(
        List.of(
            new Metrics.Day(LocalDate.of(2026, 11, 1), 1 + 2 + 3, 3),
            new Metrics.Day(LocalDate.of(2026, 12, 1), 4 + 5 + 6, 3)),
        Metrics.fold(days, "month"));
    assertEquals(days, Metrics.fold(days, "day"));
  }
}
