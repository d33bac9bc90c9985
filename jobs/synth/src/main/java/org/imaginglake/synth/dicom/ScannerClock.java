package org.imaginglake.synth.dicom;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.imaginglake.synth.model.Scanner;

/**
 * A scanner's wall clock: true time plus the scanner's clock offset, shown in the site's zone. Formats DICOM DA,
 * TM, DT and the Timezone Offset From UTC of the moment (which changes across a daylight-saving switch).
 */
final class ScannerClock {
  private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss.SSS");
  private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS");
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

  private final ZoneId zone;
  private final long offsetMillis;

  ScannerClock(Scanner scanner, ZoneId zone) {
    this.zone = zone;
    this.offsetMillis = scanner.clockOffsetSeconds() * 1000L;
  }

  /** The moment as the scanner shows it. */
  Reading at(long trueEpochMillis) {
    Instant shown = Instant.ofEpochMilli(trueEpochMillis + offsetMillis);
    ZoneOffset offset = zone.getRules().getOffset(shown);
    return new Reading(LocalDateTime.ofInstant(shown, offset), offset);
  }

  Reading at(Instant trueTime) {
    return at(trueTime.toEpochMilli());
  }

  /** A local date-time with the UTC offset in force. */
  record Reading(LocalDateTime local, ZoneOffset offset) {
    String da() {
      return DA.format(local);
    }

    String tm() {
      return TM.format(local);
    }

    String dt() {
      return DT.format(local);
    }

    /** DT with the offset suffix, as the SR DATETIME items and HL7 use. */
    String dtWithOffset() {
      return DT.format(local) + OFFSET.format(offset);
    }

    String offsetFromUtc() {
      return OFFSET.format(offset);
    }
  }
}
