package org.imaginglake.spark.dose;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.dose.AlertThresholds;
import org.imaginglake.core.dose.CumulativeWindows;
import org.imaginglake.core.dose.ReferenceLevels;
import org.imaginglake.spark.ingest.TableWrites;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.lake.TableSchema;

/**
 * The dose part of ingest-dicom, on the rows a run loads (staging rows: instance columns plus the {@code dose}
 * struct of {@link DoseRows}):
 * <ol>
 *   <li>{@link #counts}: how many loaded files are dose reports, read or not, and how many images carry dose;</li>
 *   <li>{@link #reportRows}: the readable reports as {@code dose_reports} rows, and {@link #quarantineRows} those
 *       that could not be read (stage {@code dose-structure} or {@code dose-content}; the instance itself is
 *       loaded);</li>
 *   <li>{@link #recompute}, once those rows and the instances are in the lake: {@code dose_events} and
 *       {@code dose_studies} for every study the run touched with dose, from all the lake has about each
 *       ({@link DoseRollup});</li>
 *   <li>{@link #recomputeDerived}: {@code dose_reference_comparison} and {@code patient_cumulative_dose}.</li>
 * </ol>
 */
public final class DoseTables {
  private static final String[] HEADER_DOSE = {"ctdi_vol_mgy", "dap_gy_m2", "entrance_dose_mgy", "organ_dose_mgy"};

  private final Lake lake;
  private final ReferenceLevels levels;
  private final CumulativeWindows windows;
  private final AlertThresholds thresholds;

  /** Reads the reference levels, windows and thresholds now, so that a bad setting fails before any work. */
  public DoseTables(Lake lake, LakeConfig config) {
    this.lake = lake;
    this.levels = ReferenceLevels.forConfig(config);
    this.windows = CumulativeWindows.forConfig(config);
    this.thresholds = AlertThresholds.forConfig(config);
  }

  /** What a run's loaded files hold of dose. */
  public record Counts(long reports, long ct, long projection, long radiopharmaceutical, long failed,
      long imagesWithDose) {
    public boolean any() {
      return reports + failed + imagesWithDose > 0;
    }
  }

  /** One pass over the loaded rows (only the dose kind and header dose columns are read from staging). */
  public Counts counts(Dataset<Row> loaded) {
    Row c = loaded.agg(
            sum(when(col("dose.kind").isNotNull(), 1).otherwise(0)),
            sum(when(col("dose.kind").equalTo("CT"), 1).otherwise(0)),
            sum(when(col("dose.kind").equalTo("PROJECTION"), 1).otherwise(0)),
            sum(when(col("dose.kind").equalTo("RADIOPHARMACEUTICAL"), 1).otherwise(0)),
            sum(when(col("dose.error_stage").isNotNull(), 1).otherwise(0)),
            sum(when(hasHeaderDose(), 1).otherwise(0)),
            count(lit(1)))
        .first();
    if (c.getLong(6) == 0) {
      return new Counts(0, 0, 0, 0, 0, 0);
    }
    return new Counts(c.getLong(0), c.getLong(1), c.getLong(2), c.getLong(3), c.getLong(4), c.getLong(5));
  }

  /** An image (not an SR) with at least one dose attribute. */
  static Column hasHeaderDose() {
    Column any = lit(false);
    for (String c : HEADER_DOSE) {
      any = any.or(col(c).isNotNull());
    }
    return any.and(coalesce(col("modality"), lit("")).notEqual("SR"));
  }

  /** {@code dose_reports} rows of the loaded reports that could be read. */
  public static Dataset<Row> reportRows(Dataset<Row> loaded) {
    List<Column> cols = new ArrayList<>();
    for (String c : TableSchema.load(LakeTables.DOSE_REPORTS).columnNames()) {
      if (DoseRows.CONTENT_COLUMNS.contains(c)) {
        cols.add(col("dose." + c).as(c));
      } else if ("header_modality".equals(c)) {
        cols.add(col("modality").as(c));
      } else {
        cols.add(col(c));
      }
    }
    return loaded.filter(col("dose.kind").isNotNull()).select(cols.toArray(new Column[0]));
  }

  /** {@code quarantine} rows of the loaded reports whose dose content could not be read. */
  public static Dataset<Row> quarantineRows(Dataset<Row> loaded, String job, Instant at) {
    return loaded.filter(col("dose.error_stage").isNotNull())
        .select(col("source_path"), lit("dicom-sr").as("source_kind"), col("dose.error_stage").as("stage"),
            col("dose.error_reason").as("reason"), col("source_size_bytes"), col("source_modified_at"),
            lit(job).as("job"), col("run_id"), lit(at).as("recorded_at"));
  }

  /** Studies of the loaded rows that have dose (a report read, or an image with dose attributes). */
  public static Dataset<Row> touchedStudies(Dataset<Row> loaded) {
    return loaded.filter(col("dose.kind").isNotNull().or(hasHeaderDose()))
        .select(col("study_instance_uid").as("touched_uid")).distinct();
  }

  /**
   * Recomputes {@code dose_reference_comparison} and {@code patient_cumulative_dose} whole from the lake's
   * {@code dose_studies} and {@code dose_events}: local reference levels are percentiles over every scanner, and a
   * patient's windows span studies of many runs. Both are small beside the instances; the work runs on the executors.
   */
  public void recomputeDerived(String runId) {
    Dataset<Row> studies = lake.read(LakeTables.DOSE_STUDIES);
    Dataset<Row> events = lake.read(LakeTables.DOSE_EVENTS);
    // two independent Delta commits, most of their time spent waiting: side by side
    TableWrites.inParallel(List.of(
        () -> lake.overwrite(LakeTables.DOSE_REFERENCE_COMPARISON,
            DoseReferenceComparison.compute(studies, events, levels, runId)),
        () -> lake.overwrite(LakeTables.PATIENT_CUMULATIVE_DOSE,
            CumulativeDose.compute(studies, windows, thresholds, runId))));
  }

  /**
   * Recomputes {@code dose_events} and {@code dose_studies} for {@code touched} studies (column touched_uid) from
   * the lake's {@code dose_reports} and {@code dicom_instances}, and writes both. Returns the number of studies and
   * events written.
   */
  public long[] recompute(Dataset<Row> touchedStudies, String runId) {
    // a run touches few studies next to the lake's instances: ship them to every task rather than shuffle the tables
    Dataset<Row> touched = broadcast(touchedStudies);
    Dataset<Row> reports = lake.read(LakeTables.DOSE_REPORTS);
    reports = reports.join(touched, reports.col("study_instance_uid").equalTo(touched.col("touched_uid")),
        "left_semi");
    Dataset<Row> instances = lake.read(LakeTables.DICOM_INSTANCES);
    instances = instances.join(touched, instances.col("study_instance_uid").equalTo(touched.col("touched_uid")),
        "left_semi").filter(hasHeaderDose());

    List<Column> imageCols = new ArrayList<>();
    for (String c : DoseRollup.IMAGE_COLUMNS) {
      imageCols.add(col(c));
    }
    Column reportStruct = struct(Arrays.stream(reports.columns()).map(c -> col(c)).toArray(Column[]::new));
    Dataset<Row> images = instances.select(col("study_instance_uid"),
        struct(imageCols.toArray(new Column[0])).as(DoseRollup.IMAGE));
    Dataset<Row> fromReports = reports.select(col("study_instance_uid"), reportStruct.as(DoseRollup.REPORT),
        lit(null).cast(images.schema().apply(DoseRollup.IMAGE).dataType()).as(DoseRollup.IMAGE));
    Dataset<Row> fromImages = images.select(col("study_instance_uid"),
        lit(null).cast(fromReports.schema().apply(DoseRollup.REPORT).dataType()).as(DoseRollup.REPORT),
        col(DoseRollup.IMAGE));
    Dataset<Row> inputs = fromReports.unionByName(fromImages);

    Dataset<Row> rolled = inputs
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new DoseRollup(runId), Encoders.row(DoseRollup.outputType()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> studies = rolled.select(col("study.*"));
      Dataset<Row> events = rolled.select(explode(col("events")).as("e")).select(col("e.*"));
      long studyCount = studies.count();
      long eventCount = events.count();
      TableWrites.inParallel(List.of(() -> lake.upsert(LakeTables.DOSE_STUDIES, studies, true),
          () -> lake.replaceGroups(LakeTables.DOSE_EVENTS, events, "study_instance_uid")));
      return new long[] {studyCount, eventCount};
    } finally {
      rolled.unpersist();
    }
  }
}
