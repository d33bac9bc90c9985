package org.imaginglake.spark.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.imaginglake.spark.dose.DoseTestRows.event;
import static org.imaginglake.spark.dose.DoseTestRows.study;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.dose.AlertThresholds;
import org.imaginglake.core.dose.CumulativeWindows;
import org.imaginglake.core.dose.OutlierRule;
import org.imaginglake.core.dose.ReferenceLevels;
import org.imaginglake.spark.lake.TableSchema;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Categories, national and local levels and outliers on purpose-built studies, worked out by hand below. */
class DoseReferenceComparisonTest {
  static final String LEVELS = """
      source.s.title=Test national DRLs
      source.s.publisher=Agency
      source.s.year=2024
      source.s.url=https://example.org/drl
      category.head.name=CT head
      category.head.modality=CT
      category.head.priority=1
      category.head.target-codes=SRT:T-D1100, SCT:69536005
      category.head.pattern=\\\\bhead\\\\b
      category.head.exclude-event-kinds=DCM:113805
      category.chest.name=CT chest
      category.chest.modality=CT
      category.chest.priority=2
      category.chest.target-codes=SRT:T-D3000
      category.chest.pattern=chest
      category.chest.exclude-pattern=abd
      category.cap.name=CT chest, abdomen and pelvis
      category.cap.modality=CT
      category.cap.priority=3
      category.cap.target-codes=SRT:R-FAB56, SRT:T-D3000, SRT:T-D4000
      level.head-dlp.category=head
      level.head-dlp.quantity=dlp_mgy_cm
      level.head-dlp.scope=study
      level.head-dlp.value=790
      level.head-dlp.source=s
      level.head-ctdi.category=head
      level.head-ctdi.quantity=ctdi_vol_mgy
      level.head-ctdi.scope=event
      level.head-ctdi.value=47
      level.head-ctdi.source=s
      level.chest-dlp.category=chest
      level.chest-dlp.quantity=dlp_mgy_cm
      level.chest-dlp.scope=study
      level.cap-dlp.category=cap
      level.cap-dlp.quantity=dlp_mgy_cm
      level.cap-dlp.scope=study
      level.cap-dlp.value=660
      level.cap-dlp.source=s
      """;

  static Map<String, Row> byKey;
  static Dataset<Row> computed;

  static DoseTestRows.R head(String uid, String station, String serial, String model, Double dlp) {
    return study(uid, "CT").set("study_description", "CT HEAD").set("station_name", station)
        .set("device_serial_number", serial).set("manufacturer_model_name", model).set("events_dlp_sum_mgy_cm", dlp)
        .set("study_date", LocalDate.of(2026, 3, 2));
  }

  @BeforeAll
  static void compare() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(LEVELS));
    ReferenceLevels levels = ReferenceLevels.of(p, "test").withLocalSettings(2, OutlierRule.parse("iqr:1.5"));
    Dataset<Row> studies = DoseTestRows.frame(DoseTestRows.STUDIES, List.of(
        // Head DLP. Scanner CT1 / SN1: 5, 10, 15 -> median 10 (h1 matches by its events' codes, no description).
        head("h1", "CT1", "SN1", "Model Y", 5.0).set("study_description", null),
        head("h2", "CT1", "SN1", "Model Y", null).set("total_dlp_mgy_cm", 10.0),   // no event sum: the stated total
        head("h3", "CT1", "SN1", "Model Y", 15.0),
        // Scanner CT2 / SN2: 20, 20 -> median 20.
        head("h4", "CT2", "SN2", "Model Y", 20.0),
        head("h5", "CT2", "SN2", "Model Y", 20.0),
        // No station or serial: grouped by model "Model X": 25, 35 -> median 30.
        head("h6", null, null, "Model X", 25.0),
        head("h7", null, null, "Model X", 35.0),
        // Scanner CT4 / SN4 has one study, fewer than 2: left out of the local levels. Above the national 790.
        head("h8", "CT4", "SN4", "Model Y", 800.0),
        // Unknown scanner: compared with the national level only. Exactly at 790: not above.
        head("h9", null, null, null, 790.0),
        head("h10", "CT1", "SN1", "Model Y", null),                                // no DLP at all: no row
        // Chest, a local-only level: CT1 / SN1 100 and 200 -> median 150, the only scanner.
        study("c1", "CT").set("station_name", "CT1").set("device_serial_number", "SN1").set("events_dlp_sum_mgy_cm",
            100.0),
        study("c2", "CT").set("study_description", "CT CHEST").set("station_name", "CT1")
            .set("device_serial_number", "SN1").set("events_dlp_sum_mgy_cm", 200.0),
        // Chest and abdomen coded separately, described as both: not chest (excluded by "abd"), but CAP by codes.
        study("k1", "CT").set("study_description", "CT CHEST ABDOMEN").set("target_regions",
            List.of("Abdomen", "Chest")).set("events_dlp_sum_mgy_cm", 700.0),
        // No category: a knee, and a chest radiograph (modality DX).
        study("n1", "CT").set("study_description", "CT KNEE").set("events_dlp_sum_mgy_cm", 50.0),
        study("n2", "DX").set("study_description", "CHEST PA").set("events_dlp_sum_mgy_cm", 1.0)));
    Dataset<Row> events = DoseTestRows.frame(DoseTestRows.EVENTS, List.of(
        event("e1", "h1", "CT").set("target_region_code", "SRT:T-D1100").set("event_kind_code", "SRT:P5-08001")
            .set("ctdi_vol_mgy", 40.0).set("station_name", "CT1").set("device_serial_number", "SN1"),
        // The localizer of h1: its kind is excluded at event scope.
        event("e2", "h1", "CT").set("target_region_code", "SRT:T-D1100").set("event_kind_code", "DCM:113805")
            .set("ctdi_vol_mgy", 0.5).set("station_name", "CT1").set("device_serial_number", "SN1"),
        event("e3", "h8", "CT").set("event_kind_code", "SRT:P5-08001").set("ctdi_vol_mgy", 50.0)
            .set("station_name", "CT4").set("device_serial_number", "SN4"),
        event("e4", "h8", "CT").set("event_kind_code", "DCM:113804").set("ctdi_vol_mgy", 47.0)
            .set("station_name", "CT4").set("device_serial_number", "SN4"),
        event("e5", "c1", "CT").set("target_region_code", "SRT:T-D3000"),
        event("e6", "k1", "CT").set("target_region_code", "SRT:T-D3000"),
        event("e7", "k1", "CT").set("target_region_code", "SRT:T-D4000")));
    computed = DoseReferenceComparison.compute(studies, events, levels, "run-7");
    byKey = DoseTestRows.byKey(computed, "level_id", "study_instance_uid", "event_key");
  }

  @Test
  void studiesGoToOneCategoryAndUnmatchedStudiesGetNoRow() {
    assertThat(byKey).containsOnlyKeys(
        "head-dlp/h1/null", "head-dlp/h2/null", "head-dlp/h3/null", "head-dlp/h4/null", "head-dlp/h5/null",
        "head-dlp/h6/null", "head-dlp/h7/null", "head-dlp/h8/null", "head-dlp/h9/null",
        "head-ctdi/h1/e1", "head-ctdi/h8/e3", "head-ctdi/h8/e4",
        "chest-dlp/c1/null", "chest-dlp/c2/null",
        "cap-dlp/k1/null");
    Row h2 = byKey.get("head-dlp/h2/null");
    assertThat((Double) h2.getAs("value")).as("DLP falls back to the stated total").isEqualTo(10.0);
    assertThat((String) h2.getAs("category")).isEqualTo("CT head");
    assertThat((String) h2.getAs("unit")).isEqualTo("mGy.cm");
    assertThat((String) h2.getAs("scope")).isEqualTo("study");
    assertThat((String) h2.getAs("computed_run_id")).isEqualTo("run-7");
    assertThat((String) byKey.get("head-ctdi/h1/e1").getAs("scope")).isEqualTo("event");
    assertThat((String) byKey.get("head-ctdi/h1/e1").getAs("modality")).isEqualTo("CT");
  }

  @Test
  void nationalLevelIsExceededOnlyStrictlyAbove() {
    Row h8 = byKey.get("head-dlp/h8/null");
    assertThat((Boolean) h8.getAs("above_national_drl")).isTrue();
    assertThat((Double) h8.getAs("national_drl_ratio")).isCloseTo(800.0 / 790.0, within(1e-12));
    assertThat((String) h8.getAs("national_drl_source"))
        .isEqualTo("Test national DRLs. Agency, 2024. https://example.org/drl");
    Row h9 = byKey.get("head-dlp/h9/null");
    assertThat((Boolean) h9.getAs("above_national_drl")).as("exactly at the level").isFalse();
    assertThat((Double) h9.getAs("national_drl_ratio")).isEqualTo(1.0);
    assertThat((Boolean) byKey.get("head-ctdi/h8/e3").getAs("above_national_drl")).as("CTDIvol 50 > 47").isTrue();
    assertThat((Boolean) byKey.get("head-ctdi/h8/e4").getAs("above_national_drl")).as("CTDIvol 47 = 47").isFalse();
    assertThat((Boolean) byKey.get("head-ctdi/h1/e1").getAs("above_national_drl")).isFalse();
  }

  @Test
  void localLevelsAreThePercentilesOfPerScannerMedians() {
    // Qualifying scanners (>= 2 studies): CT1 / SN1 median 10, CT2 / SN2 median 20, Model X median 30.
    // Local DRL = 75th percentile, linear interpolation: rank 0.75 x (3 - 1) = 1.5 -> 20 + 0.5 x (30 - 20) = 25.
    // Achievable dose = median = 20. CT4 / SN4 (1 study) and the unknown scanner do not count.
    for (String uid : List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9")) {
      Row r = byKey.get("head-dlp/" + uid + "/null");
      assertThat((Double) r.getAs("local_drl")).as(uid).isEqualTo(25.0);
      assertThat((Double) r.getAs("achievable_dose")).as(uid).isEqualTo(20.0);
      assertThat((Integer) r.getAs("local_scanners")).as(uid).isEqualTo(3);
    }
    Row h1 = byKey.get("head-dlp/h1/null");
    assertThat((String) h1.getAs("scanner_key")).isEqualTo("CT1 / SN1");
    assertThat((Double) h1.getAs("scanner_median")).isEqualTo(10.0);
    assertThat((Long) h1.getAs("scanner_studies")).isEqualTo(3L);
    assertThat((Boolean) h1.getAs("above_local_drl")).isFalse();
    Row h6 = byKey.get("head-dlp/h6/null");
    assertThat((String) h6.getAs("scanner_key")).isEqualTo("Model X");
    assertThat((Double) h6.getAs("scanner_median")).isEqualTo(30.0);
    assertThat((Boolean) h6.getAs("above_local_drl")).as("25 is not above 25").isFalse();
    assertThat((Boolean) byKey.get("head-dlp/h7/null").getAs("above_local_drl")).as("35 > 25").isTrue();
    Row h8 = byKey.get("head-dlp/h8/null");
    assertThat((Double) h8.getAs("scanner_median")).isEqualTo(800.0);
    assertThat((Long) h8.getAs("scanner_studies")).isEqualTo(1L);
    Row h9 = byKey.get("head-dlp/h9/null");
    assertThat((String) h9.getAs("scanner_key")).isNull();
    assertThat((Double) h9.getAs("scanner_median")).isNull();
    // Event scope: h1 (CT1) and h8 (CT4) have one study each, below 2: no local levels.
    Row e3 = byKey.get("head-ctdi/h8/e3");
    assertThat((Integer) e3.getAs("local_scanners")).isZero();
    assertThat((Double) e3.getAs("local_drl")).isNull();
    assertThat((Boolean) e3.getAs("above_local_drl")).isNull();
  }

  @Test
  void aLevelWithoutNationalValueStillGetsLocalLevels() {
    Row c1 = byKey.get("chest-dlp/c1/null");
    assertThat((Double) c1.getAs("national_drl")).isNull();
    assertThat((Boolean) c1.getAs("above_national_drl")).isNull();
    assertThat((Double) c1.getAs("national_drl_ratio")).isNull();
    // One scanner (CT1 / SN1, 2 studies) with median (100 + 200) / 2 = 150: local DRL and achievable dose 150.
    assertThat((Double) c1.getAs("local_drl")).isEqualTo(150.0);
    assertThat((Double) c1.getAs("achievable_dose")).isEqualTo(150.0);
    assertThat((Boolean) byKey.get("chest-dlp/c2/null").getAs("above_local_drl")).isTrue();
  }

  @Test
  void outliersAreAboveQ3PlusOneAndAHalfIqr() {
    // Head DLP values sorted: 5 10 15 20 20 25 35 790 800 (9 values). Q1 at rank 0.25 x 8 = 2 -> 15, Q3 at rank 6
    // -> 35; limit 35 + 1.5 x 20 = 65.
    for (String uid : List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9")) {
      Row r = byKey.get("head-dlp/" + uid + "/null");
      assertThat((Double) r.getAs("outlier_limit")).as(uid).isEqualTo(65.0);
      assertThat((String) r.getAs("outlier_rule")).isEqualTo("iqr:1.5");
      assertThat((Boolean) r.getAs("outlier")).as(uid).isEqualTo(uid.equals("h8") || uid.equals("h9"));
    }
  }

  @Test
  void nationalMultipleRuleFlagsAboveTwiceTheLevelAndNothingWithoutOne() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(LEVELS));
    ReferenceLevels levels = ReferenceLevels.of(p, "test").withLocalSettings(2, OutlierRule.parse("national:2"));
    Dataset<Row> studies = DoseTestRows.frame(DoseTestRows.STUDIES, List.of(
        head("a", "CT1", "SN1", null, 1580.0), head("b", "CT1", "SN1", null, 1581.0),
        study("c", "CT").set("study_description", "CT CHEST").set("events_dlp_sum_mgy_cm", 5000.0)));
    Map<String, Row> rows = DoseTestRows.byKey(DoseReferenceComparison.compute(studies,
        DoseTestRows.frame(DoseTestRows.EVENTS, List.of()), levels, "run-8"), "level_id", "study_instance_uid");
    assertThat((Double) rows.get("head-dlp/a").getAs("outlier_limit")).isEqualTo(1580.0);
    assertThat((Boolean) rows.get("head-dlp/a").getAs("outlier")).as("2 x 790 exactly").isFalse();
    assertThat((Boolean) rows.get("head-dlp/b").getAs("outlier")).isTrue();
    assertThat((Boolean) rows.get("chest-dlp/c").getAs("outlier")).as("local-only level").isNull();
  }

  @Test
  void theShippedUkFileSortsRealCodesAndDescriptions() {
    ReferenceLevels uk = ReferenceLevels.load(TestSpark.projectDir().resolve(Path.of("conf",
        "dose-reference-levels.properties")));
    Dataset<Row> studies = DoseTestRows.frame(DoseTestRows.STUDIES, List.of(
        study("head", "CT").set("study_description", "CT Head without contrast").set("events_dlp_sum_mgy_cm", 700.0),
        study("tos", "CT").set("events_dlp_sum_mgy_cm", 600.0),
        study("sie", "CT").set("protocols", List.of("Thorax routine")).set("events_dlp_sum_mgy_cm", 300.0),
        study("ge", "CT").set("events_dlp_sum_mgy_cm", 400.0),
        study("cap", "CT").set("study_description", "CT CHEST ABDO PELVIS").set("events_dlp_sum_mgy_cm", 650.0),
        study("first", "CT").set("protocols", List.of("Head First Abdomen")).set("events_dlp_sum_mgy_cm", 1.0),
        study("mg", "MG").set("target_regions", List.of("Breast"))));
    Dataset<Row> events = DoseTestRows.frame(DoseTestRows.EVENTS, List.of(
        event("t1", "tos", "CT").set("target_region_code", "SRT:R-FAB56"),
        event("s1", "sie", "CT").set("target_region_code", "SRT:T-D3000"),
        event("g1", "ge", "CT").set("target_region_code", "SRT:T-D4000"),
        event("m1", "mg", "MG").set("target_region_code", "SRT:T-04000").set("agd_mgy", 1.2)));
    Map<String, Row> rows = DoseTestRows.byKey(DoseReferenceComparison.compute(studies, events, uk, "run-9"),
        "study_instance_uid", "level_id", "event_key");
    assertThat(rows).containsOnlyKeys("head/uk-ct-head-dlp/null", "tos/uk-ct-chest-abdomen-pelvis-dlp/null",
        "sie/uk-ct-chest-dlp/null", "ge/uk-ct-abdomen-pelvis-dlp/null", "cap/uk-ct-chest-abdomen-pelvis-dlp/null",
        "first/uk-ct-abdomen-pelvis-dlp/null", "mg/local-mg-agd-per-view/m1");
    assertThat((Double) rows.get("head/uk-ct-head-dlp/null").getAs("national_drl")).isEqualTo(790.0);
    assertThat((String) rows.get("tos/uk-ct-chest-abdomen-pelvis-dlp/null").getAs("category"))
        .isEqualTo("CT chest, abdomen and pelvis");
    assertThat((Double) rows.get("cap/uk-ct-chest-abdomen-pelvis-dlp/null").getAs("national_drl")).isEqualTo(660.0);
    assertThat((Double) rows.get("mg/local-mg-agd-per-view/m1").getAs("national_drl")).isNull();
  }

  @Test
  void theShippedDefaultsLoadFromTheClasspath() {
    LakeConfig defaults = LakeConfig.defaults();
    ReferenceLevels shipped = ReferenceLevels.forConfig(defaults);
    assertThat(shipped.levels()).extracting(l -> l.id()).contains("uk-ct-head-dlp", "local-mg-agd-per-view");
    assertThat(shipped.minStudiesPerScanner()).isEqualTo(10);
    assertThat(shipped.outlierRule()).isEqualTo(OutlierRule.DEFAULT);
    assertThat(CumulativeWindows.forConfig(defaults).windows()).extracting(CumulativeWindows.Window::days)
        .containsExactly(84, 365, null);
    assertThat(AlertThresholds.forConfig(defaults)).isEqualTo(AlertThresholds.OPENREM_DEFAULTS);
  }

  @Test
  void schemaIsTheSchemaFile() {
    assertThat(DoseTestRows.columns(computed.schema()))
        .isEqualTo(DoseTestRows.columns(TableSchema.load("dose_reference_comparison").structType()));
  }
}
