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

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void runTheDemoTwice() throws IOException {
    TestSpark.session();
    lake = work.resolve("lake");
    conf = work.resolve("demo.properties");
    Path key = TestSpark.projectDir().resolve("conf/sample-pseudonym.key");
    Files.writeString(conf, "privacy.key-file=" + key + "\nsite.time-zone=Europe/London\n");
    String samples = TestSpark.projectDir().resolve("data-samples/dicom").toString();
    firstRun = run("ingest-dicom", "--lake", lake.toString(), "--conf", conf.toString(), samples);
    secondRun = run("ingest-dicom", "--lake", lake.toString(), "--conf", conf.toString(), samples);
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
  void secondRunReadsNothing() {
    assertThat(secondRun.exitCode()).isZero();
    assertThat(secondRun.out()).contains("inputs = loaded + duplicates + quarantined: 0 = 0 + 0 + 0")
        .contains("11 unchanged files skipped");
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
