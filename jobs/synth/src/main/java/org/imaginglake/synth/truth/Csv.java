package org.imaginglake.synth.truth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A CSV file (RFC 4180, header row, LF line ends, UTF-8). Numbers are written in plain decimal notation, nulls as
 * empty fields, everything else with {@code toString}; fields holding a comma, quote or line break are quoted.
 */
public final class Csv implements AutoCloseable {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private final Writer out;
  private final StringBuilder line = new StringBuilder();

  public Csv(Path file, String... header) {
    try {
      Files.createDirectories(file.getParent());
      this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    row((Object[]) header);
  }

  public void row(Object... fields) {
    line.setLength(0);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(fields[i]));
    }
    line.append('\n');
    try {
      out.write(line.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String field(Object v) {
    if (v == null) {
      return "";
    }
    String s = v instanceof Double d ? plain(d) : v.toString();
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** {@code t} as local ISO-8601 date-time with seconds and UTC offset, e.g. {@code 2026-03-29T03:00:00+02:00}. */
  public static String local(Instant t, ZoneId zone) {
    return LOCAL.format(t.atZone(zone));
  }

  /** {@code v} in plain decimal notation without trailing zeros (no exponent: DICOM DS and CSV readers like it). */
  public static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
