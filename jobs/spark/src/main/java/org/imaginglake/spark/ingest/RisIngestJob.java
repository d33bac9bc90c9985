package org.imaginglake.spark.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.ris.ExamReconciliation;
import org.imaginglake.spark.ris.ExamTimelines;
import org.imaginglake.spark.runs.RunCounts;

/**
 * ingest-ris: HL7 v2 files and RIS CSV exports into {@code ris_events}, then {@code exams} for every accession the
 * run touched and {@code exam_reconciliation} anew.
 *
 * <p>Steps, as in ingest-dicom ({@link DicomIngestJob}): list; skip files {@code ris_files} has seen unchanged; read
 * on the executors ({@link RisParsePartition}), one staging row per message or CSV record, into a Parquet staging
 * folder; classify every message: quarantined, or the first with its key ({@code ris_messages.message_key}: sender,
 * MSH-10 and message type, or the event of a CSV record) in this run unless the lake loaded that key from another
 * message already, or a duplicate; write. Inputs are messages (CSV records), so {@code inputs = loaded + duplicates + quarantined} counts
 * messages; a file that cannot be read on is one more quarantined input.
 *
 * <p>{@code exams} rows are recomputed from all events of each touched accession ({@link ExamTimelines}), so the order
 * messages arrive in, across files and runs, does not change them. {@code exam_reconciliation} is recomputed whole
 * ({@link ExamReconciliation}); {@code reconcile} does the same after DICOM ingests.
 */
public final class RisIngestJob {
  public static final String NAME = "ingest-ris";
  private static final String LOADED = "loaded";
  private static final String DUPLICATE = "duplicate";

  private final SparkSession spark;
  private final Lake lake;
  private final LakeConfig config;
  private final Pseudonymizer pseudonymizer;
  private final PrintStream progress;
  private final PhaseTimes phases = new PhaseTimes();

  public RisIngestJob(SparkSession spark, Lake lake, LakeConfig config, Pseudonymizer pseudonymizer,
      PrintStream progress) {
    this.spark = spark;
    this.lake = lake;
    this.config = config;
    this.pseudonymizer = pseudonymizer;
    this.progress = progress;
  }

  /** Runs the ingest of {@code inputs} read as {@code format} (hl7, csv or auto: by extension). */
  public RunCounts run(String runId, List<String> inputs, String format) {
    RisParsePartition.Format fmt = RisParsePartition.Format.parse(format);
    phases.restart();
    Instant ingestedAt = Instant.now();
    List<Row> listing = FileListing.list(spark.sparkContext().hadoopConfiguration(), inputs, progress);
    long listed = listing.size();
    progress.printf("  listed %,d files under %d path(s)%n", listed, inputs.size());
    SourceRegistry.ToRead toRead = new SourceRegistry(spark, lake, LakeTables.RIS_FILES,
        config.getInt(LakeConfig.RIS_FILES_PER_TASK, LakeConfig.RIS_FILES_PER_TASK_DEFAULT)).newOrChanged(listing);
    phases.lap("list+compare");
    if (toRead.count() == 0) {
      progress.printf("  nothing new or changed since the last run%n");
      return new RunCounts(0, 0, 0, 0, listed);
    }
    boolean examsNew = !lake.exists(LakeTables.EXAMS);
    TableWrites tables = TableWrites.start(lake, List.of(LakeTables.RIS_EVENTS, LakeTables.RIS_MESSAGES,
        LakeTables.RIS_FILES, LakeTables.EXAMS, LakeTables.PIPELINE_RUNS));

    LongAccumulator done = spark.sparkContext().longAccumulator("ris files read");
    RisParsePartition parse = new RisParsePartition(
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration()), config, pseudonymizer, fmt, done);
    String stagingPath = lake.stagingPath(runId, "ris");
    toRead.files().flatMap(parse, Encoders.row(RisParsePartition.stagingSchema()))
        .write().mode("overwrite").parquet(stagingPath);
    phases.lap("read+staging");

    Dataset<Row> staged = spark.read().schema(RisParsePartition.stagingSchema()).parquet(stagingPath);
    // classified on narrow rows (no events): the window shuffles keys, not messages
    Dataset<Row> outcomes = classify(staged.drop("events")).persist(StorageLevel.MEMORY_AND_DISK());
    Row c = outcomes.agg(count(lit(1)),
            sum(when(col("outcome").equalTo(LOADED), 1).otherwise(0)),
            sum(when(col("outcome").equalTo(DUPLICATE), 1).otherwise(0)),
            sum(when(col("outcome").equalTo(RisParsePartition.QUARANTINED), 1).otherwise(0)))
        .first();
    long messages = c.getLong(0);
    long loaded = messages == 0 ? 0 : c.getLong(1);
    long duplicates = messages == 0 ? 0 : c.getLong(2);
    long quarantined = messages == 0 ? 0 : c.getLong(3);
    progress.printf("  read %,d messages from %,d files%n", messages, toRead.count());
    tables.awaitCreated();
    phases.lap("classify");

    boolean updates = toRead.changed() > 0;
    // the loaded messages with their events: a semi-join with the loaded keys (small enough to broadcast)
    Dataset<Row> loadedRows = duplicates == 0 ? staged.filter(col("outcome").equalTo(RisParsePartition.PARSED))
        : staged.join(outcomes.filter(col("outcome").equalTo(LOADED)).select(col("source_path"),
            col("message_ordinal")), new String[] {"source_path", "message_ordinal"}, "left_semi");
    List<Runnable> writes = new ArrayList<>();
    if (loaded > 0) {
      writes.add(() -> tables.write(LakeTables.RIS_EVENTS, loadedRows.select(explode(col("events")).as("e"))
          .select(col("e.*")).withColumn("run_id", lit(runId)), updates));
      writes.add(() -> tables.write(LakeTables.RIS_MESSAGES, loadedRows.select(col("message_key"),
          col("message_type"), col("message_control_id"), col("sending_application"), col("sending_facility"),
          col("source_path"), col("message_ordinal"), size(col("events")).as("event_count"), lit(runId).as("run_id"),
          lit(ingestedAt).as("recorded_at")), updates));
    }
    if (duplicates > 0) {
      writes.add(() -> tables.write(LakeTables.RIS_DUPLICATES, outcomes.filter(col("outcome").equalTo(DUPLICATE))
          .select(col("source_path"), col("message_ordinal"), col("message_key"), col("message_type"),
              col("kept_source_path"), col("kept_message_ordinal"), lit(runId).as("run_id"),
              lit(ingestedAt).as("recorded_at")), true));
    }
    if (quarantined > 0) {
      writes.add(() -> tables.write(LakeTables.QUARANTINE, outcomes
          .filter(col("outcome").equalTo(RisParsePartition.QUARANTINED))
          .select(concat(col("source_path"), lit("#"), col("message_ordinal")).as("source_path"),
              col("format").as("source_kind"), col("stage"), col("reason"), col("source_size_bytes"),
              col("source_modified_at"), lit(NAME).as("job"), lit(runId).as("run_id"),
              lit(ingestedAt).as("recorded_at")), true));
    }
    TableWrites.inParallel(writes);
    phases.lap("events");

    if (loaded > 0) {
      Dataset<Row> linked = ExamTimelines.linkAccessions(lake.read(LakeTables.RIS_EVENTS));
      if (examsNew) {
        tables.write(LakeTables.EXAMS, ExamTimelines.aggregate(linked, runId), true);
      } else {
        // linked once, used twice: for the accessions this run touched, and for all their events
        linked = linked.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> touched = linked.filter(col("run_id").equalTo(runId)).select(col("accession_pseudo_id"))
            .distinct();
        tables.write(LakeTables.EXAMS, ExamTimelines.aggregate(linked.join(touched, "accession_pseudo_id"), runId),
            true);
        linked.unpersist();
      }
      phases.lap(LakeTables.EXAMS);
    }

    // Last, side by side: the file registry (after the events it accounts for) and the reconciliation (derived,
    // recomputed whole by the next run or `reconcile`, so it need not precede the registry). Only exams changed
    // here; after DICOM ingests, `reconcile` does it.
    List<Runnable> last = new ArrayList<>();
    last.add(() -> tables.write(LakeTables.RIS_FILES, outcomes.groupBy(col("source_path")).agg(
            first(col("source_size_bytes")).as("source_size_bytes"),
            first(col("source_modified_at")).as("source_modified_at"),
            first(col("format")).as("format"),
            count(lit(1)).as("inputs"),
            sum(when(col("outcome").equalTo(LOADED), 1).otherwise(0)).cast("bigint").as("loaded"),
            sum(when(col("outcome").equalTo(DUPLICATE), 1).otherwise(0)).cast("bigint").as("duplicates"),
            sum(when(col("outcome").equalTo(RisParsePartition.QUARANTINED), 1).otherwise(0)).cast("bigint")
                .as("quarantined"))
        .withColumn("run_id", lit(runId)).withColumn("recorded_at", lit(ingestedAt)), updates));
    if (loaded > 0) {
      last.add(() -> reconcile(lake, config, runId));
    }
    TableWrites.inParallel(last);
    phases.lap(LakeTables.RIS_FILES + " + " + LakeTables.EXAM_RECONCILIATION);
    outcomes.unpersist();
    toRead.release();
    lake.deleteStaging(runId);
    return new RunCounts(messages, loaded, duplicates, quarantined, listed - toRead.count());
  }

  /** Recomputes {@code exam_reconciliation} whole from {@code exams} and {@code dicom_studies}. */
  public static void reconcile(Lake lake, LakeConfig config, String runId) {
    Duration window = Duration.ofHours(config.getLong(LakeConfig.RECONCILE_WINDOW_HOURS,
        LakeConfig.RECONCILE_WINDOW_HOURS_DEFAULT));
    Duration tolerance = Duration.ofMinutes(config.getLong(LakeConfig.RECONCILE_TOLERANCE_MINUTES,
        LakeConfig.RECONCILE_TOLERANCE_MINUTES_DEFAULT));
    lake.overwrite(LakeTables.EXAM_RECONCILIATION, ExamReconciliation.build(lake.read(LakeTables.EXAMS),
        lake.read(LakeTables.DICOM_STUDIES), window, tolerance, runId));
  }

  /** Where the last {@link #run} spent its time. */
  public PhaseTimes phases() {
    return phases;
  }

  /**
   * One row per staged message with {@code outcome}: quarantined; loaded (the first message of its key in this run,
   * by file and position, unless the lake loaded the key from another message); or duplicate, with the message that
   * was kept.
   */
  private Dataset<Row> classify(Dataset<Row> staged) {
    Column position = col("source_path").asc();
    Dataset<Row> ranked = staged
        .withColumn("rank_in_run", when(col("message_key").isNotNull(), row_number().over(
            Window.partitionBy(col("message_key")).orderBy(position, col("message_ordinal").asc()))))
        .withColumn("winner_path", when(col("message_key").isNotNull(), first(col("source_path")).over(
            Window.partitionBy(col("message_key")).orderBy(position, col("message_ordinal").asc()))))
        .withColumn("winner_ordinal", when(col("message_key").isNotNull(), first(col("message_ordinal")).over(
            Window.partitionBy(col("message_key")).orderBy(position, col("message_ordinal").asc()))));
    Dataset<Row> known = lake.read(LakeTables.RIS_MESSAGES).select(col("message_key").as("known_key"),
        col("source_path").as("known_path"), col("message_ordinal").as("known_ordinal"));
    Column sameMessage = col("known_path").equalTo(col("source_path"))
        .and(col("known_ordinal").equalTo(col("message_ordinal")));
    return ranked.join(known, ranked.col("message_key").equalTo(known.col("known_key")), "left")
        .withColumn("outcome",
            when(col("outcome").equalTo(RisParsePartition.QUARANTINED), RisParsePartition.QUARANTINED)
            .when(col("rank_in_run").equalTo(1).and(col("known_path").isNull().or(sameMessage)), LOADED)
            .otherwise(DUPLICATE))
        .withColumn("kept_source_path", coalesce(col("known_path"), col("winner_path")))
        .withColumn("kept_message_ordinal", coalesce(col("known_ordinal"), col("winner_ordinal")))
        .drop("rank_in_run", "winner_path", "winner_ordinal", "known_key", "known_path", "known_ordinal");
  }
}
