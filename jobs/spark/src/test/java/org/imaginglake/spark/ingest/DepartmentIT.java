package org.imaginglake.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.runs.RunCounts;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated department of data-samples/department (DICOM, HL7 and the RIS CSV export) through ingest-dicom and
 * ingest-ris, checked against its ground_truth/: every exam's stage times, its study, and the scanner clock offset
 * showing in the reconciliation. The HL7 and the CSV of the same events must give the same exams.
 */
class DepartmentIT {
  static final Pseudonymizer KEY =
      new Pseudonymizer("integration-test-key-0123456789".getBytes(StandardCharsets.UTF_8), "test");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  static final List<String> STAGES = List.of("ordered", "arrived", "started", "completed", "preliminary", "final",
      "corrected", "cancelled");
  static final Map<String, String> COLUMN = Map.of("ordered", "ordered_at", "arrived", "arrived_at", "started",
      "exam_started_at", "completed", "exam_completed_at", "preliminary", "preliminary_report_at", "final",
      "final_report_at", "corrected", "corrected_report_at", "cancelled", "cancelled_at");

  @TempDir
  static Path work;

  static Path department;
  static Lake hl7Lake;
  static Lake csvLake;
  static RunCounts hl7Run;
  static RunCounts csvRun;
  static List<CSVRecord> truth;
  static Map<String, Row> exams;
  static Map<String, Row> reconciled;

  @BeforeAll
  static void ingest() throws IOException {
    SparkSession spark = TestSpark.session();
    department = TestSpark.projectDir().resolve("data-samples/department");
    LakeConfig config = LakeConfig.defaults().with(LakeConfig.SITE_TIME_ZONE, "Europe/Amsterdam");
    hl7Lake = new Lake(spark, work.resolve("hl7").toString());
    new DicomIngestJob(spark, hl7Lake, config, KEY, QUIET).run("d", List.of(department.resolve("dicom").toString()));
    hl7Run = new RisIngestJob(spark, hl7Lake, config, KEY, QUIET).run("h", List.of(department.resolve("hl7")
        .toString()), "hl7");
    csvLake = new Lake(spark, work.resolve("csv").toString());
    csvRun = new RisIngestJob(spark, csvLake, config.with(LakeConfig.RIS_CSV_MAPPING,
            TestSpark.projectDir().resolve("conf/ris-csv-mapping-synthetic.properties").toString()), KEY, QUIET)
        .run("c", List.of(department.resolve("ris").toString()), "csv");
    try (Reader in = Files.newBufferedReader(department.resolve("ground_truth/exams.csv"))) {
      truth = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
    exams = byAccession(hl7Lake.read(LakeTables.EXAMS).collectAsList());
    reconciled = byAccession(hl7Lake.read(LakeTables.EXAM_RECONCILIATION)
        .filter(col("accession_pseudo_id").isNotNull()).collectAsList());
  }

  static Map<String, Row> byAccession(List<Row> rows) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : rows) {
      m.put(r.getAs("accession_pseudo_id"), r);
    }
    return m;
  }

  static String pseudo(CSVRecord t) {
    return KEY.pseudonym(Namespace.ACCESSION_NUMBER, t.get("accession_number"));
  }

  static Instant instant(String s) {
    return s == null || s.isBlank() ? null : Instant.parse(s);
  }

  /**
   * ground_truth/dose_totals.csv is written by the simulation from the values it gave each irradiation event, not by
   * reading the files back: CT and projection X-ray studies have RDSRs (CT, DX, RF), mammography has dose in its image
   * headers only (organ dose per view), so this checks both paths against known answers.
   */
  @Test
  void everyStudyHasItsTrueDose() throws IOException {
    List<CSVRecord> dose;
    try (Reader in = Files.newBufferedReader(department.resolve("ground_truth/dose_totals.csv"))) {
      dose = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
    Map<String, Row> studies = new HashMap<>();
    for (Row r : hl7Lake.read(LakeTables.DOSE_STUDIES).collectAsList()) {
      studies.put(r.getAs("study_instance_uid"), r);
    }
    assertThat(dose).hasSizeGreaterThan(50);
    for (CSVRecord t : dose) {
      String what = t.get("accession_number") + " " + t.get("modality");
      Row s = studies.get(t.get("study_instance_uid"));
      assertThat(s).as(what).isNotNull();
      assertThat(s.<String>getAs("modality")).as(what).isEqualTo(t.get("modality"));
      assertThat(s.<Integer>getAs("number_of_events")).as(what).isEqualTo(Integer.parseInt(t.get("irradiation_events")));
      switch (t.get("modality")) {
        case "CT" -> {
          assertThat(s.<String>getAs("dose_source")).as(what).isEqualTo("rdsr");
          assertThat(s.<Double>getAs("total_dlp_mgy_cm")).as(what).isCloseTo(num(t, "ct_dlp_total_mgycm"), within(0.005));
          assertThat(s.<Double>getAs("events_dlp_sum_mgy_cm")).as(what)
              .isCloseTo(num(t, "ct_dlp_total_mgycm"), within(0.01));
          assertThat(s.<Double>getAs("max_ctdi_vol_mgy")).as(what).isCloseTo(num(t, "ct_ctdivol_max_mgy"), within(0.005));
        }
        case "MG" -> {
          assertThat(s.<String>getAs("dose_source")).as(what).isEqualTo("header");
          double agd = zero(s.getAs("agd_left_mgy")) + zero(s.getAs("agd_right_mgy"));
          assertThat(agd).as(what).isCloseTo(num(t, "glandular_dose_total_mgy"), within(0.005));
        }
        default -> {
          assertThat(s.<String>getAs("dose_source")).as(what).isEqualTo("rdsr");
          assertThat(s.<Double>getAs("total_dap_gy_m2")).as(what).isCloseTo(num(t, "dap_total_gym2"), within(1e-10));
          assertThat(s.<Double>getAs("total_dose_rp_gy")).as(what).isCloseTo(num(t, "dose_rp_total_gy"), within(1e-8));
          assertThat(zero(s.getAs("total_fluoro_time_s"))).as(what).isCloseTo(num(t, "fluoro_time_total_s"),
              within(0.005));
          assertThat(zero(s.getAs("fluoro_dap_gy_m2"))).as(what).isCloseTo(num(t, "fluoro_dap_total_gym2"),
              within(1e-10));
        }
      }
    }
  }

  static double num(CSVRecord t, String column) {
    return Double.parseDouble(t.get(column));
  }

  static double zero(Double v) {
    return v == null ? 0 : v;
  }

  @Test
  void everyMessageLoadsAndEveryExamIsThere() {
    assertThat(truth).hasSizeGreaterThan(50);
    assertThat(hl7Run.quarantined()).isZero();
    assertThat(hl7Run.loaded()).isEqualTo(hl7Run.inputs());
    assertThat(csvRun.quarantined()).isZero();
    assertThat(exams).hasSize(truth.size());
  }

  @Test
  void everyExamHasItsTrueStageTimes() {
    List<String> wrong = new ArrayList<>();
    for (CSVRecord t : truth) {
      Row e = exams.get(pseudo(t));
      for (String stage : STAGES) {
        Instant expected = instant(t.get(stage + "_utc"));
        Object actual = e.getAs(COLUMN.get(stage));
        if (expected == null ? actual != null : !expected.equals(actual)) {
          wrong.add(t.get("accession_number") + " " + stage + ": truth " + expected + ", lake " + actual);
        }
      }
      if (!t.get("scheduled_utc").isBlank()) {
        assertThat(e.<Instant>getAs("scheduled_for")).as("booked start of %s", t.get("accession_number"))
            .isEqualTo(instant(t.get("scheduled_utc")));
      }
      assertThat(e.getAs("no_show_at") != null).as("no-show of %s", t.get("accession_number"))
          .isEqualTo(Boolean.parseBoolean(t.get("no_show")));
      assertThat(e.<String>getAs("modality")).isEqualTo(t.get("modality"));
      assertThat(e.<String>getAs("priority")).isEqualTo(t.get("priority"));
      assertThat(e.<String>getAs("patient_class")).isEqualTo(t.get("patient_class"));
      assertThat(e.<String>getAs("patient_pseudo_id")).isEqualTo(KEY.pseudonym(Namespace.PATIENT_ID,
          t.get("patient_id")));
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void csvExportGivesTheSameExamsAsHl7() {
    Map<String, Row> fromCsv = byAccession(csvLake.read(LakeTables.EXAMS).collectAsList());
    assertThat(fromCsv.keySet()).isEqualTo(exams.keySet());
    for (Map.Entry<String, Row> e : exams.entrySet()) {
      for (String c : List.of("ordered_at", "scheduled_for", "arrived_at", "exam_started_at", "exam_completed_at",
          "preliminary_report_at", "final_report_at", "corrected_report_at", "cancelled_at", "status",
          "modality", "priority", "patient_class", "patient_pseudo_id")) {
        assertThat((Object) fromCsv.get(e.getKey()).getAs(c)).as("%s of %s", c, e.getValue().getAs("status_history"))
            .isEqualTo(e.getValue().getAs(c));
      }
      // a no-show is timed at the booked start from SIU^S26 (docs/ris-events.md), when it was recorded in the CSV
      assertThat(fromCsv.get(e.getKey()).getAs("no_show_at") == null)
          .isEqualTo(e.getValue().getAs("no_show_at") == null);
    }
  }

  @Test
  void everyPerformedExamMatchesItsStudyAndTheSlowClockShows() throws IOException {
    Map<String, Long> offsets = new HashMap<>();
    try (Reader in = Files.newBufferedReader(department.resolve("ground_truth/scanners.csv"))) {
      for (CSVRecord s : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        offsets.put(s.get("scanner_id"), Long.parseLong(s.get("clock_offset_seconds")));
      }
    }
    assertThat(offsets.values()).as("the sample has a scanner whose clock is behind").anyMatch(o -> o < 0);
    List<String> imagedBeforeStart = new ArrayList<>();
    for (CSVRecord t : truth) {
      Row r = reconciled.get(pseudo(t));
      if (t.get("study_instance_uid").isBlank()) {
        assertThat(r.<String>getAs("study_instance_uid")).isNull();
        assertThat(r.<Boolean>getAs("order_without_images")).as("cancelled or no-show is not a missing study")
            .isFalse();
        continue;
      }
      assertThat(r.<String>getAs("study_instance_uid")).isEqualTo(t.get("study_instance_uid"));
      assertThat(r.<String>getAs("match_method")).isEqualTo("accession");
      double start = r.<Double>getAs("start_difference_s");
      long offset = offsets.get(t.get("scanner_id"));
      // true first image is at or after the true start; the scanner's clock shifts it by its offset
      assertThat(start - offset).as("%s first image vs exam start, clock offset taken out", t.get("accession_number"))
          .isBetween(0.0, 900.0);
      if (start < 0) {
        imagedBeforeStart.add(t.get("scanner_id"));
      }
    }
    assertThat(imagedBeforeStart).as("images 'before' the exam started: the slow scanner clock shows, and only it")
        .isNotEmpty().allMatch(scanner -> offsets.get(scanner) < 0);
    assertThat(hl7Lake.read(LakeTables.EXAM_RECONCILIATION).filter(col("images_without_order")).count()).isZero();
  }

  /**
   * The department's raw patient IDs, accession and order numbers (from the ground truth) and patient name components
   * (PID-5 of the HL7 files, read here by splitting text) appear in no string value of any RIS table, nor in their
   * Delta logs (which hold column statistics).
   */
  @Test
  void noRawIdentifierInAnyRisTableOrItsLog() throws IOException {
    Set<String> raw = new HashSet<>();
    for (CSVRecord t : truth) {
      raw.add(t.get("accession_number").toUpperCase());
      raw.add(t.get("patient_id").toUpperCase());
      raw.add(t.get("placer_order_number").toUpperCase());
    }
    int names = 0;
    for (Path f : TestSpark.files(department.resolve("hl7"))) {
      for (String segment : Files.readString(f, StandardCharsets.UTF_8).split("[\r\n]+")) {
        String[] fields = segment.split("\\|", -1);
        if (fields[0].equals("PID") && fields.length > 5) {
          for (String part : fields[5].split("\\^")) {
            if (part.strip().length() >= 3) {
              raw.add(part.strip().toUpperCase());
              names++;
            }
          }
        }
      }
    }
    assertThat(names).as("names read from PID-5").isGreaterThan(100);
    List<String> leaks = new ArrayList<>();
    for (String table : List.of(LakeTables.RIS_EVENTS, LakeTables.RIS_MESSAGES, LakeTables.RIS_FILES,
        LakeTables.EXAMS, LakeTables.EXAM_RECONCILIATION, LakeTables.QUARANTINE)) {
      for (Row r : hl7Lake.read(table).collectAsList()) {
        for (int i = 0; i < r.size(); i++) {
          Object v = r.get(i);
          Set<String> tokens = RawIdentifiers.tokens(v == null ? null : v.toString());
          tokens.retainAll(raw);
          if (!tokens.isEmpty()) {
            leaks.add(table + "." + r.schema().fields()[i].name() + ": " + tokens);
          }
        }
      }
      StringBuilder log = new StringBuilder();
      Path logDir = Path.of(hl7Lake.path(table).replaceFirst("^file:", "")).resolve("_delta_log");
      for (Path f : Files.isDirectory(logDir) ? TestSpark.files(logDir) : List.<Path>of()) {
        if (f.toString().endsWith(".json")) {
          log.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
        }
      }
      Set<String> tokens = RawIdentifiers.tokens(log.toString());
      tokens.retainAll(raw);
      assertThat(tokens).as("raw identifiers in the Delta log of " + table).isEmpty();
    }
    assertThat(leaks).isEmpty();
  }
}
