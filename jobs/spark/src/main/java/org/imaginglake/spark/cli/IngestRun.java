package org.imaginglake.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.runs.PipelineRuns;
import org.imaginglake.spark.runs.RunCounts;

/**
 * What every ingest command does around its job: a run ID, a {@code pipeline_runs} row whether the job succeeds or
 * fails, and the summary with the reconciliation of the counts and the run's quarantine reasons.
 *
 * @param job the job name recorded in {@code pipeline_runs}
 * @param unit what an input is, plural ("files", "messages")
 * @param inputsMeaning where the inputs come from, for the summary
 * @param duplicateMeaning what a duplicate is, for the summary
 */
record IngestRun(String job, String unit, String inputsMeaning, String duplicateMeaning) {

  /** Runs {@code body} with a new run ID, records the run, prints the summary; returns the counts. */
  RunCounts execute(CommandContext ctx, String args, Function<String, RunCounts> body) {
    Instant started = Instant.now();
    String runId = PipelineRuns.newRunId(started);
    Lake lake = ctx.lake();
    ctx.out.printf("%s run %s -> lake %s%n", job, runId, ctx.config.lakeDir());
    RunCounts counts;
    try {
      counts = body.apply(runId);
    } catch (RuntimeException e) {
      recordFailure(lake, runId, started, args, e);
      throw e;
    }
    Instant ended = Instant.now();
    PipelineRuns.record(lake, runId, job, "succeeded", started, ended, args, counts,
        "ok in " + Duration.between(started, ended).toMillis() + " ms");
    printSummary(ctx, lake, runId, counts, Duration.between(started, ended));
    return counts;
  }

  private void recordFailure(Lake lake, String runId, Instant started, String args, RuntimeException e) {
    try {
      PipelineRuns.record(lake, runId, job, "failed", started, Instant.now(), args, new RunCounts(0, 0, 0, 0, 0),
          String.valueOf(e.getMessage()));
    } catch (RuntimeException ignored) {
      // the original error matters more than the failed bookkeeping
    }
  }

  private void printSummary(CommandContext ctx, Lake lake, String runId, RunCounts c, Duration took) {
    double secs = Math.max(took.toMillis(), 1) / 1000.0;
    ctx.out.println();
    ctx.out.printf("Run %s finished in %.1f s%n", runId, secs);
    ctx.out.printf("  inputs        %,10d  (%s; %,d unchanged files skipped)%n", c.inputs(), inputsMeaning,
        c.unchangedSkipped());
    ctx.out.printf("  loaded        %,10d%n", c.loaded());
    ctx.out.printf("  duplicates    %,10d  (%s)%n", c.duplicates(), duplicateMeaning);
    ctx.out.printf("  quarantined   %,10d  (see table quarantine)%n", c.quarantined());
    ctx.out.printf("  inputs = loaded + duplicates + quarantined: %,d = %,d + %,d + %,d%n", c.inputs(), c.loaded(),
        c.duplicates(), c.quarantined());
    ctx.out.printf("  throughput    %,10.0f %s/s%n", c.inputs() / secs, unit);
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
