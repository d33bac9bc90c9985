package org.imaginglake.spark.cli;

import java.io.PrintWriter;
import org.imaginglake.spark.runs.PipelineRuns;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code imaging-lake}: the one command-line entry point; each job is a subcommand registered here. Exit codes:
 * 0 success, 1 the command failed (message on standard error), 2 wrong usage.
 */
@Command(name = "imaging-lake", mixinStandardHelpOptions = true, versionProvider = ImagingLakeCli.Version.class,
    description = "Medical-imaging lakehouse: DICOM headers and RIS events into Delta Lake, and analytics on them.",
    subcommands = {IngestDicomCommand.class, IngestRisCommand.class, ReconcileCommand.class, DoseLevelsCommand.class,
        QueryCommand.class,
        GenerateCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class ImagingLakeCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (the tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ImagingLakeCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
      err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run with --verbose for details)");
      }
      err.flush();
      return 1;
    });
    return cli.execute(args);
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {PipelineRuns.codeVersion()};
    }
  }
}
