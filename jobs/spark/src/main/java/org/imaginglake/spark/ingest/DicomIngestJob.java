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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.spark.dose.DoseTables;
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
 *   <li>join the listing with {@code dicom_files} on the executors, so that unchanged files are not read again; when
 *       nothing is new or changed the run ends here, having written nothing;</li>
 *   <li>parse headers on the executors ({@link DicomParsePartition}), {@code ingest.files-per-task} files per task,
 *       into a Parquet staging folder of the run — each file is read once. Meanwhile, tables the lake lacks are
 *       created on driver threads;</li>
 *   <li>classify every file on narrow rows (keys only, never the header JSON): quarantined; or the first file per
 *       SOP Instance UID in this run (by path) unless the lake has that UID from another path; or duplicate;</li>
 *   <li>write the tables, independent ones side by side: loaded rows into {@code dicom_instances} (MERGE on
 *       {@code sop_instance_uid}; an insert-only MERGE when no UID is in the lake already; an append into a table
 *       created by this run), duplicates and quarantined files, and {@code dicom_series} and {@code dicom_studies}
 *       recomputed for the studies this run touched; then, last, every file's outcome into {@code dicom_files}.
 *       Tables with nothing to write are not touched.</li>
 * </ol>
 * Nothing comes back to the driver but counts; the driver holds the listing (path, size, time per file) and nothing
 * that grows with the lake. Re-running on the same input reads nothing and changes nothing.
 *
 * <p>Cost on 2 local cores: reading headers is most of a large run; a run also has a fixed cost of a few seconds,
 * mostly Delta commits (about half a second each) and Spark planning (docs/benchmarks.md).
 */
public final class DicomIngestJob {
  public static final String NAME = "ingest-dicom";
  private static final String LOADED = "loaded";
  private static final String DUPLICATE = "duplicate";
  private static final long STAGING_ROW_GROUP_BYTES = 32L << 20;

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
    DoseTables doseTables = new DoseTables(lake, config);
    List<Row> listing = FileListing.list(spark.sparkContext().hadoopConfiguration(), inputs, progress);
    long listed = listing.size();
    progress.printf("  listed %,d files under %d path(s)%n", listed, inputs.size());
    phases.lap("list");

    SourceRegistry.ToRead toRead = new SourceRegistry(spark, lake, LakeTables.DICOM_FILES,
        config.getInt(LakeConfig.INGEST_FILES_PER_TASK, LakeConfig.INGEST_FILES_PER_TASK_DEFAULT))
        .newOrChanged(listing);
    phases.lap("compare");
    if (toRead.count() == 0) {
      progress.printf("  nothing new or changed since the last run%n");
      return new RunCounts(0, 0, 0, 0, listed);
    }

    boolean instancesExisted = lake.exists(LakeTables.DICOM_INSTANCES);
    TableWrites tables = TableWrites.start(lake, List.of(LakeTables.DICOM_INSTANCES, LakeTables.DICOM_SERIES,
        LakeTables.DICOM_STUDIES, LakeTables.DICOM_FILES, LakeTables.PIPELINE_RUNS));

    LongAccumulator done = spark.sparkContext().longAccumulator("dicom files read");
    DicomParsePartition parse = new DicomParsePartition(
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration()), pseudonymizer,
        config.siteTimeZone(),
        config.getLong(LakeConfig.INGEST_MAX_HEADER_BYTES, LakeConfig.INGEST_MAX_HEADER_BYTES_DEFAULT),
        runId, ingestedAt, done);
    String stagingPath = lake.stagingPath(runId, "parsed");
    long parseStart = System.nanoTime();
    try (AutoCloseable ticker = progressTicker(done, toRead.count(), parseStart)) {
      toRead.files()
          .mapPartitions(parse, Encoders.row(DicomParsePartition.stagingSchema()))
          // row groups of 32 MB, not 128: each task holds one in memory, mostly header_json
          .write().mode("overwrite").option("parquet.block.size", STAGING_ROW_GROUP_BYTES).parquet(stagingPath);
    } catch (Exception e) {
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
    phases.lap("parse+staging");

    Dataset<Row> staged = spark.read().schema(DicomParsePartition.stagingSchema()).parquet(stagingPath);
    Dataset<Row> parsed = staged.filter(col("outcome").equalTo(DicomParsePartition.PARSED));
    Dataset<Row> quarantined = staged.filter(col("outcome").equalTo(DicomParsePartition.QUARANTINED));
    Dataset<Row> outcomes = classify(staged, instancesExisted).persist(StorageLevel.MEMORY_AND_DISK());
    Row c = outcomes.agg(
            count(lit(1)),
            sum(when(col("outcome").equalTo(LOADED), 1).otherwise(0)),
            sum(when(col("outcome").equalTo(DUPLICATE), 1).otherwise(0)),
            sum(when(col("outcome").equalTo(DicomParsePartition.QUARANTINED), 1).otherwise(0)),
            sum(when(col("is_update"), 1).otherwise(0)))
        .first();
    long read = c.getLong(0);
    long loaded = read == 0 ? 0 : c.getLong(1);
    long duplicates = read == 0 ? 0 : c.getLong(2);
    long quarantinedCount = read == 0 ? 0 : c.getLong(3);
    long updates = read == 0 ? 0 : c.getLong(4);
    progress.printf("  read %,d files in %.1f s; writing tables...%n", read, (System.nanoTime() - parseStart) / 1e9);
    tables.awaitCreated();
    phases.lap("classify");

    // Writes to different tables are independent Delta commits: run them side by side (each has seconds of fixed
    // cost, little of it CPU). dicom_files goes last: it marks files as done, so it must follow their data.
    List<Runnable> first = new ArrayList<>();
    List<Runnable> then = new ArrayList<>();
    Dataset<Row> toLoad = duplicates == 0 ? parsed
        : parsed.join(outcomes.filter(col("outcome").equalTo(DUPLICATE)).select(col("source_path").as("dup_path")),
            col("source_path").equalTo(col("dup_path")), "left_anti");
    DoseTables.Counts dose = loaded > 0 ? doseTables.counts(toLoad) : new DoseTables.Counts(0, 0, 0, 0, 0, 0);
    if (loaded > 0) {
      // Without a row for an existing key, a MERGE that only inserts does the same and costs less.
      first.add(() -> tables.write(LakeTables.DICOM_INSTANCES, toLoad, updates > 0));
      // A new instances table will hold exactly this run's rows, so series and studies need not wait for it.
      (instancesExisted ? then : first).addAll(derivedWrites(tables, toLoad, runId, instancesExisted));
    }
    if (dose.reports() > 0) {
      first.add(() -> tables.write(LakeTables.DOSE_REPORTS, DoseTables.reportRows(toLoad), updates > 0));
    }
    if (duplicates > 0) {
      first.add(() -> tables.write(LakeTables.DICOM_DUPLICATES, duplicateRows(outcomes, runId, ingestedAt), true));
    }
    if (quarantinedCount > 0 || dose.failed() > 0) {
      Dataset<Row> q = quarantineRows(quarantined, ingestedAt);
      if (dose.failed() > 0) {
        q = q.unionByName(DoseTables.quarantineRows(toLoad, NAME, ingestedAt));
      }
      Dataset<Row> allQuarantined = q;
      first.add(() -> tables.write(LakeTables.QUARANTINE, allQuarantined, dose.failed() > 0));
    }
    TableWrites.inParallel(first);
    phases.lap("tables");
    if (!then.isEmpty()) {
      TableWrites.inParallel(then);
      phases.lap("derived tables");
    }
    if (dose.any()) {
      long[] written = dose.reports() + dose.imagesWithDose() > 0
          ? doseTables.recompute(DoseTables.touchedStudies(toLoad), runId) : new long[] {0, 0};
      phases.lap("dose events+studies");
      if (written[0] > 0 && config.getBoolean(LakeConfig.DOSE_DERIVED_ON_INGEST, true)) {
        doseTables.recomputeDerived(runId);
        phases.lap("dose reference+cumulative");
      }
      progress.printf("  dose: %,d report(s) read (%,d CT, %,d projection X-ray, %,d radiopharmaceutical), %,d"
          + " quarantined; %,d image(s) with dose in their header; %,d event(s) in %,d stud(ies) recomputed%n",
          dose.reports(), dose.ct(), dose.projection(), dose.radiopharmaceutical(), dose.failed(),
          dose.imagesWithDose(), written[1], written[0]);
    }
    tables.write(LakeTables.DICOM_FILES, fileRows(outcomes, ingestedAt), toRead.changed() > 0);
    phases.lap(LakeTables.DICOM_FILES);
    outcomes.unpersist();
    toRead.release();
    lake.deleteStaging(runId);
    phases.lap("cleanup");
    progress.printf("  steps: %s%n", phases);
    return new RunCounts(read, loaded, duplicates, quarantinedCount, listed - read);
  }

  /** Where the last {@link #run} spent its time, step by step. */
  public PhaseTimes phases() {
    return phases;
  }


  /**
   * One narrow row per file read (keys only, no header) with {@code outcome}: quarantined, or for parsed files loaded
   * or duplicate — the smallest path wins among this run's files with one SOP Instance UID, and a UID the lake has
   * from another path stays with that path. Also {@code kept_source_path} (the winner) and {@code is_update}
   * (loaded, and the lake already has this UID from this very path).
   */
  private Dataset<Row> classify(Dataset<Row> staged, boolean instancesExist) {
    Dataset<Row> ranked = staged.select(col("sop_instance_uid"), col("source_path"), col("source_size_bytes"),
            col("source_modified_at"), col("run_id"), col("outcome").as("staged_outcome"))
        .withColumn("rank_in_run", row_number().over(
            Window.partitionBy(col("sop_instance_uid")).orderBy(col("source_path"))))
        .withColumn("run_winner_path", first(col("source_path")).over(
            Window.partitionBy(col("sop_instance_uid")).orderBy(col("source_path"))));
    Dataset<Row> joined;
    if (instancesExist) {
      Dataset<Row> existing = lake.read(LakeTables.DICOM_INSTANCES)
          .select(col("sop_instance_uid").as("existing_uid"), col("source_path").as("existing_path"));
      joined = ranked.join(existing, ranked.col("sop_instance_uid").equalTo(existing.col("existing_uid")), "left");
    } else {
      joined = ranked.withColumn("existing_uid", lit(null).cast("string"))
          .withColumn("existing_path", lit(null).cast("string"));
    }
    return joined
        .withColumn("kept_source_path", coalesce(col("existing_path"), col("run_winner_path")))
        .withColumn("outcome",
            when(col("staged_outcome").equalTo(DicomParsePartition.QUARANTINED), DicomParsePartition.QUARANTINED)
            .when(col("rank_in_run").equalTo(1)
                .and(col("existing_path").isNull().or(col("existing_path").equalTo(col("source_path")))), LOADED)
            .otherwise(DUPLICATE))
        .withColumn("is_update", col("outcome").equalTo(LOADED).and(col("existing_path").isNotNull()))
        .drop("rank_in_run", "run_winner_path", "existing_uid", "existing_path", "staged_outcome");
  }

  private static Dataset<Row> duplicateRows(Dataset<Row> classified, String runId, Instant at) {
    return classified.filter(col("outcome").equalTo(DUPLICATE))
        .select(col("sop_instance_uid"), col("source_path"), col("kept_source_path"), col("source_size_bytes"),
            lit(runId).as("run_id"), lit(at).as("recorded_at"));
  }

  private static Dataset<Row> quarantineRows(Dataset<Row> quarantined, Instant at) {
    return quarantined.select(col("source_path"), col("source_kind"), col("stage"), col("reason"),
        col("source_size_bytes"), col("source_modified_at"), lit(NAME).as("job"), col("run_id"),
        lit(at).as("recorded_at"));
  }

  private static Dataset<Row> fileRows(Dataset<Row> outcomes, Instant at) {
    return outcomes.select(col("source_path"), col("source_size_bytes"), col("source_modified_at"),
        col("outcome"), col("sop_instance_uid"), col("run_id"), lit(at).as("recorded_at"));
  }

  /**
   * The writes that recompute series and study rows for every study that has an instance loaded by this run. When
   * the instances table is new, its rows will be exactly {@code loadedRows}, which are then used directly.
   */
  private List<Runnable> derivedWrites(TableWrites tables, Dataset<Row> loadedRows, String runId,
      boolean instancesExisted) {
    Dataset<Row> inTouched = loadedRows;
    if (instancesExisted) {
      Dataset<Row> instances = lake.read(LakeTables.DICOM_INSTANCES);
      Dataset<Row> touched = loadedRows.select(col("study_instance_uid").as("touched_uid")).distinct();
      inTouched = instances.join(touched,
          instances.col("study_instance_uid").equalTo(touched.col("touched_uid")), "left_semi");
    }

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
    return List.of(() -> tables.write(LakeTables.DICOM_SERIES, series, true),
        () -> tables.write(LakeTables.DICOM_STUDIES, studies, true));
  }

  private AutoCloseable progressTicker(LongAccumulator done, long total, long startNanos) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(TableWrites.daemon("ingest-progress"));
    ticker.scheduleAtFixedRate(() -> {
      long n = done.value();
      double secs = (System.nanoTime() - startNanos) / 1e9;
      progress.printf("  reading headers: %,d of at most %,d files (%.0f files/s)%n", n, total, n / secs);
    }, 5, 5, TimeUnit.SECONDS);
    return ticker::shutdownNow;
  }
}
