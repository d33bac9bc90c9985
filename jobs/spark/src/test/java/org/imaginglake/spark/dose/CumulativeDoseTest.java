package org.imaginglake.spark.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.imaginglake.spark.dose.DoseTestRows.study;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.imaginglake.core.dose.AlertThresholds;
import org.imaginglake.core.dose.CumulativeWindows;
import org.imaginglake.spark.lake.TableSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Window sums, alerts at and above their thresholds, and who is left out, worked out by hand below. */
class CumulativeDoseTest {
  static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);

  static Map<String, Row> byKey;
  static Dataset<Row> studies;
  static Dataset<Row> computed;

  static LocalDate day(int n) {
    return DAY0.plusDays(n);
  }

  static DoseTestRows.R s(String uid, String patient, Integer day, Double dapGyM2, Double doseRpGy) {
    return study(uid, "RF").set("patient_pseudo_id", patient).set("study_date", day == null ? null : day(day))
        .set("total_dap_gy_m2", dapGyM2).set("total_dose_rp_gy", doseRpGy);
  }

  @BeforeAll
  static void compute() {
    studies = DoseTestRows.frame(DoseTestRows.STUDIES, List.of(
        s("a0", "p1", 0, 0.01, 1.0),
        s("a50", "p1", 50, 0.01, 1.0),
        study("a100ct", "CT").set("patient_pseudo_id", "p1").set("study_date", day(100))
            .set("events_dlp_sum_mgy_cm", 500.0).set("total_dlp_mgy_cm", 480.0),    // the event sum wins
        s("a100rf", "p1", 100, 0.005, 0.5),
        study("a400ct", "CT").set("patient_pseudo_id", "p1").set("study_date", day(400))
            .set("total_dlp_mgy_cm", 300.0),                                         // no event sum: the total
        s("nodate", "p1", null, 1.0, 10.0),                                          // no date: left out
        s("anon", null, 50, 1.0, 10.0),                                              // no pseudonym: left out
        // Window edges: 84 days back is inside 12w, 85 days back is not.
        s("b0", "p2", 0, 0.01, null), s("b84", "p2", 84, 0.01, null),
        s("c0", "p3", 0, 0.01, null), s("c85", "p3", 85, 0.01, null)));
    computed = CumulativeDose.compute(studies, CumulativeWindows.parse("12w,1y,lifetime"),
        new AlertThresholds(0.02, 2.0, 600.0), "run-3");
    byKey = DoseTestRows.byKey(computed, "patient_pseudo_id", "window", "window_end_date");
  }

  static Row at(String patient, String window, int day) {
    Row r = byKey.get(patient + "/" + window + "/" + day(day));
    assertThat(r).as(patient + " " + window + " day " + day).isNotNull();
    return r;
  }

  @Test
  void oneRowPerPatientWindowAndStudyDateLeavingOutRowsWithoutPatientOrDate() {
    // p1 has 4 study dates (0, 50, 100, 400), p2 and p3 two each: 8 dates x 3 windows.
    assertThat(byKey).hasSize(24);
    assertThat(byKey.keySet()).noneMatch(k -> k.startsWith("null/"));
    assertThat((Long) at("p1", "lifetime", 400).getAs("number_of_studies")).as("nodate is not counted")
        .isEqualTo(5L);
  }

  @Test
  void twelveWeekWindowSums() {
    // Day 0: only a0.
    Row d0 = at("p1", "12w", 0);
    assertThat((Double) d0.getAs("dap_sum_gy_m2")).isEqualTo(0.01);
    assertThat((Double) d0.getAs("dose_rp_sum_gy")).isEqualTo(1.0);
    assertThat((Double) d0.getAs("ct_dlp_sum_mgy_cm")).isNull();
    assertThat((Long) d0.getAs("number_of_studies")).isEqualTo(1L);
    assertThat((Integer) d0.getAs("window_days")).isEqualTo(84);
    assertThat((LocalDate) d0.getAs("window_start_date")).isEqualTo(day(-84));
    // Day 50: a0 + a50 = 0.01 + 0.01 = 0.02 Gy.m2 and 1 + 1 = 2 Gy, exactly at both thresholds: alert.
    Row d50 = at("p1", "12w", 50);
    assertThat((Double) d50.getAs("dap_sum_gy_m2")).isEqualTo(0.02);
    assertThat((Double) d50.getAs("dose_rp_sum_gy")).isEqualTo(2.0);
    assertThat((Boolean) d50.getAs("dap_alert")).isTrue();
    assertThat((Boolean) d50.getAs("dose_rp_alert")).isTrue();
    assertThat((LocalDate) d50.getAs("first_study_date")).isEqualTo(day(0));
    // Day 100: window days 16..100 holds a50, a100ct, a100rf: DAP 0.015, RP 1.5, DLP 500 (below 600): no alert.
    Row d100 = at("p1", "12w", 100);
    assertThat((Double) d100.getAs("dap_sum_gy_m2")).isCloseTo(0.015, within(1e-15));
    assertThat((Double) d100.getAs("dose_rp_sum_gy")).isEqualTo(1.5);
    assertThat((Double) d100.getAs("ct_dlp_sum_mgy_cm")).isEqualTo(500.0);
    assertThat((Long) d100.getAs("number_of_studies")).isEqualTo(3L);
    assertThat((LocalDate) d100.getAs("first_study_date")).isEqualTo(day(50));
    assertThat((LocalDate) d100.getAs("last_study_date")).isEqualTo(day(100));
    assertThat((Boolean) d100.getAs("dap_alert")).isFalse();
    assertThat((Boolean) d100.getAs("dose_rp_alert")).isFalse();
    assertThat((Boolean) d100.getAs("ct_dlp_alert")).isFalse();
    // Day 400: only a400ct, DLP from its stated total; no DAP in the window: null, no alert.
    Row d400 = at("p1", "12w", 400);
    assertThat((Double) d400.getAs("ct_dlp_sum_mgy_cm")).isEqualTo(300.0);
    assertThat((Double) d400.getAs("dap_sum_gy_m2")).isNull();
    assertThat((Boolean) d400.getAs("dap_alert")).isFalse();
  }

  @Test
  void windowEdgesAreIncluded() {
    assertThat((Double) at("p2", "12w", 84).getAs("dap_sum_gy_m2")).as("day 0 is 84 days back").isEqualTo(0.02);
    assertThat((Boolean) at("p2", "12w", 84).getAs("dap_alert")).isTrue();
    assertThat((Double) at("p3", "12w", 85).getAs("dap_sum_gy_m2")).as("day 0 is 85 days back").isEqualTo(0.01);
    assertThat((Boolean) at("p3", "12w", 85).getAs("dap_alert")).isFalse();
  }

  @Test
  void yearAndLifetimeWindows() {
    // 1y at day 100 (days -265..100): every study so far: DAP 0.025 and RP 2.5, above the thresholds.
    Row y100 = at("p1", "1y", 100);
    assertThat((Double) y100.getAs("dap_sum_gy_m2")).isCloseTo(0.025, within(1e-15));
    assertThat((Double) y100.getAs("dose_rp_sum_gy")).isEqualTo(2.5);
    assertThat((Boolean) y100.getAs("dap_alert")).isTrue();
    assertThat((Boolean) y100.getAs("dose_rp_alert")).isTrue();
    // 1y at day 400 (days 35..400): a50, a100ct, a100rf, a400ct: DLP 500 + 300 = 800 >= 600: CT DLP alert.
    Row y400 = at("p1", "1y", 400);
    assertThat((Double) y400.getAs("ct_dlp_sum_mgy_cm")).isEqualTo(800.0);
    assertThat((Boolean) y400.getAs("ct_dlp_alert")).isTrue();
    assertThat((Double) y400.getAs("ct_dlp_alert_threshold_mgy_cm")).isEqualTo(600.0);
    assertThat((Long) y400.getAs("number_of_studies")).isEqualTo(4L);
    assertThat((LocalDate) y400.getAs("first_study_date")).isEqualTo(day(50));
    // Lifetime at day 400: everything dated.
    Row l400 = at("p1", "lifetime", 400);
    assertThat((Integer) l400.getAs("window_days")).isNull();
    assertThat((LocalDate) l400.getAs("window_start_date")).isNull();
    assertThat((LocalDate) l400.getAs("first_study_date")).isEqualTo(day(0));
    assertThat((Double) l400.getAs("dap_sum_gy_m2")).isCloseTo(0.025, within(1e-15));
    assertThat((Double) l400.getAs("ct_dlp_sum_mgy_cm")).isEqualTo(800.0);
    assertThat((Double) l400.getAs("dap_alert_threshold_gy_m2")).isEqualTo(0.02);
    assertThat((Double) l400.getAs("dose_rp_alert_threshold_gy")).isEqualTo(2.0);
    assertThat((String) l400.getAs("computed_run_id")).isEqualTo("run-3");
  }

  @Test
  void withoutACtDlpThresholdThereIsNoCtDlpAlert() {
    Map<String, Row> rows = DoseTestRows.byKey(CumulativeDose.compute(studies, CumulativeWindows.parse("lifetime"),
        AlertThresholds.OPENREM_DEFAULTS, "run-4"), "patient_pseudo_id", "window", "window_end_date");
    Row l400 = rows.get("p1/lifetime/" + day(400));
    assertThat((Double) l400.getAs("ct_dlp_sum_mgy_cm")).isEqualTo(800.0);
    assertThat((Boolean) l400.getAs("ct_dlp_alert")).isFalse();
    assertThat((Double) l400.getAs("ct_dlp_alert_threshold_mgy_cm")).isNull();
    assertThat(rows).hasSize(8);
  }

  @Test
  void schemaIsTheSchemaFile() {
    assertThat(DoseTestRows.columns(computed.schema()))
        .isEqualTo(DoseTestRows.columns(TableSchema.load("patient_cumulative_dose").structType()));
  }
}
