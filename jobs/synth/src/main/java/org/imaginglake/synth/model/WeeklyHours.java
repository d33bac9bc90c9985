package org.imaginglake.synth.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * Weekly operating hours in the site's local time: open from {@code open} to {@code close} on {@code days}, or
 * around the clock. Local times follow the zone's daylight-saving rules (a 07:30 opening is 07:30 on both sides of
 * a change).
 */
public record WeeklyHours(Set<DayOfWeek> days, LocalTime open, LocalTime close, boolean allDay) {
  public static final WeeklyHours ALWAYS = new WeeklyHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
      LocalTime.MIDNIGHT, true);

  public WeeklyHours {
    days = Set.copyOf(days);
  }

  public static WeeklyHours weekdays(LocalTime open, LocalTime close) {
    return new WeeklyHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), open, close, false);
  }

  public boolean isOpenAt(Instant t, ZoneId zone) {
    if (allDay) {
      return true;
    }
    ZonedDateTime local = t.atZone(zone);
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
  }

  /** {@code t} itself when open then, else the next opening after it. */
  public Instant nextOpenAt(Instant t, ZoneId zone) {
    if (isOpenAt(t, zone)) {
      return t;
    }
    ZonedDateTime day = t.atZone(zone).truncatedTo(ChronoUnit.DAYS);
    for (int i = 0; i < 8; i++, day = day.plusDays(1)) {
      ZonedDateTime opening = day.with(open);
      if (days.contains(day.getDayOfWeek()) && opening.toInstant().isAfter(t)) {
        return opening.toInstant();
      }
    }
    throw new IllegalStateException("no opening within a week: " + this);
  }

  /** Text for ground truth and docs, e.g. {@code MON-FRI 07:30-17:00} or {@code 24/7}. */
  public String describe() {
    if (allDay) {
      return "24/7";
    }
    StringBuilder sb = new StringBuilder();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (days.contains(d)) {
        sb.append(sb.length() == 0 ? "" : ",").append(d.name(), 0, 3);
      }
    }
    return sb + " " + open + "-" + close;
  }
}
