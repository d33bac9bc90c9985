package org.imaginglake.core.ris;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.imaginglake.core.dicom.DicomDateTimes;

/**
 * Field access on a message parsed with HAPI's generic model: the segments in the order they came, and values by
 * position through {@link Terser}, already unescaped by HAPI, blank as {@code null}.
 */
final class Hl7Fields {
  private Hl7Fields() {}

  /**
   * The segments of a generic message in wire order. HAPI's generic model keeps them flat under the message:
   * consecutive segments of one kind are repetitions of one name, a later one gets a new name ({@code ORC2}), and
   * the names are kept in the order they first came.
   */
  static List<Segment> segments(Message message) throws HL7Exception {
    List<Segment> out = new ArrayList<>();
    for (String name : message.getNames()) {
      for (Structure s : message.getAll(name)) {
        if (s instanceof Segment seg) {
          out.add(seg);
        }
      }
    }
    return out;
  }

  /** The segment's type ({@code ORC} for HAPI's {@code ORC2}). */
  static String name(Segment s) {
    return s.getName();
  }

  /** Field {@code field}, first repetition, component 1, subcomponent 1. */
  static String get(Segment s, int field) {
    return get(s, field, 1, 1);
  }

  /** Field {@code field}, first repetition, component {@code component}, subcomponent 1. */
  static String get(Segment s, int field, int component) {
    return get(s, field, component, 1);
  }

  /** One value of the first repetition, stripped; null when the segment or value is absent or blank. */
  static String get(Segment s, int field, int component, int subcomponent) {
    if (s == null) {
      return null;
    }
    try {
      String v = Terser.get(s, field, 0, component, subcomponent);
      if (v == null) {
        return null;
      }
      v = v.strip();
      return v.isEmpty() || "\"\"".equals(v) ? null : v;
    } catch (HL7Exception e) {
      return null;
    }
  }

  /**
   * An HL7 DTM/TS value (first component): {@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}, the same grammar as
   * DICOM DT, so the DICOM side's parser reads it. Without an offset it is a time in {@code zone}; missing parts
   * take their lowest value; a local time skipped by a daylight-saving change moves forward by the gap, one that
   * happens twice takes the earlier offset. Null when blank or not a timestamp.
   */
  static Instant instant(String value, ZoneId zone) {
    return value == null ? null : DicomDateTimes.parseDateTime(value, zone);
  }

  /** The first non-null value. */
  static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
