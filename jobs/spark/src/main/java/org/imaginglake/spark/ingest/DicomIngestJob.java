package org.imaginglake.spark.ingest;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.util.LongAccumulator;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.runs.RunCounts;

/**
 * ingest-dicom: DICOM files under the given paths into {@code dicom_instances}, with {@code dicom_series},
 * {@code dicom_studies}, {@code dicom_files}, {@code dicom_duplicates} and {@code quarantine} kept consistent.
 *
 * <p>Steps, and where the work happens:
 * <ol>
 *   <li>list the inputs on the driver (path, size, modification time only);</li>
 *   <li>anti-join with {@code dicom_files} so that unchanged files are not read again;</li>
 *   <li>parse headers on the executors ({@link DicomParsePartition}), {@code ingest.files-per-task} files per task,
 *       into a Parquet staging folder of the run — each file is read once;</li>
 *   <li>classify parsed rows: first file per SOP Instance UID in this run wins (by path); a UID already in the lake
 *       from another path is a duplicate; the rest is loaded by MERGE on {@code sop_instance_uid};</li>
 *   <li>record duplicates, quarantined files and every file's outcome (MERGE on their keys);</li>
 *   <li>recompute {@code dicom_series} and {@code dicom_studies} for the studies this run touched.</li>
 * </ol>
 * Nothing is collected to the driver but counts. Re-running on the same input reads nothing and changes nothing.
 */
public final class DicomIngestJob {
  public static final String NAME = "ingest-dicom";

  private final SparkSession spark;
  private final Lake lake;
  private final LakeConfig config;
  private final Pseudonymizer pseudonymizer;
  private final PrintStream progress;
  private final PhaseTimes phases = new PhaseTimes();

  public DicomIngestJob(SparkSession spark, Lake lake, LakeConfig config, Pseudonymizer pseudonymizer,
      PrintStream progress) {
    this.spark = spark;
    this.lake = lake;
    this.config = config;
    this.pseudonymizer = pseudonymizer;
    this.progress = progress;
  }

  /** Runs the ingest for {@code inputs} as run {@code runId}; returns the run's counts. */
  public RunCounts run(String runId, List<String> inputs) {
    phases.restart();
    Instant ingestedAt = Instant.now();
    List<Row> listing = FileListing.list(spark.sparkContext().hadoopConfiguration(), inputs, progress);
    long listed = listing.size();
    progress.printf("  listed %,d files under %d path(s)%n", listed, inputs.size());
    phases.lap("list");

    Dataset<Row> all = spark.createDataFrame(listing, FileListing.SCHEMA);
    Dataset<Row> toRead = newOrChanged(all);
    int filesPerTask = config.getInt(LakeConfig.INGEST_FILES_PER_TASK, LakeConfig.INGEST_FILES_PER_TASK_DEFAULT);
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
        Math.min(10_000, (listed + filesPerTask - 1) / filesPerTask));

    LongAccumulator done = spark.sparkContext().longAccumulator("dicom files read");
    DicomParsePartition parse = new DicomParsePartition(
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration()), pseudonymizer,
        config.siteTimeZone(),
        config.getLong(LakeConfig.INGEST_MAX_HEADER_BYTES, LakeConfig.INGEST_MAX_HEADER_BYTES_DEFAULT),
        runId, ingestedAt, done);
    String stagingPath = lake.stagingPath(runId, "parsed");
    long parseStart = System.nanoTime();
    try (AutoCloseable ticker = progressTicker(done, listed, parseStart)) {
      toRead.repartition(partitions)
          .mapPartitions(parse, Encoders.row(DicomParsePartition.stagingSchema()))
          .write().mode("overwrite").parquet(stagingPath);
    } catch (Exception e) {
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
    phases.lap("parse+staging");
    Dataset<Row> staged = spark.read().schema(DicomParsePartition.stagingSchema()).parquet(stagingPath);

    Dataset<Row> classified = classify(staged.filter(col("outcome").equalTo(DicomParsePartition.PARSED)));
    String classifiedPath = lake.stagingPath(runId, "classified");
    classified.write().mode("overwrite").parquet(classifiedPath);
    classified = spark.read().parquet(classifiedPath);
    Dataset<Row> quarantined = staged.filter(col("outcome").equalTo(DicomParsePartition.QUARANTINED));

    Row c = classified.agg(
            count(lit(1)),
            sum(when(col("outcome").equalTo("loaded"), 1).otherwise(0)),
            sum(when(col("outcome").equalTo("duplicate"), 1).otherwise(0)))
        .first();
    long parsedCount = c.getLong(0);
    long loaded = parsedCount == 0 ? 0 : c.getLong(1);
    long duplicates = parsedCount == 0 ? 0 : c.getLong(2);
    long quarantinedCount = quarantined.count();
    long read = parsedCount + quarantinedCount;
    progress.printf("  read %,d files in %.1f s; writing tables...%n", read, (System.nanoTime() - parseStart) / 1e9);
    phases.lap("classify");

    Dataset<Row> toLoad = classified.filter(col("outcome").equalTo("loaded"));
    lake.upsert(LakeTables.DICOM_INSTANCES, toLoad, true);
    phases.lap(LakeTables.DICOM_INSTANCES);
    lake.upsert(LakeTables.DICOM_DUPLICATES, duplicateRows(classified, runId, ingestedAt), true);
    phases.lap(LakeTables.DICOM_DUPLICATES);
    lake.upsert(LakeTables.QUARANTINE, quarantineRows(quarantined, ingestedAt), false);
    phases.lap(LakeTables.QUARANTINE);
    updateDerived(toLoad, runId);
    lake.upsert(LakeTables.DICOM_FILES, fileRows(classified, quarantined, ingestedAt), true);
    phases.lap(LakeTables.DICOM_FILES);
    lake.deleteStaging(runId);
    phases.lap("cleanup");
    return new RunCounts(read, loaded, duplicates, quarantinedCount, listed - read);
  }

  /** Where the last {@link #run} spent its time, step by step. */
  public PhaseTimes phases() {
    return phases;
  }

  /** Listed files whose path is new, or whose size or modification time differ from the last read. */
  private Dataset<Row> newOrChanged(Dataset<Row> all) {
    if (!lake.exists(LakeTables.DICOM_FILES)) {
      return all;
    }
    Dataset<Row> seen = lake.read(LakeTables.DICOM_FILES)
        .select(col("source_path").as("seen_path"), col("source_size_bytes").as("seen_size"),
            col("source_modified_at").as("seen_mtime"));
    return all.join(seen, all.col("source_path").equalTo(seen.col("seen_path"))
            .and(all.col("source_size_bytes").equalTo(seen.col("seen_size")))
            .and(all.col("source_modified_at").equalTo(seen.col("seen_mtime"))), "left_anti");
  }

  /**
   * Adds {@code outcome} (loaded | duplicate) and {@code kept_source_path} to parsed rows: the smallest path wins
   * among this run's files with one SOP Instance UID; a UID the lake has from another path stays with that path.
   */
  private Dataset<Row> classify(Dataset<Row> parsed) {
    Dataset<Row> ranked = parsed.drop("outcome", "stage", "reason")
        .withColumn("rank_in_run", row_number().over(
            Window.partitionBy(col("sop_instance_uid")).orderBy(col("source_path"))))
        .withColumn("run_winner_path", first(col("source_path")).over(
            Window.partitionBy(col("sop_instance_uid")).orderBy(col("source_path"))));
    Dataset<Row> existing = lake.read(LakeTables.DICOM_INSTANCES)
        .select(col("sop_instance_uid").as("existing_uid"), col("source_path").as("existing_path"));
    Dataset<Row> joined = ranked.join(existing, ranked.col("sop_instance_uid").equalTo(existing.col("existing_uid")),
        "left");
    return joined
        .withColumn("kept_source_path", coalesce(col("existing_path"), col("run_winner_path")))
        .withColumn("outcome", when(col("rank_in_run").equalTo(1)
                .and(col("existing_path").isNull().or(col("existing_path").equalTo(col("source_path")))), "loaded")
            .otherwise("duplicate"))
        .drop("rank_in_run", "run_winner_path", "existing_uid", "existing_path");
  }

  private static Dataset<Row> duplicateRows(Dataset<Row> classified, String runId, Instant at) {
    return classified.filter(col("outcome").equalTo("duplicate"))
        .select(col("sop_instance_uid"), col("source_path"), col("kept_source_path"), col("source_size_bytes"),
            lit(runId).as("run_id"), lit(at).as("recorded_at"));
  }

  private static Dataset<Row> quarantineRows(Dataset<Row> quarantined, Instant at) {
    return quarantined.select(col("source_path"), col("source_kind"), col("stage"), col("reason"),
        col("source_size_bytes"), col("source_modified_at"), lit(NAME).as("job"), col("run_id"),
        lit(at).as("recorded_at"));
  }

  private static Dataset<Row> fileRows(Dataset<Row> classified, Dataset<Row> quarantined, Instant at) {
    Dataset<Row> parsed = classified.select(col("source_path"), col("source_size_bytes"), col("source_modified_at"),
        col("outcome"), col("sop_instance_uid"), col("run_id"), lit(at).as("recorded_at"));
    Dataset<Row> bad = quarantined.select(col("source_path"), col("source_size_bytes"), col("source_modified_at"),
        lit("quarantined").as("outcome"), lit(null).cast("string").as("sop_instance_uid"), col("run_id"),
        lit(at).as("recorded_at"));
    return parsed.unionByName(bad);
  }

  /** Recomputes series and study rows for every study that has an instance loaded by this run. */
  private void updateDerived(Dataset<Row> loadedRows, String runId) {
    Dataset<Row> touched = loadedRows.select(col("study_instance_uid").as("touched_uid")).distinct();
    Dataset<Row> instances = lake.read(LakeTables.DICOM_INSTANCES);
    Dataset<Row> inTouched = instances.join(touched,
        instances.col("study_instance_uid").equalTo(touched.col("touched_uid")), "left_semi");

    Dataset<Row> series = inTouched.groupBy("series_instance_uid").agg(
        first(col("study_instance_uid"), true).as("study_instance_uid"),
        mode(col("modality")).as("modality"),
        min(col("series_number")).as("series_number"),
        first(col("series_description"), true).as("series_description"),
        first(col("body_part_examined"), true).as("body_part_examined"),
        first(col("protocol_name"), true).as("protocol_name"),
        first(col("station_name"), true).as("station_name"),
        first(col("manufacturer"), true).as("manufacturer"),
        first(col("manufacturer_model_name"), true).as("manufacturer_model_name"),
        first(col("device_serial_number"), true).as("device_serial_number"),
        count(lit(1)).as("instance_count"),
        sum(coalesce(col("number_of_frames"), lit(1))).cast("bigint").as("frame_count"),
        min(col("acquisition_datetime")).as("first_acquisition_at"),
        max(col("acquisition_datetime")).as("last_acquisition_at"),
        min(col("series_datetime")).as("series_datetime"))
        .withColumn("updated_run_id", lit(runId));
    lake.upsert(LakeTables.DICOM_SERIES, series, true);
    phases.lap(LakeTables.DICOM_SERIES);

    Dataset<Row> studies = inTouched.groupBy("study_instance_uid").agg(
        first(col("patient_pseudo_id"), true).as("patient_pseudo_id"),
        first(col("accession_pseudo_id"), true).as("accession_pseudo_id"),
        min(col("study_date")).as("study_date"),
        min(col("study_datetime")).as("study_datetime"),
        first(col("study_description"), true).as("study_description"),
        array_sort(collect_set(col("modality"))).as("modalities"),
        first(col("institution_name"), true).as("institution_name"),
        array_sort(collect_set(col("station_name"))).as("station_names"),
        array_sort(collect_set(col("manufacturer"))).as("manufacturers"),
        array_sort(collect_set(col("device_serial_number"))).as("device_serial_numbers"),
        first(col("patient_sex"), true).as("patient_sex"),
        first(col("patient_age_years"), true).as("patient_age_years"),
        countDistinct(col("series_instance_uid")).as("series_count"),
        count(lit(1)).as("instance_count"),
        min(col("acquisition_datetime")).as("first_acquisition_at"),
        max(col("acquisition_datetime")).as("last_acquisition_at"))
        .withColumn("updated_run_id", lit(runId));
    lake.upsert(LakeTables.DICOM_STUDIES, studies, true);
    phases.lap(LakeTables.DICOM_STUDIES);
  }

  private AutoCloseable progressTicker(LongAccumulator done, long total, long startNanos) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> {
      long n = done.value();
      double secs = (System.nanoTime() - startNanos) / 1e9;
      progress.printf("  reading headers: %,d of at most %,d files (%.0f files/s)%n", n, total, n / secs);
    }, 5, 5, TimeUnit.SECONDS);
    return ticker::shutdownNow;
  }
}
