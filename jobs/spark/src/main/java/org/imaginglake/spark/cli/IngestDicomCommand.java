package org.imaginglake.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.imaginglake.spark.ingest.DicomIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.runs.PipelineRuns;
import org.imaginglake.spark.runs.RunCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ingest-dicom", mixinStandardHelpOptions = true,
    description = {"Read DICOM headers (never pixel data) from files and folders into the lake.",
        "Re-runs read only new or changed files; bad files go to table quarantine with a reason."})
final class IngestDicomCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Files or folders (recursive), or Hadoop URIs (file:, hdfs:, s3a:).")
  List<String> paths;

  @Override
  public Integer call() {
    try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
      Instant started = Instant.now();
      String runId = PipelineRuns.newRunId(started);
      var pseudonymizer = ctx.pseudonymizer();
      ctx.out.printf("ingest-dicom run %s -> lake %s%n", runId, ctx.config.lakeDir());
      Lake lake = ctx.lake();
      String args = "paths=" + paths + " lake=" + lake.root();
      RunCounts counts;
      try {
        counts = new DicomIngestJob(ctx.spark(), lake, ctx.config, pseudonymizer, ctx.out).run(runId, paths);
      } catch (RuntimeException e) {
        recordFailure(lake, runId, started, args, e);
        throw e;
      }
      Instant ended = Instant.now();
      PipelineRuns.record(lake, runId, DicomIngestJob.NAME, "succeeded", started, ended, args, counts,
          "ok in " + Duration.between(started, ended).toMillis() + " ms");
      printSummary(ctx, lake, runId, counts, Duration.between(started, ended));
      return 0;
    }
  }

  private static void recordFailure(Lake lake, String runId, Instant started, String args, RuntimeException e) {
    try {
      PipelineRuns.record(lake, runId, DicomIngestJob.NAME, "failed", started, Instant.now(), args,
          new RunCounts(0, 0, 0, 0, 0), String.valueOf(e.getMessage()));
    } catch (RuntimeException ignored) {
      // the original error matters more than the failed bookkeeping
    }
  }

  private static void printSummary(CommandContext ctx, Lake lake, String runId, RunCounts c, Duration took) {
    double secs = Math.max(took.toMillis(), 1) / 1000.0;
    ctx.out.println();
    ctx.out.printf("Run %s finished in %.1f s%n", runId, secs);
    ctx.out.printf("  inputs        %,10d  (new or changed files; %,d unchanged files skipped)%n", c.inputs(),
        c.unchangedSkipped());
    ctx.out.printf("  loaded        %,10d%n", c.loaded());
    ctx.out.printf("  duplicates    %,10d  (SOP Instance UID already loaded from another file)%n", c.duplicates());
    ctx.out.printf("  quarantined   %,10d  (see table quarantine)%n", c.quarantined());
    ctx.out.printf("  inputs = loaded + duplicates + quarantined: %,d = %,d + %,d + %,d%n", c.inputs(), c.loaded(),
        c.duplicates(), c.quarantined());
    ctx.out.printf("  throughput    %,10.0f files/s%n", c.inputs() / secs);
    ctx.out.printf("Lake now holds %,d instances, %,d series, %,d studies.%n",
        lake.read(LakeTables.DICOM_INSTANCES).count(), lake.read(LakeTables.DICOM_SERIES).count(),
        lake.read(LakeTables.DICOM_STUDIES).count());
    if (c.quarantined() > 0) {
      ctx.out.println("Quarantined in this run, by reason (first example):");
      List<Row> reasons = lake.read(LakeTables.QUARANTINE).filter(col("run_id").equalTo(runId))
          .groupBy(col("source_kind"), col("stage"), col("reason"))
          .agg(count(lit(1)).as("n"), first(col("source_path")).as("example"))
          .orderBy(col("n").desc()).limit(15).collectAsList();
      for (Row r : reasons) {
        ctx.out.printf("  %4d  %-17s %-9s %s%n        e.g. %s%n", r.getLong(3), r.getString(0), r.getString(1),
            r.getString(2), r.getString(4));
      }
    }
  }
}
