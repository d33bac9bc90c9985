package org.imaginglake.core.dicom.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * String values in DICOM JSON (PS3.18 F.2.3): padding removed, PN split into its component groups, DS and IS written
 * as JSON numbers when they are numbers. Used by {@link DicomJsonWriter}; allocates only the unpadded copy of a padded
 * value.
 */
final class DicomJsonStrings {
  private static final SerializedString[] PN_GROUPS = {
      new SerializedString("Alphabetic"), new SerializedString("Ideographic"), new SerializedString("Phonetic")};

  private DicomJsonStrings() {}

  /** Whether the value is nothing but padding. */
  static boolean isEmpty(String value) {
    return value == null || trimmedEnd(value) == 0;
  }

  /**
   * Writes one attribute's values as array entries: an empty value as null. Trailing spaces and NULs go; leading
   * spaces go too except in LT, ST and UT, where the standard makes them significant.
   */
  static void writeValues(JsonGenerator gen, String vr, String[] values) throws IOException {
    boolean keepLeadingSpaces = vr.equals("LT") || vr.equals("ST") || vr.equals("UT");
    for (String raw : values) {
      int end = raw == null ? 0 : trimmedEnd(raw);
      int start = 0;
      while (!keepLeadingSpaces && start < end && raw.charAt(start) == ' ') {
        start++;
      }
      if (start == end) {
        gen.writeNull();
        continue;
      }
      String value = raw.substring(start, end);
      switch (vr) {
        case "PN" -> writePersonName(gen, value);
        case "DS" -> writeDecimal(gen, value);
        case "IS" -> writeInteger(gen, value);
        default -> gen.writeString(value);
      }
    }
  }

  /** Length of the value without trailing padding: spaces, and the NULs that pad UI. */
  private static int trimmedEnd(String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
      end--;
    }
    return end;
  }

  /** {"Alphabetic": .., "Ideographic": .., "Phonetic": ..} from the '='-separated groups; empty groups left out. */
  private static void writePersonName(JsonGenerator gen, String value) throws IOException {
    if (value.replace('=', ' ').isBlank()) {
      gen.writeNull();
      return;
    }
    gen.writeStartObject();
    int start = 0;
    for (int group = 0; group < PN_GROUPS.length; group++) {
      int eq = group < PN_GROUPS.length - 1 ? value.indexOf('=', start) : -1;
      String part = value.substring(start, eq < 0 ? value.length() : eq).strip();
      if (!part.isEmpty()) {
        gen.writeFieldName(PN_GROUPS[group]);
        gen.writeString(part);
      }
      if (eq < 0) {
        break;
      }
      start = eq + 1;
    }
    gen.writeEndObject();
  }

  private static void writeInteger(JsonGenerator gen, String value) throws IOException {
    int first = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
    int end = digits(value, first);
    if (end == value.length() && end > first && end - first <= 18) {
      gen.writeNumber(Long.parseLong(value)); // cannot fail: checked above, and parseLong takes a leading '+'
    } else {
      gen.writeString(value); // no integer: keep what the file says
    }
  }

  private static void writeDecimal(JsonGenerator gen, String value) throws IOException {
    if (isJsonNumber(value)) {
      gen.writeNumber(value); // digit for digit as in the file: no rounding through double
      return;
    }
    double d;
    try {
      d = Double.parseDouble(value); // the DS forms JSON lacks: "+1.5", ".5", "1.", "007"
    } catch (NumberFormatException noNumber) {
      d = Double.NaN;
    }
    if (Double.isFinite(d)) {
      gen.writeNumber(d);
    } else {
      gen.writeString(value); // no number: keep what the file says
    }
  }

  /** Whether the value is a number in JSON syntax: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  static boolean isJsonNumber(String value) {
    int n = value.length();
    int i = n > 0 && value.charAt(0) == '-' ? 1 : 0;
    int end = i < n && value.charAt(i) == '0' ? i + 1 : digits(value, i);
    if (end == i) {
      return false;
    }
    i = end;
    if (i < n && value.charAt(i) == '.') {
      end = digits(value, i + 1);
      if (end == i + 1) {
        return false;
      }
      i = end;
    }
    if (i < n && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
      i += i + 1 < n && (value.charAt(i + 1) == '+' || value.charAt(i + 1) == '-') ? 2 : 1;
      end = digits(value, i);
      if (end == i) {
        return false;
      }
      i = end;
    }
    return i == n;
  }

  private static int digits(String value, int from) {
    int i = from;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
