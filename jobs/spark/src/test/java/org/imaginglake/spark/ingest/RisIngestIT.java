package org.imaginglake.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.lake.TableSchema;
import org.imaginglake.spark.runs.RunCounts;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ingest-ris on the real messages of ../shared/data/hl7, and on purpose-built messages for one exam of the patient of
 * a real CT file (pydicom's CT_small.dcm, patient 1CT1, acquired 1997-04-30 11:29:36 at offset -0500): idempotent
 * re-runs,
 * duplicates, the same exams whatever order the messages arrive in, and the reconciliation with the DICOM study.
 * Event types and times message by message are asserted in jobs/core's Hl7RisReaderTest.
 */
class RisIngestIT {
  static final Pseudonymizer KEY =
      new Pseudonymizer("integration-test-key-0123456789".getBytes(StandardCharsets.UTF_8), "test");
  static final LakeConfig CONFIG = LakeConfig.defaults().with(LakeConfig.SITE_TIME_ZONE, "UTC");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir
  static Path work;

  static SparkSession spark;
  static Lake realLake;
  static RunCounts realFirst;
  static RunCounts realAgain;
  static Path messages;

  @BeforeAll
  static void setUp() throws IOException {
    spark = TestSpark.session();
    realLake = new Lake(spark, work.resolve("real-lake").toString());
    List<String> hl7 = List.of(TestSpark.sharedData().resolve("hl7").toString());
    realFirst = new RisIngestJob(spark, realLake, CONFIG, KEY, QUIET).run("run-1", hl7, "auto");
    realAgain = new RisIngestJob(spark, realLake, CONFIG, KEY, QUIET).run("run-2", hl7, "auto");
    messages = Files.createDirectories(work.resolve("exam-1001"));
    write("1-order.hl7", orm("M1", "19970430100000-0500", "NW", "SC", "", ""));
    write("2-started.hl7", orm("M2", "19970430112801-0500", "SC", "IP", "19970430112800-0500", ""));
    write("3-completed.hl7", orm("M3", "19970430114001-0500", "SC", "CM", "19970430112800-0500",
        "19970430114000-0500"));
    write("4-preliminary.hl7", oru("M4", "P", "19970430120000-0500"));
    write("5-final.hl7", oru("M5", "F", "19970430130000-0500"));
    write("6-other-order.hl7", orm("M6", "19970430100000-0500", "NW", "", "", "").replace("ACC1001", "ACC1002")
        .replace("|1CT1^^^", "|NOIMAGES^^^"));
  }

  static void write(String name, String message) throws IOException {
    Files.writeString(messages.resolve(name), message, StandardCharsets.UTF_8);
  }

  static String orm(String control, String orc9, String orc1, String orc5, String obr7, String obr8) {
    return String.join("\r",
        "MSH|^~\\&|RIS|HOSP|LAKE|HOSP|" + orc9 + "||ORM^O01|" + control + "|P|2.5.1",
        "PID|1||1CT1^^^HOSP^MR||Doe^Jane||19500101|F",
        "PV1|1|O",
        "ORC|" + orc1 + "|PO1001|FO1001||" + orc5 + "||^^^19970430112500^^R||" + orc9,
        "OBR|1|PO1001|FO1001|CTHEAD^CT head^L|||" + obr7 + "|" + obr8 + "||||||||||ACC1001||||||CT") + "\r";
  }

  static String oru(String control, String status, String obr22) {
    return String.join("\r",
        "MSH|^~\\&|RIS|HOSP|LAKE|HOSP|" + obr22 + "||ORU^R01|" + control + "|P|2.5.1",
        "PID|1||1CT1^^^HOSP^MR||Doe^Jane||19500101|F",
        "OBR|1|PO1001|FO1001|CTHEAD^CT head^L|||19970430112800|19970430114000||||||||||ACC1001||||" + obr22
            + "||CT|" + status + "|||||||1234&Reader&Rita",
        "OBX|1|TX|||No acute findings.||||||" + status) + "\r";
  }

  @Test
  void realMessagesAreAllAccountedForAndReRunsAddNothing() {
    assertThat(realFirst.inputs()).as("58 messages, and 5 files without any (SOURCE.md, FHIR JSON)").isEqualTo(63);
    assertThat(realFirst.loaded() + realFirst.duplicates() + realFirst.quarantined()).isEqualTo(63);
    assertThat(realFirst.quarantined()).isEqualTo(27);
    assertThat(realFirst.duplicates()).as("SIU-S12-02 and ORM-O01-03 reuse a sender's control ID").isEqualTo(2);
    assertThat(realLake.read(LakeTables.RIS_EVENTS).count()).isEqualTo(44);
    assertThat(realLake.read(LakeTables.RIS_MESSAGES).count()).isEqualTo(realFirst.loaded());
    assertThat(realLake.read(LakeTables.QUARANTINE).filter(col("job").equalTo(RisIngestJob.NAME)).count())
        .isEqualTo(27);
    Row files = realLake.read(LakeTables.RIS_FILES).selectExpr("count(*)", "sum(inputs)", "sum(loaded)",
        "sum(duplicates)", "sum(quarantined)").first();
    assertThat(files.getLong(0)).as("every file, messages or not").isEqualTo(TestSpark.countFiles(
        TestSpark.sharedData().resolve("hl7")));
    assertThat(List.of(files.getLong(1), files.getLong(2), files.getLong(3), files.getLong(4)))
        .containsExactly(63L, realFirst.loaded(), 2L, 27L);
    assertThat(realAgain.inputs()).isZero();
    assertThat(realAgain.unchangedSkipped()).isEqualTo(realFirst.unchangedSkipped() + files.getLong(0));
  }

  @Test
  void quarantineNamesTheMessageAndNeverItsContent() {
    List<Row> q = realLake.read(LakeTables.QUARANTINE).filter(col("job").equalTo(RisIngestJob.NAME)).collectAsList();
    Map<String, String> byPath = new TreeMap<>();
    for (Row r : q) {
      byPath.put(r.getString(0).replaceAll(".*/hl7/", ""), r.getString(2) + ": " + r.getString(3));
    }
    assertThat(byPath).containsEntry("hapi_hl7v2/messages.txt#10", "map: MSH-9 message type BAR^P01 not supported")
        .containsEntry("fhir_converter/SIU_12.hl7#1", "map: ADT^A60 not supported")
        .containsEntry("dcm4che/SOURCE.md#1", "split: no HL7 message in the file (no line starts with MSH)");
    assertThat(byPath.values()).noneMatch(reason -> reason.contains("Doe") || reason.contains("PATID"));
  }

  @Test
  void sameExamsWhateverTheOrderAndReconciledWithTheCtStudy() throws IOException {
    Lake inOrder = new Lake(spark, work.resolve("in-order").toString());
    RunCounts once = new RisIngestJob(spark, inOrder, CONFIG, KEY, QUIET).run("r1", List.of(messages.toString()),
        "hl7");
    assertThat(once.inputs()).isEqualTo(6);
    assertThat(once.loaded()).isEqualTo(6);

    Lake reversed = new Lake(spark, work.resolve("reversed").toString());
    new DicomIngestJob(spark, reversed, CONFIG, KEY, QUIET).run("d1",
        List.of(TestSpark.projectDir().resolve("data-samples/dicom/pydicom/CT_small.dcm").toString()));
    new RisIngestJob(spark, reversed, CONFIG, KEY, QUIET).run("r1", List.of(
        messages.resolve("5-final.hl7").toString(), messages.resolve("4-preliminary.hl7").toString()), "hl7");
    new RisIngestJob(spark, reversed, CONFIG, KEY, QUIET).run("r2", List.of(messages.toString()), "hl7");

    String accession = KEY.pseudonym(Namespace.ACCESSION_NUMBER, "ACC1001");
    Row a = exam(inOrder, accession);
    Row b = exam(reversed, accession);
    assertThat(b).as("the same row whatever the arrival order").isEqualTo(a);
    assertThat(a.<Instant>getAs("ordered_at")).isEqualTo(Instant.parse("1997-04-30T15:00:00Z"));
    assertThat(a.<Instant>getAs("exam_started_at")).isEqualTo(Instant.parse("1997-04-30T16:28:00Z"));
    assertThat(a.<Instant>getAs("exam_completed_at")).isEqualTo(Instant.parse("1997-04-30T16:40:00Z"));
    assertThat(a.<Instant>getAs("preliminary_report_at")).isEqualTo(Instant.parse("1997-04-30T17:00:00Z"));
    assertThat(a.<Instant>getAs("final_report_at")).isEqualTo(Instant.parse("1997-04-30T18:00:00Z"));
    assertThat(a.<String>getAs("status")).isEqualTo("FINAL_REPORT");
    assertThat(a.<String>getAs("patient_pseudo_id")).isEqualTo(KEY.pseudonym(Namespace.PATIENT_ID, "1CT1"));

    // CT_small.dcm has no accession number: matched by patient, modality and time
    Map<String, Row> rec = new TreeMap<>();
    for (Row r : reversed.read(LakeTables.EXAM_RECONCILIATION).collectAsList()) {
      rec.put(r.getAs("accession_pseudo_id") == null ? "study" : r.getAs("accession_pseudo_id"), r);
    }
    Row matched = rec.get(accession);
    assertThat(matched.<String>getAs("study_instance_uid")).isEqualTo("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322");
    assertThat(matched.<String>getAs("match_method")).isEqualTo("patient_modality_window");
    assertThat(matched.<Double>getAs("start_difference_s")).as("11:29:36 - 11:28:00, both at -0500")
        .isEqualTo(96.0);
    assertThat(matched.<Boolean>getAs("times_disagree")).isFalse();
    Row noImages = rec.get(KEY.pseudonym(Namespace.ACCESSION_NUMBER, "ACC1002"));
    assertThat(noImages.<Boolean>getAs("order_without_images")).isTrue();

    // a copy of a message already loaded is a duplicate: counted, recorded, not applied again
    Path copy = Files.createDirectories(work.resolve("resent"));
    Files.copy(messages.resolve("3-completed.hl7"), copy.resolve("resent.hl7"));
    long events = reversed.read(LakeTables.RIS_EVENTS).count();
    RunCounts resent = new RisIngestJob(spark, reversed, CONFIG, KEY, QUIET).run("r3", List.of(copy.toString()),
        "hl7");
    assertThat(resent.duplicates()).isEqualTo(1);
    assertThat(reversed.read(LakeTables.RIS_EVENTS).count()).isEqualTo(events);
    assertThat(exam(reversed, accession)).isEqualTo(a);
    assertThat(reversed.read(LakeTables.RIS_DUPLICATES).first().<String>getAs("kept_source_path"))
        .endsWith("3-completed.hl7");
  }

  @Test
  void tablesMatchTheirSchemaFiles() {
    for (String t : List.of(LakeTables.RIS_EVENTS, LakeTables.RIS_MESSAGES, LakeTables.RIS_FILES, LakeTables.EXAMS,
        LakeTables.EXAM_RECONCILIATION)) {
      assertThat(realLake.read(t).schema().fieldNames()).as(t)
          .containsExactly(TableSchema.load(t).structType().fieldNames());
    }
  }

  /** The exams row of {@code accession} without the run that wrote it. */
  static Row exam(Lake lake, String accession) {
    return lake.read(LakeTables.EXAMS).filter(col("accession_pseudo_id").equalTo(accession))
        .drop("updated_run_id").first();
  }
}
