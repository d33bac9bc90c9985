package org.imaginglake.core.ris;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of cutting files into messages; each input is built here byte by byte. */
class Hl7SplitterTest {
  static final String A = "MSH|^~\\&|RIS|H|PACS|H|20240102030405||ORM^O01|A1|P|2.5.1";
  static final String B = "MSH|^~\\&|RIS|H|PACS|H|20240102030406||ORM^O01|B2|P|2.5.1";

  static List<RawHl7Message> split(String text, int max) {
    return split(text.getBytes(ISO_8859_1), max);
  }

  static List<RawHl7Message> split(byte[] bytes, int max) {
    List<RawHl7Message> out = new ArrayList<>();
    new Hl7Splitter(new ByteArrayInputStream(bytes), max).forEachRemaining(out::add);
    return out;
  }

  static String text(RawHl7Message m) {
    return new String(m.bytes(), ISO_8859_1);
  }

  @Test
  void crLfAndCrlfSeparatorsGiveCrTerminatedSegments() {
    for (String sep : List.of("\r", "\n", "\r\n")) {
      List<RawHl7Message> ms = split(A + sep + "PID|1||X1" + sep + B + sep + "PID|1||X2" + sep, 1 << 20);
      assertThat(ms).as("separator %s", sep.replace("\r", "CR").replace("\n", "LF")).hasSize(2);
      assertThat(text(ms.get(0))).isEqualTo(A + "\rPID|1||X1\r");
      assertThat(text(ms.get(1))).isEqualTo(B + "\rPID|1||X2\r");
      assertThat(ms.get(1).offsetBytes()).isEqualTo(A.length() + sep.length() + 9 + sep.length());
      assertThat(ms).extracting(RawHl7Message::ordinal).containsExactly(1, 2);
    }
  }

  @Test
  void mllpFramesAreUnwrapped() {
    String framed = "\u000b" + A + "\rPID|1\r\u001c\r" + "\u000b" + B + "\rPID|2\u001c\r";
    List<RawHl7Message> ms = split(framed, 1 << 20);
    assertThat(ms).hasSize(2);
    assertThat(text(ms.get(0))).isEqualTo(A + "\rPID|1\r");
    assertThat(text(ms.get(1))).isEqualTo(B + "\rPID|2\r");
    assertThat(ms.get(0).offsetBytes()).isEqualTo(1);
    assertThat(ms.get(1).offsetBytes()).isEqualTo(1 + A.length() + 7 + 2 + 1);
  }

  @Test
  void byteOrderMarkBlankLinesAndCommentsBetweenMessagesAreSkipped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String rest = A + "\n\n   \n// a comment between messages\n/* and another */\n\n" + B + "\nPID|1\n\n";
    byte[] bytes = new byte[bom.length + rest.length()];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(rest.getBytes(ISO_8859_1), 0, bytes, 3, rest.length());
    List<RawHl7Message> ms = split(bytes, 1 << 20);
    assertThat(ms).extracting(RawHl7Message::ok).containsExactly(true, true);
    assertThat(text(ms.get(0))).isEqualTo(A + "\r");
    assertThat(ms.get(0).offsetBytes()).isEqualTo(3);
    assertThat(text(ms.get(1))).isEqualTo(B + "\rPID|1\r");
    assertThat(ms.get(1).offsetBytes()).isEqualTo(3 + rest.indexOf(B));
  }

  @Test
  void aNewMshEndsTheMessageBeforeIt() {
    List<RawHl7Message> ms = split(A + "\rPID|1\r" + B + "\rPID|2", 1 << 20);
    assertThat(ms).extracting(RawHl7Message::sizeBytes).containsExactly((long) A.length() + 6, (long) B.length() + 6);
  }

  @Test
  void segmentsWithoutMshAreReportedNotDropped() {
    List<RawHl7Message> ms = split("PID|1||X\rPV1||E\r\r" + A + "\r", 1 << 20);
    assertThat(ms).hasSize(2);
    assertThat(ms.get(0).ok()).isFalse();
    assertThat(ms.get(0).problem()).isEqualTo("MSH segment missing: 15 bytes of segments with no MSH segment "
        + "before them");
    assertThat(ms.get(1).ok()).isTrue();
    assertThat(ms.get(1).ordinal()).isEqualTo(2);
  }

  @Test
  void anOverSizeMessageIsSkippedWithoutStoppingTheNext() {
    String big = A + "\rOBX|1|ED|||" + "x".repeat(5000) + "\rOBX|2\r";
    List<RawHl7Message> ms = split(big + B + "\r", 1024);
    assertThat(ms).hasSize(2);
    assertThat(ms.get(0).bytes()).isNull();
    assertThat(ms.get(0).sizeBytes()).isEqualTo(big.length() - 1);
    assertThat(ms.get(0).problem()).isEqualTo("message of " + (big.length() - 1) + " bytes is over the limit of 1024 "
        + "bytes (setting ris.hl7.max-message-bytes)");
    assertThat(text(ms.get(1))).isEqualTo(B + "\r");
    assertThat(ms.get(1).offsetBytes()).isEqualTo(big.length());
  }

  @Test
  void messagesSpanningTheReadBufferAreWhole() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      b.append(A.replace("A1", "C" + i)).append("\r\nPID|1||").append(i).append("\r\n");
    }
    byte[] bytes = b.toString().getBytes(ISO_8859_1);
    // a stream that returns a few bytes per read, as sockets and some Hadoop streams do
    InputStream trickle = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] buf, int off, int len) {
        return super.read(buf, off, Math.min(len, 7));
      }
    };
    List<RawHl7Message> ms = new ArrayList<>();
    new Hl7Splitter(trickle, 4096).forEachRemaining(ms::add);
    assertThat(ms).hasSize(2000);
    assertThat(text(ms.get(1999))).isEqualTo(A.replace("A1", "C1999") + "\rPID|1||1999\r");
  }

  @Test
  void anEmptyOrCommentOnlyStreamHasNoMessage() {
    assertThat(split("", 1 << 20)).isEmpty();
    assertThat(split("/*\n * nothing here\n */\n", 1 << 20)).isEmpty();
  }
}
