package org.imaginglake.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DicomDateTimesTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Test
  void dates() {
    assertThat(DicomDateTimes.parseDate("20040119")).isEqualTo(LocalDate.of(2004, 1, 19));
    assertThat(DicomDateTimes.parseDate("1997.04.24")).isEqualTo(LocalDate.of(1997, 4, 24));
    assertThat(DicomDateTimes.parseDate("20040119 ")).isEqualTo(LocalDate.of(2004, 1, 19));
    assertThat(DicomDateTimes.parseDate("20041319")).isNull();
    assertThat(DicomDateTimes.parseDate("2004")).isNull();
    assertThat(DicomDateTimes.parseDate("")).isNull();
    assertThat(DicomDateTimes.parseDate(null)).isNull();
  }

  @Test
  void times() {
    assertThat(DicomDateTimes.parseTime("072730")).isEqualTo(LocalTime.of(7, 27, 30));
    assertThat(DicomDateTimes.parseTime("140419.468")).isEqualTo(LocalTime.of(14, 4, 19, 468_000_000));
    assertThat(DicomDateTimes.parseTime("14:04:38")).isEqualTo(LocalTime.of(14, 4, 38));
    assertThat(DicomDateTimes.parseTime("1404")).isEqualTo(LocalTime.of(14, 4));
    assertThat(DicomDateTimes.parseTime("14")).isEqualTo(LocalTime.of(14, 0));
    assertThat(DicomDateTimes.parseTime("235960")).isEqualTo(LocalTime.of(23, 59, 59));
    assertThat(DicomDateTimes.parseTime("256000")).isNull();
    assertThat(DicomDateTimes.parseTime("12345")).isNull();
    assertThat(DicomDateTimes.formatTime(LocalTime.of(14, 4, 19, 468_000_000))).isEqualTo("14:04:19.468000");
    assertThat(DicomDateTimes.formatTime(LocalTime.of(9, 5, 0))).isEqualTo("09:05:00");
    assertThat(DicomDateTimes.formatTime(LocalTime.of(0, 0, 7, 1_000))).isEqualTo("00:00:07.000001");
    assertThat(DicomDateTimes.formatTime(LocalTime.of(23, 59, 59, 999_999_999))).isEqualTo("23:59:59.999999");
  }

  @Test
  void dateTimesUseTheirOwnOffsetElseTheGivenZoneIncludingSummerTime() {
    assertThat(DicomDateTimes.parseDateTime("20240615103000+0200", LONDON))
        .isEqualTo(Instant.parse("2024-06-15T08:30:00Z"));
    assertThat(DicomDateTimes.parseDateTime("20240615103000", LONDON)).isEqualTo(Instant.parse("2024-06-15T09:30:00Z"));
    assertThat(DicomDateTimes.parseDateTime("20240115103000.5", LONDON))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00.500Z"));
    assertThat(DicomDateTimes.parseDateTime("2024", ZoneOffset.UTC)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(DicomDateTimes.parseDateTime("20241301", ZoneOffset.UTC)).isNull();
    assertThat(DicomDateTimes.parseOffset("-0500")).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(DicomDateTimes.parseOffset("0500")).isNull();
  }
}
