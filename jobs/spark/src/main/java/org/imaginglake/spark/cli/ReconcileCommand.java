package org.imaginglake.spark.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.imaginglake.spark.ingest.RisIngestJob;
import org.imaginglake.spark.runs.PipelineRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = {"Recompute exam_reconciliation from exams and dicom_studies (ingest-ris does it at the end of "
        + "every run; run this after ingest-dicom to match newly loaded studies)."})
final class ReconcileCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Override
  public Integer call() {
    try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
      String runId = PipelineRuns.newRunId(Instant.now());
      long rows = RisIngestJob.reconcile(ctx.lake(), ctx.config, runId);
      ctx.out.printf("exam_reconciliation recomputed by run %s: %,d rows%n", runId, rows);
      return 0;
    }
  }
}
