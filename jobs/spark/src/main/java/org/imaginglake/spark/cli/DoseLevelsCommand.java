package org.imaginglake.spark.cli;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.imaginglake.spark.dose.DoseTables;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.runs.PipelineRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "dose-levels", mixinStandardHelpOptions = true,
    description = {"Recompute dose_reference_comparison (diagnostic reference levels: national and local) and "
        + "patient_cumulative_dose (rolling windows, alerts) from dose_studies and dose_events. ingest-dicom does it "
        + "at the end of every run that changes dose unless dose.derived-on-ingest=false; run this after changing "
        + "the DRL file, the windows or the alert thresholds."})
final class DoseLevelsCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Override
  public Integer call() {
    try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
      Lake lake = ctx.lake();
      if (!lake.exists(LakeTables.DOSE_STUDIES)) {
        ctx.err.printf("error: the lake at %s has no dose_studies yet: run ingest-dicom on dose reports or images"
            + " first%n", lake.root());
        return 1;
      }
      String runId = PipelineRuns.newRunId(Instant.now());
      new DoseTables(lake, ctx.config).recomputeDerived(runId);
      ctx.out.printf("dose tables recomputed by run %s: %s%n", runId, summary(lake));
      return 0;
    }
  }

  /** The comparison and the alerts in one line. */
  static String summary(Lake lake) {
    var c = lake.read(LakeTables.DOSE_REFERENCE_COMPARISON);
    var p = lake.read(LakeTables.PATIENT_CUMULATIVE_DOSE);
    return String.format("%,d comparisons (%,d above the national DRL, %,d above the local DRL, %,d outliers); "
            + "%,d patients with a cumulative dose alert", c.count(), c.filter(col("above_national_drl")).count(),
        c.filter(col("above_local_drl")).count(), c.filter(col("outlier")).count(),
        p.filter(col("dap_alert").or(col("dose_rp_alert")).or(col("ct_dlp_alert")))
            .select("patient_pseudo_id").distinct().count());
  }
}
