package org.imaginglake.spark.cli;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.imaginglake.spark.ingest.RisIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
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
      RisIngestJob.reconcile(ctx.lake(), ctx.config, runId);
      ctx.out.printf("exam_reconciliation recomputed by run %s: %s%n", runId, summary(ctx.lake()));
      return 0;
    }
  }

  /** The reconciliation in one line: matches and the three flags. */
  static String summary(Lake lake) {
    var r = lake.read(LakeTables.EXAM_RECONCILIATION);
    return String.format("%,d exams matched to a study, %,d orders without images, %,d studies without an order, "
            + "%,d with RIS and DICOM times apart", r.filter(col("accession_pseudo_id").isNotNull()
            .and(col("study_instance_uid").isNotNull())).count(), r.filter(col("order_without_images")).count(),
        r.filter(col("images_without_order")).count(), r.filter(col("times_disagree")).count());
  }
}
