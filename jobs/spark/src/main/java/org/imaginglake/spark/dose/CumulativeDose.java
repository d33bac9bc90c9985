package org.imaginglake.spark.dose;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.imaginglake.core.dose.AlertThresholds;
import org.imaginglake.core.dose.CumulativeWindows;

/**
 * {@code patient_cumulative_dose}: per patient, for each of the patient's study dates and each window, the dose summed
 * over the patient's studies dated within the window that ends on that date.
 *
 * <p>Studies without {@code patient_pseudo_id} or {@code study_date} are left out: they cannot be put on a patient's
 * time line. A window of N days ending on day D holds the studies dated D - N to D, both included (OpenREM's range);
 * lifetime holds every earlier study. Sums: CT DLP ({@code events_dlp_sum_mgy_cm}, else {@code total_dlp_mgy_cm}),
 * {@code total_dap_gy_m2} and {@code total_dose_rp_gy}; a sum is null when no study of the window has the value.
 * An alert is raised when a sum is at or above its threshold ({@link AlertThresholds}).
 *
 * <p>Cost: one group-by to one row per patient and date, then one window per configured window, partitioned by
 * patient and ordered by day number with {@code rangeBetween(-N, 0)} (a shuffle by patient each, on the executors).
 */
public final class CumulativeDose {
  private CumulativeDose() {}

  public static Dataset<Row> compute(Dataset<Row> doseStudies, CumulativeWindows windows, AlertThresholds thresholds,
      String runId) {
    Dataset<Row> days = doseStudies
        .filter(col("patient_pseudo_id").isNotNull().and(col("study_date").isNotNull()))
        .groupBy(col("patient_pseudo_id"), col("study_date"))
        .agg(count(lit(1)).as("studies"),
            sum(coalesce(col("events_dlp_sum_mgy_cm"), col("total_dlp_mgy_cm"))).as("dlp"),
            sum(col("total_dap_gy_m2")).as("dap"),
            sum(col("total_dose_rp_gy")).as("dose_rp"))
        .withColumn("day", unix_date(col("study_date")));

    Dataset<Row> out = null;
    for (CumulativeWindows.Window w : windows.windows()) {
      WindowSpec spec = Window.partitionBy(col("patient_pseudo_id")).orderBy(col("day"))
          .rangeBetween(w.lifetime() ? Window.unboundedPreceding() : -w.days(), Window.currentRow());
      Dataset<Row> one = days.select(
          col("patient_pseudo_id"),
          lit(w.label()).as("window"),
          lit(w.days()).cast("int").as("window_days"),
          col("study_date").as("window_end_date"),
          w.lifetime() ? lit(null).cast("date").as("window_start_date")
              : date_sub(col("study_date"), w.days()).as("window_start_date"),
          min(col("study_date")).over(spec).as("first_study_date"),
          col("study_date").as("last_study_date"),
          sum(col("studies")).over(spec).as("number_of_studies"),
          sum(col("dlp")).over(spec).as("ct_dlp_sum_mgy_cm"),
          sum(col("dap")).over(spec).as("dap_sum_gy_m2"),
          sum(col("dose_rp")).over(spec).as("dose_rp_sum_gy"));
      out = out == null ? one : out.unionByName(one);
    }
    return out.select(
        col("patient_pseudo_id"), col("window"), col("window_days"), col("window_end_date"),
        col("window_start_date"), col("first_study_date"), col("last_study_date"), col("number_of_studies"),
        col("ct_dlp_sum_mgy_cm"), col("dap_sum_gy_m2"), col("dose_rp_sum_gy"),
        alert(col("ct_dlp_sum_mgy_cm"), thresholds.ctDlpMgyCm()).as("ct_dlp_alert"),
        lit(thresholds.ctDlpMgyCm()).cast("double").as("ct_dlp_alert_threshold_mgy_cm"),
        alert(col("dap_sum_gy_m2"), thresholds.dapGyM2()).as("dap_alert"),
        lit(thresholds.dapGyM2()).cast("double").as("dap_alert_threshold_gy_m2"),
        alert(col("dose_rp_sum_gy"), thresholds.doseRpGy()).as("dose_rp_alert"),
        lit(thresholds.doseRpGy()).cast("double").as("dose_rp_alert_threshold_gy"),
        lit(runId).as("computed_run_id"));
  }

  /** At or above the threshold; false without a threshold or a sum. */
  private static Column alert(Column sum, Double threshold) {
    return threshold == null ? lit(false) : coalesce(when(sum.isNotNull(), sum.geq(threshold)), lit(false));
  }
}
