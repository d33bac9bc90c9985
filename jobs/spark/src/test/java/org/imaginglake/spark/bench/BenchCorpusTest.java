package org.imaginglake.spark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imaginglake.core.dose.DoseEvent;
import org.imaginglake.core.dose.DoseReport;
import org.imaginglake.core.dose.DoseReportExtractor;
import org.imaginglake.spark.bench.BenchCorpus.Corpus;
import org.imaginglake.spark.bench.BenchCorpus.DoseSource;
import org.imaginglake.spark.bench.BenchCorpus.Source;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark corpus must be distinct instances, not byte copies: every copy is re-read here with PixelMed. */
class BenchCorpusTest {
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir
  static Path work;

  static List<Source> sources;
  static List<Source> small;

  @BeforeAll
  static void loadSources() {
    sources = BenchCorpus.loadSources(TestSpark.sharedData(), IngestBenchmark.SmallKind.ALL, QUIET);
    small = BenchCorpus.loadSources(TestSpark.sharedData(), IngestBenchmark.SmallKind.SMALL, QUIET);
  }

  @Test
  void usesMostRealFiles() {
    assertThat(sources).as("instances PixelMed reads and writes (of 338 files in shared/data)").hasSizeGreaterThan(200);
    assertThat(sources).extracting(Source::writeTransferSyntax).contains("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
        "1.2.840.10008.1.2.2");
  }

  @Test
  void smallKindLeavesOutLargeFiles() throws IOException {
    assertThat(small).hasSizeGreaterThan(200).hasSizeLessThan(sources.size());
    for (Source s : small) {
      assertThat(Files.size(s.path())).as("%s", s.path()).isLessThanOrEqualTo(300 * 1024);
    }
    assertThat(sources).anyMatch(s -> BenchCorpusTest.size(s.path()) > 300 * 1024);
  }

  @Test
  void copiesAreDistinctInstancesWithFreshStudiesPerRound() throws IOException {
    int n = 2 * sources.size() + 7;
    Corpus c = BenchCorpus.buildSmall(sources, work.resolve("small"), n, QUIET);
    assertThat(c.files()).hasSize(n);
    Set<String> sops = new HashSet<>();
    Set<String> studiesRound0 = new HashSet<>();
    Set<String> studiesRound1 = new HashSet<>();
    for (int i = 0; i < n; i++) {
      AttributeList a = header(c.files().get(i));
      String sop = BenchCorpus.text(a, TagFromName.SOPInstanceUID);
      assertThat(sops.add(sop)).as("SOP Instance UID of copy %d is new", i).isTrue();
      assertThat(BenchCorpus.text(a, TagFromName.MediaStorageSOPInstanceUID)).isEqualTo(sop);
      assertThat(sop).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64);
      String study = BenchCorpus.text(a, TagFromName.StudyInstanceUID);
      if (i < sources.size()) {
        studiesRound0.add(study);
      } else if (i < 2 * sources.size()) {
        studiesRound1.add(study);
      }
      Source src = sources.get(i % sources.size());
      assertThat(Attribute.getSingleStringValueOrEmptyString(a, TagFromName.Modality)).as("copy %d", i)
          .isEqualTo(Attribute.getSingleStringValueOrEmptyString(src.attributes(), TagFromName.Modality));
    }
    assertThat(studiesRound0).doesNotContainAnyElementsOf(studiesRound1);
    assertThat(studiesRound1).hasSameSizeAs(studiesRound0);
    assertThat(c.totalBytes()).isEqualTo(c.files().stream().mapToLong(BenchCorpusTest::size).sum());
  }

  @Test
  void ctFilesAreHalfAMegabyteWith512By512Pixels() throws IOException {
    Path template = TestSpark.sharedData().resolve("dicom/pydicom_debian/test_files/CT_small.dcm");
    Corpus c = BenchCorpus.buildCt(template, work.resolve("ct"), 3, QUIET);
    Set<String> sops = new HashSet<>();
    for (Path f : c.files()) {
      assertThat(size(f)).isBetween(524_288L, 540_000L);
      AttributeList a = BenchCorpus.readWhole(f);
      assertThat(Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Rows, 0)).isEqualTo(512);
      assertThat(Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Columns, 0)).isEqualTo(512);
      assertThat(a.get(TagFromName.PixelData).getVL()).isEqualTo(524_288L);
      assertThat(BenchCorpus.text(a, TagFromName.Modality)).isEqualTo("CT");
      sops.add(BenchCorpus.text(a, TagFromName.SOPInstanceUID));
    }
    assertThat(sops).hasSize(3);
  }

  @Test
  void doseReportCorpusUsesEveryXrayAndRadiopharmaceuticalReport() {
    List<DoseSource> reports = BenchCorpus.loadDoseReports(TestSpark.sharedData(), QUIET);
    assertThat(reports).as("41 SRs in shared/data/rdsr, of which 2 Enhanced SRs are no dose report").hasSize(39);
    assertThat(reports).extracting(r -> r.source().path().getFileName().toString())
        .doesNotContain("ESR_non-dose.dcm", "RF-ESR-Siemens-Varic.dcm")
        .contains("CT-ESR-GE_VCT.dcm", "NM-RRDSR-Siemens.dcm", "RF-Pat-Orientation-Modifier-Missing.dcm");
    assertThat(reports).extracting(DoseSource::kind).contains(DoseReport.Kind.CT, DoseReport.Kind.PROJECTION,
        DoseReport.Kind.RADIOPHARMACEUTICAL);
    long onePass = reports.stream().mapToLong(DoseSource::events).sum();
    assertThat(BenchCorpus.events(reports, reports.size())).isEqualTo(onePass);
    assertThat(BenchCorpus.events(reports, 2 * reports.size() + 1)).isEqualTo(2 * onePass + reports.get(0).events());
  }

  /**
   * Two copies each of a CT report (Multi-3: 3 acquisitions, DLP total 236.09 mGy·cm) and an RF report (Canon
   * Ultimaxi: 18 events, referenced images): every identifying UID is new in each copy and consistent within it;
   * class UIDs, device UIDs and every dose value are unchanged.
   */
  @Test
  void doseReportCopiesHaveTheirOwnInstanceStudySeriesAndEventUids() throws Exception {
    Path rdsr = work.resolve("rdsr-source/rdsr");
    Files.createDirectories(rdsr);
    Path openrem = TestSpark.sharedData().resolve("rdsr/openrem");
    List<String> names = List.of("CT-RDSR-Siemens-Multi-3.dcm", "RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm");
    for (String name : names) {
      Files.copy(openrem.resolve(name), rdsr.resolve(name));
    }
    List<DoseSource> reports = BenchCorpus.loadDoseReports(rdsr.getParent(), QUIET);
    assertThat(reports).extracting(r -> r.source().path().getFileName().toString()).containsExactlyElementsOf(names);
    assertThat(reports).extracting(DoseSource::events).containsExactly(3, 18);

    Corpus c = BenchCorpus.buildRdsr(reports, work.resolve("rdsr-corpus"), 4, QUIET);
    assertThat(c.files()).hasSize(4);
    assertThat(c.events()).isEqualTo(2 * (3 + 18));

    DoseReportExtractor extractor = new DoseReportExtractor();
    List<Set<String>> eventUidsOfCopies = new ArrayList<>();
    Set<String> allStudies = new HashSet<>();
    Set<String> allSops = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      Path original = openrem.resolve(names.get(i % 2));
      AttributeList before = BenchCorpus.readWhole(original);
      AttributeList after = BenchCorpus.readWhole(c.files().get(i));
      DoseReport was = extractor.extract(before);
      DoseReport is = extractor.extract(after);

      // identifying UIDs: all new, each event its own, and the copy agrees with itself
      Set<String> eventUids = new TreeSet<>();
      is.events().forEach(e -> eventUids.add(e.irradiationEventUid()));
      assertThat(eventUids).as("copy %d: every event UID distinct", i).hasSize(is.events().size())
          .doesNotContainNull();
      was.events().forEach(e -> assertThat(eventUids).doesNotContain(e.irradiationEventUid()));
      eventUidsOfCopies.add(eventUids);
      String sop = BenchCorpus.text(after, TagFromName.SOPInstanceUID);
      String study = BenchCorpus.text(after, TagFromName.StudyInstanceUID);
      assertThat(sop).isNotEqualTo(BenchCorpus.text(before, TagFromName.SOPInstanceUID)).matches("2\\.25\\.[0-9]+");
      assertThat(BenchCorpus.text(after, TagFromName.MediaStorageSOPInstanceUID)).isEqualTo(sop);
      assertThat(study).isNotEqualTo(BenchCorpus.text(before, TagFromName.StudyInstanceUID));
      assertThat(BenchCorpus.text(after, TagFromName.SeriesInstanceUID))
          .isNotEqualTo(BenchCorpus.text(before, TagFromName.SeriesInstanceUID));
      assertThat(is.studyInstanceUid()).isEqualTo(study);
      assertThat(is.sopInstanceUid()).isEqualTo(sop);
      assertThat(is.events()).allSatisfy(e -> {
        assertThat(e.studyInstanceUid()).isEqualTo(study);
        assertThat(e.sourceSopInstanceUid()).isEqualTo(sop);
      });
      assertThat(uidItems(after, "110180")).as("copy %d: the SR's Study Instance UID items", i)
          .containsOnly(study);
      allStudies.add(study);
      allSops.add(sop);
      Set<String> identifying = identifyingUids(before);
      assertThat(identifying).as("%s has instance, study, series and event UIDs", original).hasSizeGreaterThan(3);
      assertThat(allUids(after)).as("copy %d holds none of the original's identifying UIDs", i)
          .doesNotContainAnyElementsOf(identifying);

      // kept: classes, coding schemes, devices; and every dose value
      assertThat(BenchCorpus.text(after, TagFromName.SOPClassUID))
          .isEqualTo(BenchCorpus.text(before, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.88.67");
      assertThat(uidValues(after, TagFromName.ReferencedSOPClassUID))
          .isEqualTo(uidValues(before, TagFromName.ReferencedSOPClassUID));
      assertThat(uidValues(after, TagFromName.CodingSchemeUID))
          .isEqualTo(uidValues(before, TagFromName.CodingSchemeUID));
      assertThat(uidItems(after, "121012")).as("Device Observer UID").isEqualTo(uidItems(before, "121012"))
          .isNotEmpty();
      assertThat(is.kind()).isEqualTo(was.kind());
      assertThat(is.ctDlpTotalMgyCm()).isEqualTo(was.ctDlpTotalMgyCm());
      assertThat(is.planes()).isEqualTo(was.planes());
      assertThat(is.problems()).isEqualTo(was.problems());
      assertThat(is.events()).extracting(BenchCorpusTest::withoutUids)
          .containsExactlyElementsOf(was.events().stream().map(BenchCorpusTest::withoutUids).toList());
      if (i % 2 == 0) {
        assertThat(is.ctDlpTotalMgyCm()).isEqualTo(236.09);
        assertThat(is.events()).hasSize(3);
      } else {
        assertThat(is.events()).hasSize(18);
        assertThat(uidValues(after, TagFromName.ReferencedSOPInstanceUID)).isNotEmpty();
      }
    }
    assertThat(eventUidsOfCopies.get(0)).doesNotContainAnyElementsOf(eventUidsOfCopies.get(2));
    assertThat(eventUidsOfCopies.get(1)).doesNotContainAnyElementsOf(eventUidsOfCopies.get(3));
    assertThat(allStudies).hasSize(4);
    assertThat(allSops).hasSize(4);

    // the sources are restored: a second build gives the same bytes
    Corpus again = BenchCorpus.buildRdsr(reports, work.resolve("rdsr-corpus-again"), 4, QUIET);
    for (int i = 0; i < 4; i++) {
      assertThat(again.files().get(i)).hasSameBinaryContentAs(c.files().get(i));
    }
  }

  /** An event with the UIDs that identify it taken out: what must survive the copy unchanged. */
  private static DoseEvent withoutUids(DoseEvent e) {
    return new DoseEvent(null, null, e.eventKind(), e.acquisitionPlane(), e.protocol(), e.targetRegion(),
        e.ctdiVolMgy(), e.dlpMgyCm(), e.phantomType(), e.ssdeMgy(), e.scanningLengthMm(), e.exposureTimeS(), e.kvp(),
        e.tubeCurrentMa(), e.dapGyM2(), e.doseRpGy(), e.agdMgy(), e.laterality(), null);
  }

  /**
   * Independently of the builder's rule: SOP, Study and Series Instance UIDs at any depth, referenced SOP Instance
   * UIDs, and every UID content item except the Device Observer UID.
   */
  private static Set<String> identifyingUids(AttributeList a) throws Exception {
    Set<String> out = new TreeSet<>();
    walk(a, (list, attr) -> {
      var t = attr.getTag();
      boolean item = t.equals(TagFromName.UID) && !"121012".equals(concept(list));
      if (item || t.equals(TagFromName.SOPInstanceUID) || t.equals(TagFromName.StudyInstanceUID)
          || t.equals(TagFromName.SeriesInstanceUID) || t.equals(TagFromName.ReferencedSOPInstanceUID)) {
        out.addAll(List.of(attr.getStringValues()));
      }
    });
    return out;
  }

  private static Set<String> allUids(AttributeList a) throws Exception {
    Set<String> out = new TreeSet<>();
    walk(a, (list, attr) -> {
      if (ValueRepresentation.isUniqueIdentifierVR(attr.getVR())) {
        out.addAll(List.of(attr.getStringValues()));
      }
    });
    return out;
  }

  private static List<String> uidValues(AttributeList a, com.pixelmed.dicom.AttributeTag tag) throws Exception {
    List<String> out = new ArrayList<>();
    walk(a, (list, attr) -> {
      if (attr.getTag().equals(tag)) {
        out.addAll(List.of(attr.getStringValues()));
      }
    });
    return out;
  }

  /** Values of the UID content items (0040,A124) whose concept has code value {@code code}, in document order. */
  private static List<String> uidItems(AttributeList a, String code) throws Exception {
    List<String> out = new ArrayList<>();
    walk(a, (list, attr) -> {
      if (attr.getTag().equals(TagFromName.UID) && code.equals(concept(list))) {
        out.addAll(List.of(attr.getStringValues()));
      }
    });
    return out;
  }

  private static String concept(AttributeList item) {
    Attribute c = item.get(TagFromName.ConceptNameCodeSequence);
    return c instanceof SequenceAttribute s && s.getNumberOfItems() > 0
        ? BenchCorpus.text(s.getItem(0).getAttributeList(), TagFromName.CodeValue) : null;
  }

  private interface Visitor {
    void visit(AttributeList list, Attribute attr) throws Exception;
  }

  private static void walk(AttributeList a, Visitor v) throws Exception {
    for (Attribute attr : a.values()) {
      if (attr instanceof SequenceAttribute s) {
        for (int i = 0; i < s.getNumberOfItems(); i++) {
          walk(s.getItem(i).getAttributeList(), v);
        }
      } else {
        v.visit(a, attr);
      }
    }
  }

  @Test
  void uidsAreDeterministicAndFolderHoldsAtMostAThousand() {
    assertThat(BenchCorpus.uid("sop", "1")).isEqualTo(BenchCorpus.uid("sop", "1")).isNotEqualTo(BenchCorpus.uid("sop", "2"));
    assertThat(BenchCorpus.fileFor(Path.of("x"), 999, "c").getParent()).isEqualTo(Path.of("x/0000"));
    assertThat(BenchCorpus.fileFor(Path.of("x"), 1000, "c").getParent()).isEqualTo(Path.of("x/0001"));
  }

  static AttributeList header(Path f) throws IOException {
    AttributeList a = new AttributeList();
    try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      a.read(in, TagFromName.PixelData);
    } catch (com.pixelmed.dicom.DicomException e) {
      throw new IOException(f + ": " + e.getMessage(), e);
    }
    return a;
  }

  static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
