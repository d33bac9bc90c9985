package org.imaginglake.core.ris;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** HL7 timestamps and character sets. */
class Hl7DecodingTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final RisReadException.Where WHERE = new RisReadException.Where("f.hl7", "hl7", 1, 0);

  static Instant t(String v) {
    return Hl7Fields.instant(v, NEW_YORK);
  }

  @Test
  void timestampsWithAnOffsetKeepIt() {
    assertThat(t("202110201126+0215")).isEqualTo(Instant.parse("2021-10-20T09:11:00Z"));
    assertThat(t("201203141259-0215")).isEqualTo(Instant.parse("2012-03-14T15:14:00Z"));
    assertThat(t("20210817151943.4+0200")).isEqualTo(Instant.parse("2021-08-17T13:19:43.400Z"));
  }

  @Test
  void timestampsWithoutAnOffsetAreInTheSiteZone() {
    // EST (-05:00) in January, EDT (-04:00) in July
    assertThat(t("20240115083000")).isEqualTo(Instant.parse("2024-01-15T13:30:00Z"));
    assertThat(t("20240715083000")).isEqualTo(Instant.parse("2024-07-15T12:30:00Z"));
  }

  @Test
  void partialPrecisionTakesTheStartOfThePeriod() {
    assertThat(t("202407150830")).isEqualTo(Instant.parse("2024-07-15T12:30:00Z"));
    assertThat(t("2024071508")).isEqualTo(Instant.parse("2024-07-15T12:00:00Z"));
    assertThat(t("20240715")).isEqualTo(Instant.parse("2024-07-15T04:00:00Z"));
    assertThat(t("202407")).isEqualTo(Instant.parse("2024-07-01T04:00:00Z"));
    assertThat(t("2024")).isEqualTo(Instant.parse("2024-01-01T05:00:00Z"));
    assertThat(t("20240715083000.1234")).isEqualTo(Instant.parse("2024-07-15T12:30:00.123400Z"));
  }

  @Test
  void daylightSavingGapMovesForwardAndOverlapTakesTheEarlierOffset() {
    // 2024-03-10 02:30 does not exist in New York (clocks jump 02:00 -> 03:00): read as 03:30 EDT
    assertThat(t("202403100230")).isEqualTo(Instant.parse("2024-03-10T07:30:00Z"));
    // 2024-11-03 01:30 happens twice: the first (EDT, -04:00) is taken
    assertThat(t("202411030130")).isEqualTo(Instant.parse("2024-11-03T05:30:00Z"));
  }

  @Test
  void notATimestampIsNull() {
    assertThat(t("1994050216163360")).isNull(); // 16 digits (messages.txt MSH-7)
    assertThat(t("2010201200+0215")).isNull(); // month 20 (ORM-O01-01 ORC-15)
    assertThat(t("19500131T143414")).isNull();
    assertThat(t(null)).isNull();
  }

  @Test
  void msh18NamesTheCharacterSet() throws Exception {
    String msh = "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|1|P|2.5|||||";
    byte[] latin1 = (msh + "|8859/1\rPID|1||X||Müller\r").getBytes(ISO_8859_1);
    assertThat(Hl7Charsets.msh18(latin1)).isEqualTo("8859/1");
    assertThat(Hl7Charsets.decode(latin1, WHERE)).contains("Müller");
    byte[] utf8 = (msh + "|UNICODE UTF-8~8859/1\rPID|1||X||Müller\r").getBytes(UTF_8);
    assertThat(Hl7Charsets.msh18(utf8)).isEqualTo("UNICODE UTF-8");
    assertThat(Hl7Charsets.decode(utf8, WHERE)).contains("Müller");
    assertThat(Hl7Charsets.decode((msh + "|ISO_IR 100\rPID|1||X||Müller\r").getBytes(ISO_8859_1), WHERE))
        .contains("Müller");
  }

  @Test
  void withoutMsh18Utf8IsTriedThenIso88591() throws Exception {
    String m = "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|1|P|2.5\rPID|1||X||Müller\r";
    assertThat(Hl7Charsets.msh18(m.getBytes(UTF_8))).isNull();
    assertThat(Hl7Charsets.decode(m.getBytes(UTF_8), WHERE)).contains("Müller");
    assertThat(Hl7Charsets.decode(m.getBytes(ISO_8859_1), WHERE)).contains("Müller");
  }

  @Test
  void utf16IsRefused() {
    byte[] m = "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|1|P|2.5||||||UNICODE UTF-16\r".getBytes(ISO_8859_1);
    assertThatThrownBy(() -> Hl7Charsets.decode(m, WHERE))
        .isInstanceOfSatisfying(RisReadException.class, e -> {
          assertThat(e.stage()).isEqualTo(RisReadException.Stage.DECODE);
          assertThat(e.getMessage()).isEqualTo("message 1 at byte 0: MSH-18 character set UNICODE UTF-16 is not "
              + "supported (only single-byte-compatible encodings such as 8859/1 or UNICODE UTF-8)");
        });
  }
}
