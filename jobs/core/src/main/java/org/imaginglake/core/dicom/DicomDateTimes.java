package org.imaginglake.core.dicom;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses DICOM DA, TM and DT values (PS3.5 6.2) into java.time values. Lenient where real files are: the
 * ACR-NEMA forms {@code YYYY.MM.DD} and {@code HH:MM:SS}, partial times ({@code HH}, {@code HHMM}), 1–6 fraction
 * digits and trailing padding. A value that is not a valid date or time gives {@code null}, never an exception:
 * the caller stores null and the raw value stays in {@code header_json}.
 *
 * <p>Written here rather than taken from PixelMed because PixelMed's {@code DateTimeAttribute} works in
 * {@code java.util.Date} and the default time zone; the lake needs explicit zones (site zone or (0008,0201)).
 */
public final class DicomDateTimes {
  private DicomDateTimes() {}

  /** DA: {@code YYYYMMDD} or {@code YYYY.MM.DD}. */
  public static LocalDate parseDate(String da) {
    String s = strip(da);
    if (s == null) {
      return null;
    }
    if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
      s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8, 10);
    }
    if (s.length() != 8 || !digits(s, 0, 8)) {
      return null;
    }
    try {
      return LocalDate.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** TM: {@code HH[MM[SS[.F{1,6}]]]} or {@code HH:MM[:SS[.F]]}. */
  public static LocalTime parseTime(String tm) {
    String s = strip(tm);
    if (s == null) {
      return null;
    }
    if (s.indexOf(':') >= 0) {
      s = s.replace(":", "");
    }
    int dot = s.indexOf('.');
    String main = dot < 0 ? s : s.substring(0, dot);
    String frac = dot < 0 ? "" : s.substring(dot + 1);
    if (main.length() < 2 || main.length() > 6 || main.length() % 2 != 0 || !digits(main, 0, main.length())
        || frac.length() > 6 || !digits(frac, 0, frac.length())) {
      return null;
    }
    int hh = num(main, 0, 2);
    int mm = main.length() >= 4 ? num(main, 2, 4) : 0;
    int ss = main.length() >= 6 ? num(main, 4, 6) : 0;
    if (ss == 60) {
      ss = 59; // leap second, allowed by PS3.5
    }
    int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000").substring(0, 6)) * 1000;
    try {
      return LocalTime.of(hh, mm, ss, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The offset of a {@code &ZZXX} suffix or a (0008,0201) value such as {@code +0100}; null when invalid. */
  public static ZoneOffset parseOffset(String zzxx) {
    String s = strip(zzxx);
    if (s == null || s.length() != 5 || (s.charAt(0) != '+' && s.charAt(0) != '-') || !digits(s, 1, 5)) {
      return null;
    }
    int sign = s.charAt(0) == '-' ? -1 : 1;
    try {
      return ZoneOffset.ofHoursMinutes(sign * num(s, 1, 3), sign * num(s, 3, 5));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * DT: {@code YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]}. Missing components take their lowest value. The zone is
   * the value's own offset when it has one, else {@code zone}.
   */
  public static Instant parseDateTime(String dt, ZoneId zone) {
    String s = strip(dt);
    if (s == null) {
      return null;
    }
    ZoneId effective = zone;
    int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
    if (sign >= 4) {
      ZoneOffset offset = parseOffset(s.substring(sign));
      if (offset == null) {
        return null;
      }
      effective = offset;
      s = s.substring(0, sign);
    }
    int dot = s.indexOf('.');
    String main = dot < 0 ? s : s.substring(0, dot);
    if (main.length() < 4 || main.length() > 14 || main.length() % 2 != 0 || !digits(main, 0, main.length())) {
      return null;
    }
    String date = (main.length() >= 8 ? main.substring(0, 8) : (main + "0101").substring(0, 8));
    LocalDate d = parseDate(date);
    LocalTime t = main.length() > 8 ? parseTime(main.substring(8) + (dot < 0 ? "" : s.substring(dot))) : LocalTime.MIDNIGHT;
    return combine(d, t, effective);
  }

  /** A date and an optional time (midnight when null) in {@code zone}; null when the date is null. */
  public static Instant combine(LocalDate date, LocalTime time, ZoneId zone) {
    if (date == null) {
      return null;
    }
    return LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time).atZone(zone).toInstant();
  }

  /** TM normalised for display and sorting: {@code HH:MM:SS} or {@code HH:MM:SS.ffffff}. */
  public static String formatTime(LocalTime t) {
    if (t == null) {
      return null;
    }
    // by hand: String.format cost more than the rest of a header's columns together
    StringBuilder b = new StringBuilder(15);
    twoDigits(b, t.getHour()).append(':');
    twoDigits(b, t.getMinute()).append(':');
    twoDigits(b, t.getSecond());
    if (t.getNano() != 0) {
      String micros = Integer.toString(1_000_000 + t.getNano() / 1000);
      b.append('.').append(micros, 1, 7);
    }
    return b.toString();
  }

  private static StringBuilder twoDigits(StringBuilder b, int v) {
    return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static String strip(String v) {
    if (v == null) {
      return null;
    }
    String s = v.strip();
    int nul = s.indexOf('\u0000');
    if (nul >= 0) {
      s = s.substring(0, nul).strip();
    }
    return s.isEmpty() ? null : s;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }
}
