package org.imaginglake.core.privacy;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A DICOM Age String (AS) from two dates, with PixelMed's rule ({@code DateUtilities.getAgeBetweenAsDICOMAgeString})
 * but with java.time, which is thread-safe where PixelMed's shared {@code SimpleDateFormat} is not.
 */
final class AgeString {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private AgeString() {}

  /** DICOM AS between two DA values (nnnY, else nnnM, else nnnW, else nnnD), or null if either is not a date or
   * the age would be negative. */
  static String between(String birth, String date) {
    if (birth == null || date == null) {
      return null;
    }
    try {
      LocalDate from = LocalDate.parse(birth, DAY);
      LocalDate to = LocalDate.parse(date.length() > 8 ? date.substring(0, 8) : date, DAY);
      if (to.isBefore(from)) {
        return null;
      }
      Period p = Period.between(from, to);
      long days = ChronoUnit.DAYS.between(from, to);
      return p.getYears() > 0 ? String.format(Locale.ROOT, "%03dY", Math.min(p.getYears(), 999))
          : p.getMonths() > 0 ? String.format(Locale.ROOT, "%03dM", p.getMonths())
          : days >= 7 ? String.format(Locale.ROOT, "%03dW", days / 7) : String.format(Locale.ROOT, "%03dD", days);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
