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

  /** Every table that has a schema file. */
  public static final List<String> ALL = List.of(DICOM_INSTANCES, DICOM_SERIES, DICOM_STUDIES, DICOM_FILES,
      DICOM_DUPLICATES, QUARANTINE, PIPELINE_RUNS);

  private LakeTables() {}
}
