package org.imaginglake.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.DATA;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.DEID;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.PSEUDONYMIZER;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.leaks;
import static org.imaginglake.core.privacy.HeaderDeidentifierTest.value;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.utils.DateUtilities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /** A corpus file that PixelMed reads, as bytes: each test parses its own copy, since apply changes it. */
  record Header(Path file, byte[] bytes) {
    AttributeList parsed() throws Exception {
      return parse(bytes);
    }
  }

  private static List<Header> readable;
  private static int unreadable;

  /** The corpus files PixelMed reads (read once: PixelMed logs a stack trace for each one it cannot read). */
  static synchronized List<Header> corpus() throws IOException {
    if (readable == null) {
      List<Header> headers = new ArrayList<>();
      for (String root : new String[] {"dicom", "rdsr"}) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(DATA.resolve(root))) {
          files = s.filter(HeaderDeidentifierCorpusTest::isCandidate).sorted().toList();
        }
        for (Path file : files) {
          byte[] bytes = Files.readAllBytes(file);
          try {
            parse(bytes);
            headers.add(new Header(file, bytes));
          } catch (Exception e) {
            unreadable++;
          }
        }
      }
      readable = List.copyOf(headers);
    }
    return readable;
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
    int[] totals = new int[3];
    List<String> leaks = new ArrayList<>();
    for (Header header : corpus()) {
      AttributeList list = header.parsed();
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
          leaks.add(DATA.relativize(header.file()) + ": " + leak);
        }
      }
    }
    System.out.printf("HeaderDeidentifier corpus: %d headers read (%d unreadable), %d removed, %d replaced, "
        + "%d scrubbed%n", corpus().size(), unreadable, totals[0], totals[1], totals[2]);
    assertThat(corpus()).as("headers PixelMed reads").hasSizeGreaterThan(300);
    assertThat(leaks).isEmpty();
  }

  @Test
  void derivedAgesAgreeWithPixelMed() throws Exception {
    int derived = 0;
    for (Header header : corpus()) {
      AttributeList list = header.parsed();
      String birth = value(list, TagFromName.PatientBirthDate).trim();
      String study = value(list, TagFromName.StudyDate).trim();
      if (birth.isEmpty() || study.isEmpty() || !value(list, TagFromName.PatientAge).isBlank()) {
        continue;
      }
      String expected;
      try {
        expected = DateUtilities.getAgeBetweenAsDICOMAgeString(birth, study);
      } catch (Exception e) {
        expected = "";
      }
      DEID.apply(list);
      assertThat(value(list, TagFromName.PatientAge))
          .as(DATA.relativize(header.file()) + " born " + birth + ", seen " + study).isEqualTo(expected);
      derived += expected.isEmpty() ? 0 : 1;
    }
    assertThat(derived).as("headers whose age was derived").isGreaterThan(5);
  }

  /** Spark runs several tasks in one JVM: the same headers de-identified on 4 threads come out identical. */
  @Test
  void isThreadSafe() throws Exception {
    List<Header> headers = corpus().stream().filter(h -> h.bytes().length < 200_000).toList();
    List<String> alone = new ArrayList<>();
    for (Header h : headers) {
      alone.add(deidentified(h));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (Header h : headers) {
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

  static String deidentified(Header header) throws Exception {
    AttributeList list = header.parsed();
    DEID.apply(list);
    return list.toString();
  }

  /**
   * The profile applied from {@link BasicProfileTable} gives exactly what PixelMed's own implementation gives, with
   * the same counts, on every header of the corpus.
   */
  @Test
  void tableGivesTheSameResultAsPixelMed() throws Exception {
    HeaderDeidentifier byPixelMed = new HeaderDeidentifier(PSEUDONYMIZER, false);
    int changed = 0;
    for (Header header : corpus()) {
      AttributeList byTable = header.parsed();
      AttributeList reference = header.parsed();
      String original = reference.toString();
      Result t = DEID.apply(byTable);
      Result p = byPixelMed.apply(reference);
      assertThat(byTable.toString()).as("%s", header.file()).isEqualTo(reference.toString());
      assertThat(t).as("%s", header.file()).isEqualTo(p);
      changed += original.equals(reference.toString()) ? 0 : 1;
    }
    assertThat(changed).as("headers the profile changed").isEqualTo(corpus().size());
    assertThat(BasicProfileTable.pixelMed().counts()).containsOnlyKeys("D", "X", "Z")
        .allSatisfy((action, n) -> assertThat(n).as(action).isGreaterThan(10));
    assertThat(BasicProfileTable.pixelMed().addedCodes()).extracting(BasicProfileTable.Code::value)
        .contains("113100", "113106", "113108", "113109", "113110", "113112");
  }

  static AttributeList parse(byte[] bytes) throws Exception {
    AttributeList list = new AttributeList();
    list.read(new DicomInputStream(new ByteArrayInputStream(bytes)), TagFromName.PixelData);
    return list;
  }
}
