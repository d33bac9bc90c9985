package org.imaginglake.core.ris;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.junit.jupiter.api.Test;

/**
 * No raw identifier or name leaves the mapper, and pseudonyms are the DICOM side's. Identifiers are read here from
 * the files with plain string splitting, independently of the splitter, HAPI and the mapper.
 */
class RisPrivacyTest {
  /** Words of the normalised vocabularies, which the mapper writes itself (never copied from a name). */
  static final Set<String> VOCABULARY = Set.of("emergency", "inpatient", "outpatient", "preadmit", "recurring",
      "obstetrics", "commercial", "unknown", "stat", "urgent", "routine", "preop", "callback");

  /** Identifier fields (CX, EI: the ID is the first component; the others name its issuer) per segment. */
  static final Map<String, int[]> IDS = Map.of(
      "PID", new int[] {2, 3, 4, 18, 19},
      "MRG", new int[] {1, 2, 3},
      "OBR", new int[] {2, 3, 18, 19, 20},
      "ORC", new int[] {2, 3, 4},
      "IPC", new int[] {1, 2, 4},
      "SCH", new int[] {1, 2, 26, 27},
      "PV1", new int[] {19, 50});

  /** Person-name fields of patients and their relatives: every component and subcomponent. */
  static final Map<String, int[]> NAMES = Map.of(
      "PID", new int[] {5, 6, 9},
      "MRG", new int[] {7},
      "NK1", new int[] {2},
      "GT1", new int[] {3});

  /** Every component and subcomponent of every identifying field in {@code file}, 3 characters or more. */
  static Set<String> needles(Path file) throws Exception {
    String text = new String(Files.readAllBytes(file), ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
    Set<String> out = new TreeSet<>();
    for (String seg : text.split("\r")) {
      if (seg.length() < 4) {
        continue;
      }
      String[] f = seg.split("\\|", -1);
      for (int n : IDS.getOrDefault(seg.substring(0, 3), new int[0])) {
        if (n < f.length) {
          for (String repetition : f[n].split("~")) {
            add(out, repetition.split("\\^", -1)[0].split("&", -1)[0]);
          }
        }
      }
      for (int n : NAMES.getOrDefault(seg.substring(0, 3), new int[0])) {
        if (n < f.length) {
          for (String part : f[n].split("[~^&]")) {
            add(out, part);
          }
        }
      }
    }
    // UTF-8 files decode differently from ISO-8859-1: add the UTF-8 reading of each needle too
    Set<String> both = new TreeSet<>(out);
    out.forEach(n -> both.add(new String(n.getBytes(ISO_8859_1), UTF_8)));
    return both;
  }

  private static void add(Set<String> out, String value) {
    String v = value.strip();
    if (v.length() >= 3 && !v.chars().allMatch(c -> c == '"')) {
      out.add(v.toLowerCase(Locale.ROOT));
    }
  }

  static List<String> strings(RisMessageResult r) {
    List<String> out = new ArrayList<>();
    for (RisEvent e : r.events()) {
      for (Object v : e.values()) {
        if (v instanceof String s) {
          out.add(s.toLowerCase(Locale.ROOT));
        }
      }
    }
    if (r.isQuarantined()) {
      out.add(r.quarantine().getMessage().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  @Test
  void noRawIdentifierOrNameInAnyEventFieldOrQuarantineReason() throws Exception {
    int checked = 0;
    for (Path f : RealHl7.files()) {
      String key = RealHl7.DIR.relativize(f).toString().replace('\\', '/');
      Set<String> needles = needles(f);
      needles.remove(key.toLowerCase(Locale.ROOT)); // the path names the file, not a patient
      needles.removeAll(VOCABULARY); // messages.txt has a test patient called RADIOLOGY^INPATIENT^SIX
      for (RisMessageResult r : RealHl7.results().get(key)) {
        for (String s : strings(r)) {
          String value = s.replace(key.toLowerCase(Locale.ROOT), ""); // source_path
          for (String n : needles) {
            assertThat(containsWord(value, n)).as("%s: '%s' holds the identifier or name '%s'", key, value, n)
                .isFalse();
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  /**
   * {@code needle} in {@code text} with no letter or digit right before or after it: a whole value or word, so a
   * name piece such as {@code INPAT} does not match the vocabulary word {@code INPATIENT}.
   */
  static boolean containsWord(String text, String needle) {
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      int end = i + needle.length();
      boolean before = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
      boolean after = end < text.length() && Character.isLetterOrDigit(text.charAt(end));
      if (!before && !after) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theScanFindsAnIdentifierWhereOneIs() {
    assertThat(containsWord("patient 583295 arrived", "583295")).isTrue();
    assertThat(containsWord("583295", "583295")).isTrue();
    assertThat(containsWord("inpatient", "inpat")).isFalse();
  }

  @Test
  void needlesAreReallyReadFromTheFiles() throws Exception {
    Set<String> n = needles(RealHl7.DIR.resolve("dcm4che/legacy_ORM_O01.hl7"));
    assertThat(n).contains("583295", "doe", "mof5026", "a103z", "b103z", "rp1026");
  }

  @Test
  void pseudonymsAreTheDicomSidesForTheSameRawIdentifier() throws Exception {
    // The DICOM side calls Pseudonymizer.pseudonym(namespace, raw) on AccessionNumber and PatientID; the same key
    // and the same raw value here must give the same text. Raw values are padded as DICOM pads them (trailing
    // space) to show that normalisation matches too.
    Pseudonymizer dicomSide = new Pseudonymizer("test-key-0123456789abcdef".getBytes(UTF_8), "dicom");
    RisEvent omi = RealHl7.events("dcm4che/legacy_OMI_O23.hl7").get(0); // IPC-1 ACC, PID-3 4711471151
    assertThat(omi.accessionPseudoId()).isEqualTo(dicomSide.pseudonym(Namespace.ACCESSION_NUMBER, "ACC "));
    assertThat(omi.patientPseudoId()).isEqualTo(dicomSide.pseudonym(Namespace.PATIENT_ID, "4711471151"));
    assertThat(omi.placerOrderPseudoId()).isEqualTo(dicomSide.pseudonym(Namespace.PLACER_ORDER_NUMBER, "A100Z"));
    assertThat(omi.accessionPseudoId()).isNotEqualTo(dicomSide.pseudonym(Namespace.PATIENT_ID, "ACC"));
    Pseudonymizer otherKey = new Pseudonymizer("another-key-0123456789ab".getBytes(UTF_8), "other");
    assertThat(omi.accessionPseudoId()).isNotEqualTo(otherKey.pseudonym(Namespace.ACCESSION_NUMBER, "ACC"));
  }
}
