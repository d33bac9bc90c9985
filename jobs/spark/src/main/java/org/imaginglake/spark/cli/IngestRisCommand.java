package org.imaginglake.spark.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.imaginglake.spark.ingest.RisIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest-ris", mixinStandardHelpOptions = true,
    description = {"Read RIS workflow events from HL7 v2 files (one or many messages each, MLLP or plain) and CSV "
        + "exports into ris_events; rebuild exams for the accessions touched and exam_reconciliation.",
        "Re-runs read only new or changed files; a repeated message (same sender, MSH-10 and type) is a duplicate; bad "
        + "messages go to table quarantine with a reason. See docs/ris-events.md."})
final class IngestRisCommand implements Callable<Integer> {
  private static final IngestRun RUN = new IngestRun(RisIngestJob.NAME, "messages",
      "messages and CSV records in new or changed files",
      "same sender, message control ID and type as a message already loaded");

  @Mixin
  GlobalOptions global;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "hl7, csv, or auto: .csv files as CSV (through ris.csv.mapping), all others as HL7. "
          + "Default: ${DEFAULT-VALUE}.")
  String format;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Files or folders (recursive), or Hadoop URIs (file:, hdfs:, s3a:).")
  List<String> paths;

  @Override
  public Integer call() {
    try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
      var pseudonymizer = ctx.pseudonymizer();
      Lake lake = ctx.lake();
      RUN.execute(ctx, "paths=" + paths + " format=" + format + " lake=" + lake.root(),
          runId -> new RisIngestJob(ctx.spark(), lake, ctx.config, pseudonymizer, ctx.out).run(runId, paths, format));
      ctx.out.printf("Lake now holds %,d RIS events, %,d exams; reconciliation: %s.%n",
          lake.read(LakeTables.RIS_EVENTS).count(), lake.read(LakeTables.EXAMS).count(),
          ReconcileCommand.summary(lake));
      return 0;
    }
  }
}
