package org.imaginglake.spark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.imaginglake.spark.bench.BenchCorpus.Corpus;
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
