package org.imaginglake.spark.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.imaginglake.spark.ingest.DicomIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ingest-dicom", mixinStandardHelpOptions = true,
    description = {"Read DICOM headers (never pixel data) from files and folders into the lake.",
        "Re-runs read only new or changed files; bad files go to table quarantine with a reason."})
final class IngestDicomCommand implements Callable<Integer> {
  private static final IngestRun RUN = new IngestRun(DicomIngestJob.NAME, "files", "new or changed files",
      "SOP Instance UID already loaded from another file");

  @Mixin
  GlobalOptions global;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Files or folders (recursive), or Hadoop URIs (file:, hdfs:, s3a:).")
  List<String> paths;

  @Override
  public Integer call() {
    try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
      var pseudonymizer = ctx.pseudonymizer();
      Lake lake = ctx.lake();
      RUN.execute(ctx, "paths=" + paths + " lake=" + lake.root(),
          runId -> new DicomIngestJob(ctx.spark(), lake, ctx.config, pseudonymizer, ctx.out).run(runId, paths));
      ctx.out.printf("Lake now holds %,d instances, %,d series, %,d studies.%n",
          lake.read(LakeTables.DICOM_INSTANCES).count(), lake.read(LakeTables.DICOM_SERIES).count(),
          lake.read(LakeTables.DICOM_STUDIES).count());
      return 0;
    }
  }
}
