package org.imaginglake.synth.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.imaginglake.synth.model.Radiologist;

/**
 * The reading rota, in the local time of the first site: DAY Mon-Fri 08:00-17:00, EVENING Mon-Fri 17:00-22:00,
 * WEEKEND Sat-Sun 08:00-22:00, NIGHT every day 22:00-08:00 (one reader for all sites). Together they cover every
 * hour; a DST night is an hour shorter or longer, as the wall clock says.
 */
final class ReadingRota {
  static final String DAY = "DAY";
  static final String EVENING = "EVENING";
  static final String WEEKEND = "WEEKEND";
  static final String NIGHT = "NIGHT";

  /** One worked shift: who, from when, until when (true time). */
  record Shift(Radiologist reader, Instant start, Instant end) {
    boolean covers(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  private ReadingRota() {}

  /** Every shift starting on the days [{@code first}, {@code first + days}), in start order, then reader id. */
  static List<Shift> shifts(List<Radiologist> readers, ZoneId zone, LocalDate first, int days) {
    List<Shift> shifts = new ArrayList<>();
    for (int d = -1; d < days; d++) {
      LocalDate date = first.plusDays(d);
      boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
      for (Radiologist r : readers) {
        switch (r.shift()) {
          case DAY -> add(shifts, r, zone, date, 8, date, 17, !weekend);
          case EVENING -> add(shifts, r, zone, date, 17, date, 22, !weekend);
          case WEEKEND -> add(shifts, r, zone, date, 8, date, 22, weekend);
          case NIGHT -> add(shifts, r, zone, date, 22, date.plusDays(1), 8, true);
          default -> throw new IllegalStateException("unknown shift " + r.shift());
        }
      }
    }
    shifts.sort((a, b) -> a.start().equals(b.start()) ? a.reader().id().compareTo(b.reader().id())
        : a.start().compareTo(b.start()));
    return shifts;
  }

  private static void add(List<Shift> shifts, Radiologist r, ZoneId zone, LocalDate from, int fromHour,
      LocalDate to, int toHour, boolean works) {
    if (works) {
      shifts.add(new Shift(r, from.atTime(LocalTime.of(fromHour, 0)).atZone(zone).toInstant(),
          to.atTime(LocalTime.of(toHour, 0)).atZone(zone).toInstant()));
    }
  }
}
