package org.imaginglake.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.DATA;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.DEID;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.PSEUDONYMIZER;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.leaks;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.read;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.value;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.imaginglake.core.privacy.HeaderDeidentifier.Result;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.junit.jupiter.api.Test;

/** Every header of the shared DICOM and RDSR corpus that PixelMed reads: nothing identifying survives; cost. */
class HeaderDeidentifierCorpusTest {
  /** Files that are not DICOM (the corpus's notes and dumps). */
  static boolean isCandidate(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && Stream.of(".md", ".txt", ".json", ".dump", ".gz").noneMatch(name::endsWith);
  }

  static List<Path> corpus() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : new String[] {"dicom", "rdsr"}) {
      try (Stream<Path> s = Files.walk(DATA.resolve(root))) {
        s.filter(HeaderDeidentifierCorpusTest::isCandidate).sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** The test's own, independent list of what must not survive: name components (3+ letters or digits, 2 for CJK,
   * placeholders excepted), Patient ID and Other Patient IDs (3+ characters), the birth date in both forms. */
  static List<String> forbiddenStrings(AttributeList list) {
    Set<String> placeholders = Set.of("anon", "anonymous", "anonymized", "removed", "unknown", "none", "null",
        "name", "patient", "test", "nobody", "noone");
    List<String> out = new ArrayList<>();
    for (String group : value(list, TagFromName.PatientName).split("=")) {
      String[] parts = group.split("\\^");
      for (int i = 0; i < Math.min(3, parts.length); i++) {
        String c = parts[i].trim().replaceAll("[.,]+$", "");
        long letters = c.codePoints().filter(Character::isLetterOrDigit).count();
        boolean cjk = c.codePoints().anyMatch(cp -> cp >= 0x2E80);
        if (letters >= (cjk ? 2 : 3) && !placeholders.contains(c.toLowerCase(Locale.ROOT))) {
          out.add(c);
        }
      }
    }
    List<String> ids = new ArrayList<>(List.of(value(list, TagFromName.PatientID).trim()));
    ids.addAll(List.of(Attribute.getStringValues(list, TagFromName.OtherPatientIDs) == null ? new String[0]
        : Attribute.getStringValues(list, TagFromName.OtherPatientIDs)));
    for (String id : ids) {
      if (id.trim().length() >= 3 && !placeholders.contains(id.trim().toLowerCase(Locale.ROOT))) {
        out.add(id.trim());
      }
    }
    String dob = value(list, TagFromName.PatientBirthDate).trim();
    if (dob.length() == 8) {
      out.add(dob);
      out.add(dob.substring(0, 4) + "-" + dob.substring(4, 6) + "-" + dob.substring(6));
    }
    return out;
  }

  @Test
  void corpusKeepsNoNameIdOrBirthDate() throws Exception {
    int read = 0;
    int unreadable = 0;
    int[] totals = new int[3];
    List<String> leaks = new ArrayList<>();
    for (Path file : corpus()) {
      AttributeList list;
      try {
        list = read(file);
      } catch (Exception e) {
        unreadable++;
        continue;
      }
      read++;
      List<String> forbidden = forbiddenStrings(list);
      List<String> pseudonyms = Stream.of(
              PSEUDONYMIZER.pseudonym(Namespace.PATIENT_ID, value(list, TagFromName.PatientID)),
              PSEUDONYMIZER.pseudonym(Namespace.ACCESSION_NUMBER, value(list, TagFromName.AccessionNumber)),
              PSEUDONYMIZER.pseudonym(Namespace.OTHER_ID, value(list, TagFromName.StudyID)))
          .filter(Objects::nonNull).toList();
      Result r = DEID.apply(list);
      totals[0] += r.removed();
      totals[1] += r.replaced();
      totals[2] += r.scrubbed();
      for (String leak : leaks(list, forbidden)) {
        if (pseudonyms.stream().noneMatch(leak::contains)) {
          leaks.add(DATA.relativize(file) + ": " + leak);
        }
      }
    }
    System.out.printf("HeaderDeidentifier corpus: %d headers read (%d unreadable), %d removed, %d replaced, "
        + "%d scrubbed%n", read, unreadable, totals[0], totals[1], totals[2]);
    assertThat(read).as("headers PixelMed reads").isGreaterThan(300);
    assertThat(leaks).isEmpty();
  }

  @Test
  void derivedAgesAgreeWithPixelMed() throws Exception {
    int derived = 0;
    for (Path file : corpus()) {
      AttributeList list;
      try {
        list = read(file);
      } catch (Exception e) {
        continue;
      }
      String birth = value(list, TagFromName.PatientBirthDate).trim();
      String study = value(list, TagFromName.StudyDate).trim();
      if (birth.isEmpty() || study.isEmpty() || !value(list, TagFromName.PatientAge).isBlank()) {
        continue;
      }
      String expected;
      try {
        expected = com.pixelmed.utils.DateUtilities.getAgeBetweenAsDICOMAgeString(birth, study);
      } catch (Exception e) {
        expected = "";
      }
      DEID.apply(list);
      assertThat(value(list, TagFromName.PatientAge)).as(DATA.relativize(file) + " born " + birth + ", seen " + study)
          .isEqualTo(expected);
      derived += expected.isEmpty() ? 0 : 1;
    }
    assertThat(derived).as("headers whose age was derived").isGreaterThan(5);
  }

  /** Spark runs several tasks in one JVM: the same headers de-identified on 4 threads come out identical. */
  @Test
  void isThreadSafe() throws Exception {
    List<byte[]> headers = new ArrayList<>();
    for (Path file : corpus()) {
      byte[] bytes = Files.readAllBytes(file);
      try {
        if (bytes.length < 200_000) {
          parse(bytes);
          headers.add(bytes);
        }
      } catch (Exception e) {
        // not readable
      }
    }
    List<String> alone = new ArrayList<>();
    for (byte[] h : headers) {
      alone.add(deidentified(h));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (byte[] h : headers) {
          futures.add(pool.submit(() -> deidentified(h)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(alone.get(i % headers.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static String deidentified(byte[] header) throws Exception {
    AttributeList list = parse(header);
    DEID.apply(list);
    return list.toString();
  }

  /** Prints the cost of {@link HeaderDeidentifier#apply} per header (parsing excluded); asserts nothing. */
  @Test
  void measuresPerHeaderCost() throws Exception {
    List<Path> files = new ArrayList<>();
    List<byte[]> headers = new ArrayList<>();
    for (Path file : corpus()) {
      byte[] bytes = Files.readAllBytes(file);
      try {
        parse(bytes);
        files.add(file);
        headers.add(bytes);
      } catch (Exception e) {
        // not readable: not measured
      }
    }
    long[] best = new long[headers.size()];
    Arrays.fill(best, Long.MAX_VALUE);
    for (int pass = 0; pass < 4; pass++) {
      for (int i = 0; i < headers.size(); i++) {
        AttributeList list = parse(headers.get(i));
        long t0 = System.nanoTime();
        DEID.apply(list);
        best[i] = Math.min(best[i], System.nanoTime() - t0);
      }
    }
    int slowest = 0;
    for (int i = 1; i < best.length; i++) {
      slowest = best[i] > best[slowest] ? i : slowest;
    }
    long[] sorted = best.clone();
    Arrays.sort(sorted);
    System.out.printf("HeaderDeidentifier cost over %d headers (best of 4 passes, parsing excluded): median %.1f us, "
            + "p90 %.1f us, mean %.1f us; slowest %.1f ms (%s)%n", sorted.length, sorted[sorted.length / 2] / 1e3,
        sorted[sorted.length * 9 / 10] / 1e3, Arrays.stream(sorted).average().orElse(0) / 1e3,
        best[slowest] / 1e6, DATA.relativize(files.get(slowest)));
  }

  static AttributeList parse(byte[] bytes) throws Exception {
    AttributeList list = new AttributeList();
    list.read(new DicomInputStream(new ByteArrayInputStream(bytes)), TagFromName.PixelData);
    return list;
  }
}
