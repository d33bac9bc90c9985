package org.imaginglake.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: the README demo on data-samples/, then queries and errors. */
class ImagingLakeCliIT {
  @TempDir
  static Path work;

  static Path lake;
  static Path conf;
  static Result firstRun;
  static Result secondRun;
  static Result thirdRun;

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void runTheDemoTwice() throws IOException {
    TestSpark.session();
    lake = work.resolve("lake");
    conf = work.resolve("demo.properties");
    Path key = TestSpark.projectDir().resolve("conf/sample-pseudonym.key");
    Files.writeString(conf, "privacy.key-file=" + key + "\nsite.time-zone=Europe/London\n");
    Path samples = work.resolve("samples");
    copyTree(TestSpark.projectDir().resolve("data-samples/dicom"), samples);
    firstRun = run("ingest-dicom", "--lake", lake.toString(), "--conf", conf.toString(), samples.toString());
    // a new file holding an instance the lake has, and a changed file
    Files.copy(samples.resolve("pydicom/MR_small.dcm"), samples.resolve("pydicom/MR_small_copy.dcm"));
    Path ct = samples.resolve("pydicom/CT_small.dcm");
    Files.setLastModifiedTime(ct, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(ct).toMillis() + 60_000));
    secondRun = run("ingest-dicom", "--lake", lake.toString(), "--conf", conf.toString(), samples.toString());
    thirdRun = run("ingest-dicom", "--lake", lake.toString(), "--conf", conf.toString(), samples.toString());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    for (Path f : TestSpark.files(from)) {
      Path target = to.resolve(from.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
  }

  @Test
  void demoLoadsTheSamplesAndReconciles() {
    assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
    assertThat(firstRun.out()).contains("inputs = loaded + duplicates + quarantined: 11 = 7 + 1 + 3");
    assertThat(firstRun.out()).contains("Lake now holds 7 instances");
    assertThat(firstRun.out()).contains("truncated or damaged").contains("rtplan_truncated.dcm");
    assertThat(firstRun.err()).contains("PUBLIC sample pseudonymisation key");
  }

  @Test
  void reRunsReadOnlyNewAndChangedFiles() {
    assertThat(secondRun.exitCode()).as(secondRun.err()).isZero();
    // CT_small changed (re-read, its row updated); MR_small_copy new (a duplicate of MR_small)
    assertThat(secondRun.out()).contains("inputs = loaded + duplicates + quarantined: 2 = 1 + 1 + 0")
        .contains("10 unchanged files skipped").contains("Lake now holds 7 instances");
    assertThat(thirdRun.out()).contains("inputs = loaded + duplicates + quarantined: 0 = 0 + 0 + 0")
        .contains("12 unchanged files skipped");
  }

  @Test
  void duplicatesNameTheFileKept() {
    Result r = run("query", "--lake", lake.toString(), "--format", "csv",
        "SELECT regexp_extract(source_path, '[^/]+$', 0) AS file, regexp_extract(kept_source_path, '[^/]+$', 0) AS kept"
            + " FROM dicom_duplicates ORDER BY file");
    assertThat(r.out().lines().toList())
        .containsExactly("file,kept", "MR_small_copy.dcm,MR_small.dcm", "MR_small_implicit.dcm,MR_small.dcm");
  }

  @Test
  void queryWritesCsvWithHeader() {
    Result r = run("query", "--lake", lake.toString(), "--format", "csv",
        "SELECT modality, count(*) AS n FROM dicom_instances GROUP BY modality ORDER BY modality");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // dcmdump: CT_small CT, MR_small MR, chrH31 + chrGreek OT, reportsi + report_dfl SR, ExplVR_BigEnd US
    assertThat(r.out().lines().toList()).containsExactly("modality,n", "CT,1", "MR,1", "OT,2", "SR,2", "US,1");
  }

  @Test
  void queryJsonAndQuarantineAreReadable() {
    Result r = run("query", "--lake", lake.toString(), "--format", "json",
        "SELECT source_kind, stage FROM quarantine ORDER BY source_path");
    // README.txt, SC_rgb_jpeg.dcm, rtplan_truncated.dcm (byte order of the paths)
    assertThat(r.out().lines().toList()).containsExactly(
        "{\"source_kind\":\"not_dicom\",\"stage\":\"classify\"}",
        "{\"source_kind\":\"dicom\",\"stage\":\"parse\"}",
        "{\"source_kind\":\"dicom\",\"stage\":\"parse\"}");
  }

  @Test
  void errorsHaveExitCodesAndReadableMessages() {
    Result missing = run("ingest-dicom", "--lake", lake.toString(), "--conf", conf.toString(),
        work.resolve("no-such-folder").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("Input path does not exist");

    Path noKey = work.resolve("nokey.properties");
    Result keyless = run("ingest-dicom", "--lake", lake.toString(), "--conf", writeQuietly(noKey, "site.time-zone=UTC\n"),
        TestSpark.projectDir().resolve("data-samples").toString());
    assertThat(keyless.exitCode()).isEqualTo(1);
    assertThat(keyless.err()).contains("No pseudonymisation key").contains("IMAGING_LAKE_PSEUDONYM_KEY");

    Result usage = run("ingest-dicom");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("PATH");

    Result badSql = run("query", "--lake", lake.toString(), "SELECT nope FROM dicom_instances");
    assertThat(badSql.exitCode()).isEqualTo(1);
    assertThat(badSql.err()).contains("nope");
  }

  @Test
  void doseLevelsRecomputesTheReferenceTablesWhenIngestLeftThemOut() throws IOException {
    Result none = run("dose-levels", "--lake", lake.toString(), "--conf", conf.toString());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("has no dose_studies yet");

    Path doseLake = work.resolve("dose-lake");
    Path deferred = work.resolve("deferred.properties");
    Files.writeString(deferred, Files.readString(conf) + "dose.derived-on-ingest=false\n");
    Path rdsr = TestSpark.sharedData().resolve("rdsr/openrem");
    Result ingest = run("ingest-dicom", "--lake", doseLake.toString(), "--conf", deferred.toString(),
        rdsr.resolve("CT-RDSR-Siemens-Multi-1.dcm").toString(), rdsr.resolve("CT-RDSR-Siemens-Multi-2.dcm").toString(),
        rdsr.resolve("CT-RDSR-Siemens-Multi-3.dcm").toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(doseLake.resolve("dose_studies")).isDirectory();
    assertThat(doseLake.resolve("dose_reference_comparison")).doesNotExist();

    Result levels = run("dose-levels", "--lake", doseLake.toString(), "--conf", deferred.toString());
    assertThat(levels.exitCode()).as(levels.err()).isZero();
    assertThat(levels.out()).contains("dose tables recomputed");
    // the three reports are one CT chest study: DLP 236.09 mGy.cm (Multi-3's total) against the UK NDRL of 290
    Result q = run("query", "--lake", doseLake.toString(), "--format", "csv",
        "SELECT round(value, 2), national_drl, above_national_drl FROM dose_reference_comparison WHERE scope = 'study'");
    assertThat(q.out()).contains("236.09,290.0,false");
  }

  @Test
  void helpListsTheCommands() {
    Result help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("ingest-dicom").contains("query");
  }

  private static String writeQuietly(Path p, String text) {
    try {
      Files.writeString(p, text);
      return p.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static synchronized Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ImagingLakeCli.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
