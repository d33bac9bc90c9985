package org.imaginglake.core.privacy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UnknownAttribute;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The raw identifying strings of one DICOM instance, and a substring test against them; used by
 * {@link HeaderDeidentifier}'s scrub pass.
 *
 * <p>Two kinds of needle:
 * <ul>
 *   <li><b>exact</b> (case-sensitive, as identifiers are in DICOM and HL7): Patient ID, Other Patient IDs,
 *       Accession Number, and the birth date both as written ({@code 19641014}) and as {@code 1964-10-14};</li>
 *   <li><b>folded</b> (case-insensitive): each of the family, given and middle name components of each
 *       representation (alphabetic, ideographic, phonetic) of a patient name. Prefix and suffix (titles such as
 *       {@code Dr}) are not needles. A component is used whole, not split into words, so that "Mary Ann" does not
 *       make "Ann" a needle.</li>
 * </ul>
 * A needle with fewer than {@value #MIN_LENGTH} characters (for names: letters or digits, so initials such as
 * "S R" do not count) is dropped, as are placeholders that de-identification tools and test data put in name and
 * ID fields ({@code ANONYMOUS}, {@code REMOVED}, {@code PATIENT}…): they identify no one and would only remove
 * unrelated attributes. For a name component in CJK ideographs, kana or Hangul the minimum is
 * {@value #MIN_LENGTH_CJK}, because family and given names there are mostly one or two characters
 * (single-character components are not needles).
 *
 * <p>Cost: a string test is one {@code String.indexOf} (vectorised by the JVM) per needle, plus one lower-case
 * copy of the value when there are name needles. A byte test (values of VR UN) reads the bytes as ISO 8859-1 and
 * covers only needles that are pure ASCII; a non-ASCII name inside an unknown-VR blob is not found.
 * Not thread-safe; one instance per header.
 */
final class IdentifierNeedles {
  static final int MIN_LENGTH = 3;
  static final int MIN_LENGTH_CJK = 2;
  private static final Set<String> PLACEHOLDERS = Set.of(
      "anon", "anonymous", "anonymized", "anonymised", "removed", "unknown", "none", "null", "name", "patient",
      "test", "nobody", "noone");

  /** Attributes of a coded entry: terminology, not patient data; a match is a coincidence with a vocabulary word
   * (a given name "Filters" and "X-Ray Filters"), and removing one breaks the concept. */
  private static final Set<AttributeTag> CODED_ENTRY = Set.of(TagFromName.CodeValue,
      TagFromName.CodingSchemeDesignator, TagFromName.CodingSchemeVersion, TagFromName.CodeMeaning,
      HeaderDeidentifier.tag("LongCodeValue"), HeaderDeidentifier.tag("URNCodeValue"),
      HeaderDeidentifier.tag("ContextIdentifier"), TagFromName.MappingResource);
  private static final String[] NO_VALUES = new String[0];

  private final List<String> exact = new ArrayList<>(6);
  private final List<String> folded = new ArrayList<>(6);
  private String[] exactAscii;
  private String[] foldedAscii;

  /** Adds an identifier as an exact needle. */
  void addId(String raw) {
    String id = Pseudonymizer.normalise(raw);
    if (id != null && id.length() >= MIN_LENGTH && !PLACEHOLDERS.contains(id.toLowerCase(Locale.ROOT))) {
      add(exact, id);
    }
  }

  /** Adds a DA value as exact needles, as written and in ISO form. */
  void addDate(String raw) {
    String date = Pseudonymizer.normalise(raw);
    if (date == null) {
      return;
    }
    addId(date);
    if (date.length() == 8) {
      addId(date.substring(0, 4) + '-' + date.substring(4, 6) + '-' + date.substring(6));
    }
  }

  /** Adds the family, given and middle components of every representation of a PN value as folded needles. */
  void addPersonName(String pn) {
    if (pn == null) {
      return;
    }
    int start = 0;
    int component = 0;
    for (int i = 0; i <= pn.length(); i++) {
      char c = i < pn.length() ? pn.charAt(i) : '=';
      if (c == '^' || c == '=') {
        if (component < 3) {
          addNameComponent(pn.substring(start, i));
        }
        component = c == '=' ? 0 : component + 1;
        start = i + 1;
      }
    }
  }

  private void addNameComponent(String raw) {
    String name = Pseudonymizer.normalise(raw);
    while (name != null && !name.isEmpty() && (name.endsWith(",") || name.endsWith("."))) {
      name = Pseudonymizer.normalise(name.substring(0, name.length() - 1));
    }
    if (name == null) {
      return;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (isLongEnough(name) && !PLACEHOLDERS.contains(lower)) {
      add(folded, lower);
    }
  }

  /** At least {@value #MIN_LENGTH} letters or digits, or {@value #MIN_LENGTH_CJK} if one is CJK or Hangul. */
  private static boolean isLongEnough(String name) {
    int count = 0;
    boolean cjk = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        count++;
        cjk |= cp >= 0x2E80;
      }
      i += Character.charCount(cp);
    }
    return count >= (cjk ? MIN_LENGTH_CJK : MIN_LENGTH);
  }

  private void add(List<String> needles, String needle) {
    if (!needles.contains(needle)) {
      needles.add(needle);
      exactAscii = null;
      foldedAscii = null;
    }
  }

  boolean isEmpty() {
    return exact.isEmpty() && folded.isEmpty();
  }

  /** The needles, for messages and tests. */
  List<String> all() {
    List<String> all = new ArrayList<>(exact);
    all.addAll(folded);
    return all;
  }

  /** Whether the attribute's value contains a needle, for the VRs that can hold a name or an ID; false for
   * sequences (the caller recurses) and for the terminology of coded entries. */
  boolean foundIn(Attribute a) throws DicomException {
    if (isEmpty()) {
      return false;
    }
    if (a instanceof UnknownAttribute) {
      return foundIn(a.getByteValues());
    }
    if (!isScannedVr(a.getVR()) || CODED_ENTRY.contains(a.getTag())) {
      return false;
    }
    for (String s : values(a)) {
      if (foundIn(s)) {
        return true;
      }
    }
    return false;
  }

  /** AE, LO, LT, PN, SH, ST, UC, UR, UT: the string VRs that can hold a name or an ID (see HeaderDeidentifier). */
  static boolean isScannedVr(byte[] vr) {
    if (vr == null || vr.length != 2) {
      return false;
    }
    switch (vr[0] << 8 | vr[1]) {
      case 'A' << 8 | 'E', 'L' << 8 | 'O', 'L' << 8 | 'T', 'P' << 8 | 'N', 'S' << 8 | 'H', 'S' << 8 | 'T',
          'U' << 8 | 'C', 'U' << 8 | 'R', 'U' << 8 | 'T':
        return true;
      default:
        return false;
    }
  }

  /** Whether {@code value} contains any needle. */
  boolean foundIn(String value) {
    if (value == null || value.length() < MIN_LENGTH_CJK) {
      return false;
    }
    for (int i = 0; i < exact.size(); i++) {
      if (value.indexOf(exact.get(i)) >= 0) {
        return true;
      }
    }
    if (!folded.isEmpty()) {
      String lower = value.toLowerCase(Locale.ROOT);
      for (int i = 0; i < folded.size(); i++) {
        if (lower.indexOf(folded.get(i)) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the bytes, read as ISO 8859-1, contain an ASCII needle (names case-insensitively). */
  boolean foundIn(byte[] value) {
    if (value == null || value.length < MIN_LENGTH) {
      return false;
    }
    if (exactAscii == null) {
      exactAscii = ascii(exact);
      foldedAscii = ascii(folded);
    }
    String text = new String(value, StandardCharsets.ISO_8859_1);
    for (String needle : exactAscii) {
      if (text.indexOf(needle) >= 0) {
        return true;
      }
    }
    if (foldedAscii.length > 0) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (String needle : foldedAscii) {
        if (lower.indexOf(needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static String[] ascii(List<String> needles) {
    return needles.stream().filter(s -> s.chars().allMatch(c -> c < 0x80)).toArray(String[]::new);
  }

  /** The values as read, padding included (no copy for VRs whose class keeps them). */
  static String[] values(Attribute a) {
    if (a == null) {
      return NO_VALUES;
    }
    try {
      String[] v = a instanceof StringAttribute s ? s.getOriginalStringValues() : a.getStringValues();
      return v == null ? NO_VALUES : v;
    } catch (DicomException e) {
      return NO_VALUES;
    }
  }
}
