package org.imaginglake.spark.ingest;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The raw identifiers of one file, read with PixelMed and no de-identification, for leak tests: patient ID,
 * accession number, other patient IDs, the patient's name and each of its components of 3+ characters, the birth
 * date. Values that also stand in a non-identifying attribute of the same file are not counted (they identify no one
 * there). Comparison is by token, upper case; tokens split on white space and JSON/DICOM punctuation but not on '.',
 * so a number inside a UID is no match.
 */
record RawIdentifiers(Set<String> needles, Set<String> strong) {
  private static final Set<AttributeTag> IDENTIFYING = Set.of(TagFromName.PatientID, TagFromName.PatientName,
      TagFromName.AccessionNumber, TagFromName.PatientBirthDate, TagFromName.OtherPatientIDs,
      TagFromName.OtherPatientNames, TagFromName.ReferringPhysicianName, TagFromName.PerformingPhysicianName,
      TagFromName.OperatorsName, TagFromName.NameOfPhysiciansReadingStudy, TagFromName.PersonName,
      TagFromName.IssuerOfPatientID, TagFromName.StudyID);

  static RawIdentifiers of(Path f) {
    AttributeList a = new AttributeList();
    try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      a.read(in, TagFromName.PixelData);
    } catch (Exception partial) {
      // what was read is still checked
    }
    Set<String> other = new HashSet<>();
    collectOther(a, other);
    Set<String> needles = new HashSet<>();
    Set<String> strong = new HashSet<>();
    String pid = value(a, TagFromName.PatientID);
    String acc = value(a, TagFromName.AccessionNumber);
    String name = value(a, TagFromName.PatientName);
    String birth = value(a, TagFromName.PatientBirthDate);
    for (String v : new String[] {pid, acc}) {
      add(v, other, needles);
      if (v != null && v.length() >= 6 && v.matches(".*[A-Za-z].*") && v.matches(".*[0-9].*")) {
        strong.add(v);
      }
    }
    if (name != null) {
      add(name, other, needles);
      if (name.contains("^") && name.length() >= 8 && !other.contains(name.toUpperCase())) {
        strong.add(name);
      }
      for (String part : name.split("[\\^=]")) {
        if (part.strip().length() >= 3) {
          add(part.strip(), other, needles);
        }
      }
    }
    add(birth, other, needles);
    return new RawIdentifiers(needles, strong);
  }

  /** Placeholders that test data puts in name and ID fields; they identify no one (same list as the scrubber). */
  private static final Set<String> PLACEHOLDERS = Set.of("ANON", "ANONYMOUS", "ANONYMIZED", "ANONYMISED", "REMOVED",
      "UNKNOWN", "NONE", "NULL", "NAME", "PATIENT", "TEST", "NOBODY", "NOONE");

  private static void add(String v, Set<String> other, Set<String> out) {
    if (v != null && !v.isBlank() && !other.contains(v.strip().toUpperCase())
        && !PLACEHOLDERS.contains(v.strip().toUpperCase())) {
      out.add(v.strip());
    }
  }

  /** Tokens of every string value of non-identifying attributes, recursively. */
  private static void collectOther(AttributeList a, Set<String> out) {
    for (Attribute attr : a.values()) {
      if (IDENTIFYING.contains(attr.getTag())) {
        continue;
      }
      if (attr instanceof SequenceAttribute seq) {
        for (Iterator<SequenceItem> it = seq.iterator(); it.hasNext();) {
          collectOther(it.next().getAttributeList(), out);
        }
        continue;
      }
      try {
        String[] vs = attr.getStringValues();
        if (vs != null) {
          for (String v : vs) {
            out.addAll(tokens(v));
            if (v != null) {
              out.add(v.strip().toUpperCase());
            }
          }
        }
      } catch (Exception ignored) {
        // binary values carry no text
      }
    }
  }

  static Set<String> tokens(String text) {
    Set<String> t = new HashSet<>();
    if (text == null) {
      return t;
    }
    for (String s : text.toUpperCase().split("[\\s\"{}\\[\\]:,\\^=\\\\/]+")) {
      if (!s.isEmpty()) {
        t.add(s);
      }
    }
    return t;
  }

  private static String value(AttributeList a, AttributeTag tag) {
    String v = Attribute.getSingleStringValueOrNull(a.get(tag));
    return v == null || v.isBlank() ? null : v.strip();
  }

  static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
