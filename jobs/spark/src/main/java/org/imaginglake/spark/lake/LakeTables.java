package org.imaginglake.spark.lake;

import java.util.List;

/** Names of the lake's tables; each is a Delta table in {@code <lake>/<name>} with {@code schemas/<name>.json}. */
public final class LakeTables {
  public static final String DICOM_INSTANCES = "dicom_instances";
  public static final String DICOM_SERIES = "dicom_series";
  public static final String DICOM_STUDIES = "dicom_studies";
  public static final String DICOM_FILES = "dicom_files";
  public static final String DICOM_DUPLICATES = "dicom_duplicates";
  public static final String QUARANTINE = "quarantine";
  public static final String PIPELINE_RUNS = "pipeline_runs";
  public static final String RIS_EVENTS = "ris_events";
  public static final String RIS_MESSAGES = "ris_messages";
  public static final String RIS_DUPLICATES = "ris_duplicates";
  public static final String RIS_FILES = "ris_files";
  public static final String EXAMS = "exams";
  public static final String EXAM_RECONCILIATION = "exam_reconciliation";
  public static final String DOSE_REPORTS = "dose_reports";
  public static final String DOSE_EVENTS = "dose_events";
  public static final String DOSE_STUDIES = "dose_studies";
  public static final String DOSE_REFERENCE_COMPARISON = "dose_reference_comparison";
  public static final String PATIENT_CUMULATIVE_DOSE = "patient_cumulative_dose";

  /** Every table that has a schema file. */
  public static final List<String> ALL = List.of(DICOM_INSTANCES, DICOM_SERIES, DICOM_STUDIES, DICOM_FILES,
      DICOM_DUPLICATES, QUARANTINE, PIPELINE_RUNS, RIS_EVENTS, RIS_MESSAGES, RIS_DUPLICATES, RIS_FILES, EXAMS,
      EXAM_RECONCILIATION, DOSE_REPORTS, DOSE_EVENTS, DOSE_STUDIES, DOSE_REFERENCE_COMPARISON,
      PATIENT_CUMULATIVE_DOSE);

  private LakeTables() {}
}
