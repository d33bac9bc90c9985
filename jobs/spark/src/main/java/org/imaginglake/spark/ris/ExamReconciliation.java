package org.imaginglake.spark.ris;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code exam_reconciliation}: every exam of the RIS matched to its DICOM study, and every study to its exam.
 *
 * <ol>
 *   <li><b>By accession</b>: an exam and a study with the same accession pseudonym (the same raw accession number
 *       under the same key) match; an accession with several studies gives one row per study.</li>
 *   <li><b>Fallback, patient + modality + time window</b>: among the exams and studies that step 1 left unmatched
 *       (a study without an accession number, or with one the RIS does not know), an exam and a study match when
 *       the patient pseudonyms are equal, the study's modalities include the exam's modality, and the study's first
 *       acquisition is within {@code window} of the exam's reference time (exam start, else scheduled, else ordered).
 *       Each is matched at most once: a pair is kept when it is the nearest in time for both the exam and the
 *       study.</li>
 *   <li>What is left: studies become rows with {@code images_without_order}; exams that were not cancelled and were
 *       not a no-show become rows with {@code order_without_images} (cancelled and no-show exams are rows with no
 *       flag).</li>
 * </ol>
 * {@code times_disagree} flags a matched pair whose first acquisition differs from the exam start, or last
 * acquisition from the exam end, by more than {@code tolerance}: a scanner clock that is off, or a technologist who
 * marks the exam started long before or after imaging. The table is recomputed whole: both inputs are one row per
 * exam and per study, small beside the instances.
 */
public final class ExamReconciliation {
  private ExamReconciliation() {}

  public static Dataset<Row> build(Dataset<Row> exams, Dataset<Row> studies, Duration window, Duration tolerance,
      String runId) {
    Dataset<Row> x = exams.select(col("accession_pseudo_id").as("x_accession"),
        col("patient_pseudo_id").as("x_patient"), col("modality").as("x_modality"), col("exam_started_at"),
        col("exam_completed_at"),
        coalesce(col("exam_started_at"), col("scheduled_at"), col("ordered_at")).as("x_reference_at"),
        col("cancelled_at").isNotNull().or(col("no_show_at").isNotNull()).as("x_not_performed"));
    Dataset<Row> s = studies.select(col("study_instance_uid"), col("accession_pseudo_id").as("s_accession"),
        col("patient_pseudo_id").as("s_patient"), col("modalities").as("s_modalities"),
        col("first_acquisition_at"), col("last_acquisition_at"));

    Dataset<Row> byAccession = x.join(s, x.col("x_accession").equalTo(s.col("s_accession")), "inner")
        .withColumn("match_method", lit("accession"));
    Dataset<Row> xLeft = x.join(byAccession.select(col("x_accession").as("m_accession")).distinct(),
        col("x_accession").equalTo(col("m_accession")), "left_anti");
    Dataset<Row> sLeft = s.join(byAccession.select(col("study_instance_uid").as("m_study")).distinct(),
        col("study_instance_uid").equalTo(col("m_study")), "left_anti");

    Column gap = abs(unix_micros(col("first_acquisition_at")).minus(unix_micros(col("x_reference_at"))));
    Dataset<Row> candidates = xLeft.join(sLeft, xLeft.col("x_patient").equalTo(sLeft.col("s_patient"))
            .and(array_contains(sLeft.col("s_modalities"), xLeft.col("x_modality")))
            .and(xLeft.col("x_reference_at").isNotNull()).and(sLeft.col("first_acquisition_at").isNotNull()))
        .withColumn("gap_us", gap)
        .filter(col("gap_us").leq(window.toNanos() / 1000));
    Dataset<Row> byWindow = candidates
        .withColumn("x_rank", row_number().over(Window.partitionBy("x_accession")
            .orderBy(col("gap_us"), col("study_instance_uid"))))
        .withColumn("s_rank", row_number().over(Window.partitionBy("study_instance_uid")
            .orderBy(col("gap_us"), col("x_accession"))))
        .filter(col("x_rank").equalTo(1).and(col("s_rank").equalTo(1)))
        .drop("gap_us", "x_rank", "s_rank")
        .withColumn("match_method", lit("patient_modality_window"));

    Dataset<Row> matched = byAccession.unionByName(byWindow);
    Dataset<Row> examsOnly = x.join(matched.select(col("x_accession").as("m_accession")).distinct(),
            col("x_accession").equalTo(col("m_accession")), "left_anti")
        .withColumn("match_method", lit("none"));
    Dataset<Row> studiesOnly = s.join(matched.select(col("study_instance_uid").as("m_study")).distinct(),
            col("study_instance_uid").equalTo(col("m_study")), "left_anti")
        .withColumn("match_method", lit("none"));

    Dataset<Row> all = matched.unionByName(examsOnly, true).unionByName(studiesOnly, true);
    Column startDiff = seconds(col("first_acquisition_at"), col("exam_started_at"));
    Column endDiff = seconds(col("last_acquisition_at"), col("exam_completed_at"));
    double tol = tolerance.toMillis() / 1000.0;
    return all
        .withColumn("start_difference_s", startDiff)
        .withColumn("end_difference_s", endDiff)
        .select(
            col("x_accession").as("accession_pseudo_id"),
            col("study_instance_uid"),
            coalesce(col("x_patient"), col("s_patient")).as("patient_pseudo_id"),
            coalesce(col("x_modality"), element_at(col("s_modalities"), 1)).as("modality"),
            col("match_method"),
            col("exam_started_at"), col("exam_completed_at"),
            col("first_acquisition_at"), col("last_acquisition_at"),
            col("start_difference_s"), col("end_difference_s"),
            col("x_accession").isNull().as("images_without_order"),
            col("study_instance_uid").isNull().and(coalesce(col("x_not_performed"), lit(false)).unary_$bang())
                .as("order_without_images"),
            coalesce(abs(col("start_difference_s")).gt(tol), lit(false))
                .or(coalesce(abs(col("end_difference_s")).gt(tol), lit(false))).as("times_disagree"),
            lit(runId).as("reconciled_run_id"));
  }

  /** {@code a - b} in seconds (microsecond precision), null when either is null. */
  private static Column seconds(Column a, Column b) {
    return when(a.isNotNull().and(b.isNotNull()), unix_micros(a).minus(unix_micros(b)).divide(1e6));
  }
}
