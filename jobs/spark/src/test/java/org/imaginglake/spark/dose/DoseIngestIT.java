package org.imaginglake.spark.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UIDGenerator;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.spark.ingest.DicomIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.lake.TableSchema;
import org.imaginglake.spark.runs.RunCounts;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ingest-dicom over every real dose report in ../shared/data/rdsr, a few real images that carry dose in their headers,
 * and two broken reports made here; then the same inputs again. Expected values were read from the files with DCMTK
 * ({@code dsrdump -Ec -Er -Ev -Ee -Ei -Dv +Pc}, {@code dcmdump}), not from the code under test; units converted by
 * hand (Gy·m² = 1e5 dGy·cm², Gy = 1000 mGy, dGy = 100 mGy).
 */
class DoseIngestIT {
  static final Pseudonymizer KEY =
      new Pseudonymizer("integration-test-key-0123456789".getBytes(StandardCharsets.UTF_8), "test");
  static final String XRAY_RDSR_CLASS = "1.2.840.10008.5.1.4.1.1.88.67";

  @TempDir
  static Path dir;

  static Lake lake;
  static RunCounts first;
  static RunCounts second;
  static Map<String, Row> studies;
  static Map<String, Row> events;
  static Map<String, Row> studiesAgain;
  static Map<String, Row> eventsAgain;
  static String noContentReport;
  static String notDoseReport;

  @BeforeAll
  static void ingestTwice() throws Exception {
    SparkSession spark = TestSpark.session();
    lake = new Lake(spark, dir.resolve("lake").toString());
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Path rdsr = TestSpark.sharedData().resolve("rdsr/openrem");
    noContentReport = rewrite(rdsr.resolve("CT-RDSR-Siemens-Multi-1.dcm"), broken.resolve("no-content.dcm"), null,
        true);
    notDoseReport = rewrite(rdsr.resolve("ESR_non-dose.dcm"), broken.resolve("not-dose.dcm"), XRAY_RDSR_CLASS,
        false);
    List<String> inputs = new ArrayList<>(List.of(TestSpark.sharedData().resolve("rdsr").toString(),
        broken.toString()));
    for (String image : List.of("DX-Im-GE_XR220-1.dcm", "DX-Im-GE_XR220-2.dcm", "DX-Im-GE_XR220-3.dcm",
        "MG-Im-GE_Seno_1_ForPresentation.dcm", "MG-Im-GE_Seno_1_ForProcessing.dcm",
        "MG-Im-GE_Seno_2_ForPresentation.dcm")) {
      inputs.add(TestSpark.sharedData().resolve("dicom/openrem").resolve(image).toString());
    }
    LakeConfig config = LakeConfig.defaults().with(LakeConfig.SITE_TIME_ZONE, "UTC");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    first = new DicomIngestJob(spark, lake, config, KEY, quiet).run("dose-1", inputs);
    second = new DicomIngestJob(spark, lake, config, KEY, quiet).run("dose-2", inputs);
    studies = byKey(lake.read(LakeTables.DOSE_STUDIES), "study_instance_uid");
    events = byKey(lake.read(LakeTables.DOSE_EVENTS), "event_key");
    // recomputing every study again (as a re-read of changed files does) must give the same rows
    Dataset<Row> all = lake.read(LakeTables.DOSE_STUDIES).select(
        org.apache.spark.sql.functions.col("study_instance_uid").as("touched_uid"));
    new DoseTables(lake, LakeConfig.defaults()).recompute(all, "dose-3");
    studiesAgain = byKey(lake.read(LakeTables.DOSE_STUDIES), "study_instance_uid");
    eventsAgain = byKey(lake.read(LakeTables.DOSE_EVENTS), "event_key");
  }

  /** A copy of a real report with new UIDs: without its content tree, or with another SOP class. */
  static String rewrite(Path from, Path to, String sopClass, boolean dropContent) throws Exception {
    AttributeList list = new AttributeList();
    try (DicomInputStream in = new DicomInputStream(from.toFile())) {
      list.read(in);
    }
    UIDGenerator uids = new UIDGenerator();
    String sop = uids.getAnotherNewUID();
    replace(list, TagFromName.SOPInstanceUID, sop);
    replace(list, TagFromName.MediaStorageSOPInstanceUID, sop);
    replace(list, TagFromName.StudyInstanceUID, uids.getAnotherNewUID());
    if (sopClass != null) {
      replace(list, TagFromName.SOPClassUID, sopClass);
      replace(list, TagFromName.MediaStorageSOPClassUID, sopClass);
    }
    if (dropContent) {
      list.remove(TagFromName.ContentSequence);
    }
    File out = to.toFile();
    list.write(out, TransferSyntax.ExplicitVRLittleEndian, true, true);
    return sop;
  }

  static void replace(AttributeList list, com.pixelmed.dicom.AttributeTag tag, String value) throws Exception {
    Attribute a = list.get(tag);
    a.removeValues();
    a.addValue(value);
  }

  static Map<String, Row> byKey(Dataset<Row> rows, String key) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs(key), r -> r));
  }

  static void assertClose(Double actual, Double expected, String what) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat(actual).as(what).isNotNull();
      assertThat(actual).as(what).isCloseTo(expected, within(Math.abs(expected) * 1e-9 + 1e-12));
    }
  }

  /**
   * Every study of ../shared/data/rdsr: modality from the content (the headers all say SR), reports, merged events
   * (count of (113819, DCM) or (113706, DCM) containers, Irradiation Event UIDs counted once), stated CT DLP total
   * (113813), and, every projection report having one plane, its DAP total (113722), Dose (RP) total (113725), total
   * fluoroscopy time (113730), accumulated AGD (111637) left and right. Merged studies: Siemens Continued-1 and -2 are
   * one study with disjoint events, so the stated totals add up (60.17 + 56.44); Siemens Multi-1, -2 and -3 are one
   * study whose third report repeats the events of the first two, so its total (236.09) covers the study; the SPECT-CT
   * study has the CT report and a radiopharmaceutical report. RF-RDSR-Siemens-Zee_adjusted has the SOP Instance UID
   * of RF-RDSR-Siemens-Zee (a duplicate, not a second report).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", textBlock = """
      CT-ESR-GE_Optima,                 1.3.6.1.4.1.5962.99.1.2026073515.1319176460.1479494856107.12.0,   CT, 1,   6,  415.82,  -,               -,                -,     -,     -
      CT-ESR-GE_VCT,                    1.3.6.1.4.1.5962.99.1.2026073515.1319176460.1479494856107.15.0,   CT, 1,  27, 2002.39,  -,               -,                -,     -,     -
      CT-RDSR-Siemens-Continued-1+2,    1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.5.0,      CT, 2,   4,  116.61,  -,               -,                -,     -,     -
      CT-RDSR-Siemens-Multi-1+2+3,      1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.3.0,    CT, 3,   3,  236.09,  -,               -,                -,     -,     -
      NM-CT-RDSR-Siemens+NM-RRDSR,      1.2.840.113619.6.95.31.0.3.4.1.4400.13.8620675,                  CT, 2,   2,  667.72,  -,               -,                -,     -,     -
      CT-RDSR-Toshiba_MultiValSD,       1.3.6.1.4.1.5962.99.1.1042634278.1704769588.1538640959014.3.0,   CT, 1,   3,  136.90,  -,               -,                -,     -,     -
      DX-RDSR-Carestream_DRXEvolution,  1.3.6.1.4.1.5962.99.1.84038123.1638714927.1486142755307.10.0,    DX, 1,   5,  -,       0.00000580999970,0.00029927175492, -,     -,     -
      Dual-RDSR-DX,                     1.3.6.1.4.1.5962.99.1.2930476852.1535886921.1523348932404.3.0,   DX, 1,   1,  -,       0.0000023900,    0,                0,     -,     -
      Dual-RDSR-RF,                     1.3.6.1.4.1.5962.99.1.3406246027.1926427166.1523824701579.3.0,   RF, 1,   4,  -,       0.0000021200,    0.00010,          4,     -,     -
      MG-RDSR-GEPristina-2D,            1.3.6.1.4.1.5962.99.1.1992641223.1004698035.1724274559687.26.0,  MG, 1,   8,  -,       -,               -,                -,     0,     9.68
      MG-RDSR-Giotto-DBT,               1.3.6.1.4.1.5962.99.1.1559086025.238463698.1723841004489.2.0,    MG, 1,   4,  -,       -,               -,                -,     4.842, 4.422
      MG-RDSR-Hologic_mix,              1.3.6.1.4.1.5962.99.1.2718491169.2092705389.1531726881313.4.0,   MG, 1,   7,  -,       -,               -,                -,     0.87,  2.71
      RF-Pat-Orientation-Modifier-Missing,1.3.6.1.4.1.14519.5.2.1.9999.9999.146634851528618588214499844598,RF,1,316,-,    0.046881,        7.68897349461299, 2827,  -,     -
      RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP,1.3.6.1.4.1.5962.99.1.2317982913.1735696156.1578571013313.3.0,  RF, 1,  18,  -,       0.00126596,      0.030573,         111,   -,     -
      RF-RDSR-Philips_Azurion,          1.3.6.1.4.1.5962.99.1.1558963508.703036332.1539157288244.21.0,   RF, 1,  89,  -,       0.00247409,      0.54837,          567.922,-,    -
      RF-RDSR-Siemens-Zee(+adjusted),   1.3.6.1.4.1.5962.99.1.3248661973.865054762.1480717444565.3.0,    RF, 1,   8,  -,       1.6e-005,        0.00252,          28,    -,     -
      """)
  void studyTotals(String files, String study, String modality, int reports, int eventCount, Double dlp, Double dap,
      Double doseRp, Double fluoroTime, Double agdLeft, Double agdRight) {
    Row s = studies.get(study);
    assertThat(s).as(files).isNotNull();
    assertThat(s.<String>getAs("modality")).isEqualTo(modality);
    assertThat(s.<String>getAs("dose_source")).isEqualTo("rdsr");
    assertThat(s.<Integer>getAs("number_of_reports")).isEqualTo(reports);
    assertThat(s.<Integer>getAs("number_of_events")).isEqualTo(eventCount);
    assertClose(s.getAs("total_dlp_mgy_cm"), dlp, "stated CT DLP total");
    if (dlp != null) {
      assertThat(s.<Double>getAs("events_dlp_sum_mgy_cm")).isCloseTo(dlp, within(0.01));
      assertThat(s.<Boolean>getAs("dlp_total_disagrees")).isFalse();
    }
    assertClose(s.getAs("total_dap_gy_m2"), dap, "DAP total");
    assertClose(s.getAs("total_dose_rp_gy"), doseRp, "dose RP total");
    assertClose(s.getAs("total_fluoro_time_s"), fluoroTime, "fluoroscopy time");
    assertClose(s.getAs("agd_left_mgy"), agdLeft, "AGD left");
    assertClose(s.getAs("agd_right_mgy"), agdRight, "AGD right");
    long rows = events.values().stream().filter(e -> study.equals(e.getAs("study_instance_uid"))).count();
    assertThat(rows).as("dose_events rows").isEqualTo(eventCount);
  }

  @Test
  void everyReportIsAccountedFor() {
    // 42 files: 41 reports + SOURCE.md; the two Enhanced SRs without dose content are instances, not dose reports
    Dataset<Row> reports = lake.read(LakeTables.DOSE_REPORTS);
    assertThat(reports.count()).as("38 readable reports (41 - 2 not dose - 1 duplicate)").isEqualTo(38);
    assertThat(reports.filter("kind = 'CT'").count()).isEqualTo(16);
    assertThat(reports.filter("kind = 'PROJECTION'").count()).isEqualTo(20);
    assertThat(reports.filter("kind = 'RADIOPHARMACEUTICAL'").count()).isEqualTo(2);
    assertThat(reports.filter("modality = 'SR'").count()).isZero();
    assertThat(lake.read(LakeTables.DOSE_EVENTS).filter("source = 'rdsr' and modality = 'NM'").count())
        .as("radiopharmaceutical reports give no X-ray events").isZero();
  }

  @Test
  void brokenReportsAreQuarantinedAndTheirInstancesLoaded() {
    Map<String, Row> q = byKey(lake.read(LakeTables.QUARANTINE).filter("stage like 'dose-%'"), "source_path");
    assertThat(q).hasSize(2);
    Row noContent = q.entrySet().stream().filter(e -> e.getKey().endsWith("no-content.dcm")).findFirst()
        .orElseThrow().getValue();
    assertThat(noContent.<String>getAs("stage")).isEqualTo("dose-content");
    assertThat(noContent.<String>getAs("reason")).contains("(113819, DCM)").contains("nothing to read");
    Row notDose = q.entrySet().stream().filter(e -> e.getKey().endsWith("not-dose.dcm")).findFirst()
        .orElseThrow().getValue();
    assertThat(notDose.<String>getAs("reason")).contains("not a dose report");
    assertThat(lake.read(LakeTables.DICOM_INSTANCES)
        .filter("sop_instance_uid in ('" + noContentReport + "', '" + notDoseReport + "')").count()).isEqualTo(2);
    assertThat(lake.read(LakeTables.DOSE_REPORTS)
        .filter("sop_instance_uid in ('" + noContentReport + "', '" + notDoseReport + "')").count()).isZero();
  }

  @Test
  void eventValuesAsTheReportsState() {
    // dsrdump: second CT Acquisition of CT-RDSR-Siemens-Multi-2, repeated in Multi-3
    Row ct = events.get("1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.5.0");
    assertThat(ct.<String>getAs("modality")).isEqualTo("CT");
    assertThat(ct.<String>getAs("protocol")).isEqualTo("4DCT");
    assertThat(ct.<String>getAs("event_kind_code")).isEqualTo("SRT:P5-08001");
    assertThat(ct.<String>getAs("target_region_code")).isEqualTo("SRT:T-D3000");
    assertThat(ct.<Double>getAs("ctdi_vol_mgy")).isCloseTo(8.13, within(1e-9));
    assertThat(ct.<Double>getAs("dlp_mgy_cm")).isCloseTo(69.81, within(1e-9));
    assertThat(ct.<Double>getAs("kvp")).isCloseTo(120, within(1e-9));
    assertThat(ct.<Double>getAs("exposure_time_s")).isCloseTo(26.91, within(1e-9));
    assertThat(ct.<Integer>getAs("reported_in")).as("in Multi-2 and Multi-3").isEqualTo(2);
    assertThat(ct.<String>getAs("source")).isEqualTo("rdsr");
    // dsrdump: first event of RF-RDSR-Canon-Ultimaxi: DAP 1.323 dGy.cm2, Dose (RP) 0.384 mGy, 580.000019 ms, 85 kV
    Row rf = events.get("1.3.6.1.4.1.5962.99.1.2317982913.1735696156.1578571013313.4.0");
    assertThat(rf.<Double>getAs("dap_gy_m2")).isCloseTo(1.323e-5, within(1e-15));
    assertThat(rf.<Double>getAs("dose_rp_gy")).isCloseTo(0.000384, within(1e-15));
    assertThat(rf.<Double>getAs("exposure_time_s")).isCloseTo(0.580000019, within(1e-12));
    assertThat(rf.<String>getAs("event_kind_code")).isEqualTo("SRT:P5-06000");
    assertThat(rf.<String>getAs("modality")).isEqualTo("RF");
    // dsrdump: fifth CT Acquisition of CT-ESR-GE_VCT (Enhanced SR), DLP in "mGycm"
    Row ge = events.get("1.3.6.1.4.1.5962.99.1.2026073515.1319176460.1479494856107.20.0");
    assertThat(ge.<Double>getAs("ctdi_vol_mgy")).isCloseTo(32.83, within(1e-9));
    assertThat(ge.<Double>getAs("dlp_mgy_cm")).isCloseTo(16.41, within(1e-9));
  }

  @Test
  void mammographyEventFromHologic() {
    // dsrdump: first event of MG-RDSR-Hologic_2D: AGD 1.30 mGy, left breast, 28 kV, 854 ms
    Row s = studies.get("1.3.6.1.4.1.5962.99.1.84038123.1638714927.1486142755307.43.0");
    String sop = lake.read(LakeTables.DOSE_REPORTS).filter("study_instance_uid = '"
        + s.getAs("study_instance_uid") + "'").first().getAs("sop_instance_uid");
    List<Row> mg = events.values().stream().filter(e -> sop.equals(e.getAs("source_sop_instance_uid")))
        .filter(e -> "L".equals(e.getAs("laterality"))).toList();
    assertThat(mg).hasSize(1);
    assertThat(mg.get(0).<Double>getAs("agd_mgy")).isCloseTo(1.30, within(1e-9));
    assertThat(mg.get(0).<Double>getAs("kvp")).isCloseTo(28, within(1e-9));
    assertThat(mg.get(0).<Double>getAs("exposure_time_s")).isCloseTo(0.854, within(1e-9));
  }

  @Test
  void imagesWithoutAReportGiveHeaderDose() {
    // dcmdump DX-Im-GE_XR220-1/2/3: one study, (0018,115e) 0.41, 0.82 and 2.05 dGy.cm2 at three acquisition times
    Row dx = studies.get("1.3.6.1.4.1.5962.99.1.2282339064.1266597797.1479751121656.24.0");
    assertThat(dx.<String>getAs("dose_source")).isEqualTo("header");
    assertThat(dx.<Integer>getAs("number_of_events")).isEqualTo(3);
    assertThat(dx.<Double>getAs("total_dap_gy_m2")).isCloseTo(3.28e-5, within(1e-15));
    assertThat(dx.<String>getAs("modality")).isEqualTo("DX");
    // MG-Im-GE_Seno_1 For Presentation and For Processing: one exposure (same acquisition time, L), organ dose
    // 0.00547 dGy; Seno_2: another exposure at 13:26:28, L, 0.01409 dGy. Left AGD 0.547 + 1.409 mGy.
    Row mg = studies.get("1.3.6.1.4.1.5962.99.1.1270844358.1571783457.1525984267206.3.0");
    assertThat(mg.<Integer>getAs("number_of_events")).isEqualTo(2);
    assertThat(mg.<Double>getAs("agd_left_mgy")).isCloseTo(1.956, within(1e-12));
    assertThat(mg.<Double>getAs("agd_right_mgy")).isNull();
    assertThat(events.values().stream().filter(e -> "header".equals(e.getAs("source"))).count()).isEqualTo(5);
  }

  @Test
  void secondRunAndRecomputationChangeNothing() {
    assertThat(second.inputs()).isZero();
    assertThat(eventsAgain.keySet()).isEqualTo(events.keySet());
    assertThat(studiesAgain.keySet()).isEqualTo(studies.keySet());
    for (String k : events.keySet()) {
      Row a = events.get(k);
      Row b = eventsAgain.get(k);
      for (String f : a.schema().fieldNames()) {
        if (!f.equals("updated_run_id")) {
          assertThat((Object) b.getAs(f)).as(k + " " + f).isEqualTo(a.getAs(f));
        }
      }
    }
    for (String k : studies.keySet()) {
      assertThat(studiesAgain.get(k).<Double>getAs("total_dap_gy_m2")).isEqualTo(studies.get(k).getAs("total_dap_gy_m2"));
      assertThat(studiesAgain.get(k).<Double>getAs("events_dlp_sum_mgy_cm"))
          .isEqualTo(studies.get(k).getAs("events_dlp_sum_mgy_cm"));
    }
  }

  /**
   * The two Siemens chest studies against the UK national DLP for adult CT chest (290 mGy·cm, UKHSA NDRLs): the
   * study values are the sums worked out above (60.17 + 56.44; 236.09).
   */
  @Test
  void ctChestStudiesAgainstTheNationalLevel() {
    Map<String, Row> chest = byKey(lake.read(LakeTables.DOSE_REFERENCE_COMPARISON)
        .filter("level_id = 'uk-ct-chest-dlp'"), "study_instance_uid");
    Row continued = chest.get("1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.5.0");
    assertThat(continued.<Double>getAs("value")).isCloseTo(116.61, within(1e-6));
    assertThat(continued.<Double>getAs("national_drl")).isEqualTo(290.0);
    assertThat(continued.<Double>getAs("national_drl_ratio")).isCloseTo(116.61 / 290, within(1e-9));
    assertThat(continued.<Boolean>getAs("above_national_drl")).isFalse();
    assertThat(continued.<String>getAs("national_drl_source")).contains("UKHSA");
    Row multi = chest.get("1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.3.0");
    assertThat(multi.<Double>getAs("value")).isCloseTo(236.09, within(1e-6));
  }

  /**
   * RF-Pat-Orientation-Modifier-Missing states DAP 0.046881 Gy·m² and Dose (RP) 7.689 Gy: above OpenREM's default
   * alert levels (0.02 Gy·m² = 20,000 cGy·cm²; 2 Gy) in every window; Canon Ultimaxi (0.00126596 Gy·m², 0.030573 Gy)
   * is below both.
   */
  @Test
  void cumulativeDoseAlertsOnTheHighFluoroscopyStudy() {
    Dataset<Row> cumulative = lake.read(LakeTables.PATIENT_CUMULATIVE_DOSE);
    String high = studies.get("1.3.6.1.4.1.14519.5.2.1.9999.9999.146634851528618588214499844598")
        .getAs("patient_pseudo_id");
    List<Row> rows = cumulative.filter(org.apache.spark.sql.functions.col("patient_pseudo_id").equalTo(high))
        .collectAsList();
    assertThat(rows).extracting(r -> r.<String>getAs("window")).contains("12w", "1y", "lifetime");
    for (Row r : rows) {
      assertThat(r.<Double>getAs("dap_sum_gy_m2")).isCloseTo(0.046881, within(1e-12));
      assertThat(r.<Double>getAs("dose_rp_sum_gy")).isCloseTo(7.68897349461299, within(1e-9));
      assertThat(r.<Boolean>getAs("dap_alert")).isTrue();
      assertThat(r.<Boolean>getAs("dose_rp_alert")).isTrue();
    }
    String low = studies.get("1.3.6.1.4.1.5962.99.1.2317982913.1735696156.1578571013313.3.0")
        .getAs("patient_pseudo_id");
    Row lowRow = cumulative.filter(org.apache.spark.sql.functions.col("patient_pseudo_id").equalTo(low))
        .filter("window = '12w'").first();
    assertThat(lowRow.<Double>getAs("dap_sum_gy_m2")).isCloseTo(0.00126596, within(1e-12));
    assertThat(lowRow.<Boolean>getAs("dap_alert")).isFalse();
    assertThat(lowRow.<Boolean>getAs("dose_rp_alert")).isFalse();
  }

  @Test
  void doseTablesMatchTheirSchemaFiles() {
    for (String t : List.of(LakeTables.DOSE_REPORTS, LakeTables.DOSE_EVENTS, LakeTables.DOSE_STUDIES,
        LakeTables.DOSE_REFERENCE_COMPARISON, LakeTables.PATIENT_CUMULATIVE_DOSE)) {
      var want = TableSchema.load(t).structType();
      var have = lake.read(t).schema();
      assertThat(have.fieldNames()).as(t).containsExactly(want.fieldNames());
      for (var f : want.fields()) {
        assertThat(have.apply(f.name()).dataType()).as(t + "." + f.name()).isEqualTo(f.dataType());
      }
    }
  }
}
