package org.imaginglake.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imaginglake.spark.bench.IngestBenchmark;
import org.imaginglake.spark.bench.RisBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: performance measurements with their baselines; each benchmark is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure performance against named baselines on generated input (docs/benchmarks.md).",
    subcommands = {BenchCommand.Ingest.class, BenchCommand.Ris.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  static final class SmallKindConverter implements CommandLine.ITypeConverter<IngestBenchmark.SmallKind> {
    @Override
    public IngestBenchmark.SmallKind convert(String value) {
      for (IngestBenchmark.SmallKind k : IngestBenchmark.SmallKind.values()) {
        if (k.name().equalsIgnoreCase(value)) {
          return k;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a kind of small corpus: use small or all");
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "files/s of ingest-dicom end to end (list, parse, write Delta) against a bare PixelMed read loop "
          + "over the same files, for small files (copies of real files with fresh UIDs), 0.5 MB CT files and "
          + "Radiation Dose SRs (also irradiation events/s, and compared with the small files).")
  static final class Ingest implements Callable<Integer> {
    @Option(names = "--work", paramLabel = "DIR", defaultValue = "bench-work",
        description = "Folder for the generated files. Default: ${DEFAULT-VALUE}. Scratch lakes go to bench-*"
            + " sub-folders of --lake (default: DIR/lakes), deleted after use; --lake must be a local folder.")
    Path work;

    @Option(names = "--small-files", paramLabel = "N", defaultValue = "20000",
        description = "Copies of the real files to measure on (0: skip). Default: ${DEFAULT-VALUE}.")
    int smallFiles;

    @Option(names = "--ct-files", paramLabel = "N", defaultValue = "2000",
        description = "CT-sized files (512 x 512 x 16 bit, about 0.5 MB) to measure on (0: skip). "
            + "Default: ${DEFAULT-VALUE}.")
    int ctFiles;

    @Option(names = "--rdsr-files", paramLabel = "N", defaultValue = "2000",
        description = "Copies of the real dose reports under SOURCE/rdsr (every X-ray or radiopharmaceutical dose SR,"
            + " round-robin; each copy with its own instance, study, series and irradiation event UIDs) to measure"
            + " on, with events/s next to files/s (0: skip). Default: ${DEFAULT-VALUE}.")
    int rdsrFiles;

    @Option(names = "--source", paramLabel = "DIR",
        description = "Real files to copy: a folder holding dicom/ and/or rdsr/ (those are used), or any folder of "
            + "DICOM files. Default: ../shared/data when present, else data-samples.")
    Path source;

    @Option(names = "--small-kind", paramLabel = "KIND", defaultValue = "small",
        converter = SmallKindConverter.class,
        description = "Which real files the small files copy: 'small' (instances of at most 300 KB, like the"
            + " reference corpus of STACK.md) or 'all' (every instance, incl. dose reports of several MB)."
            + " Default: ${DEFAULT-VALUE}.")
    IngestBenchmark.SmallKind smallKind;

    @Option(names = "--runs", paramLabel = "K", defaultValue = "1",
        description = "Repetitions of each measurement; the median is reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--keep",
        description = "Keep the generated files, and reuse kept ones built with the same parameters.")
    boolean keep;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
      Path src = source != null ? source
          : Files.isDirectory(Path.of("../shared/data")) ? Path.of("../shared/data") : Path.of("data-samples");
      var options = new IngestBenchmark.Options(work,
          global.lake != null ? Path.of(global.lake) : work.resolve("lakes"), smallFiles, ctFiles, rdsrFiles, src, runs,
          keep, smallKind);
      try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
        new IngestBenchmark(options, ctx::spark, ctx.config, ctx.out).run();
        return 0;
      }
    }
  }

  @Command(name = "ris", mixinStandardHelpOptions = true,
      description = "HL7 messages/s of ingest-ris end to end against a bare HAPI parse loop over the same messages "
          + "(copies of the real messages, each with its own MSH-10).")
  static final class Ris implements Callable<Integer> {
    @Option(names = "--work", paramLabel = "DIR", defaultValue = "bench-work",
        description = "Folder for the generated files. Default: ${DEFAULT-VALUE}. Scratch lakes go to bench-ris-*"
            + " sub-folders of --lake (default: DIR/lakes), deleted after use.")
    Path work;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "100000",
        description = "Messages to measure on (a run has a fixed cost of about 15 s; see docs/benchmarks.md). "
            + "Default: ${DEFAULT-VALUE}.")
    int messages;

    @Option(names = "--source", paramLabel = "DIR",
        description = "Real HL7 files to copy. Default: ../shared/data/hl7 when present.")
    Path source;

    @Option(names = "--runs", paramLabel = "K", defaultValue = "1",
        description = "Repetitions of each measurement; the median is reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
      Path src = source != null ? source : Path.of("../shared/data/hl7");
      var options = new RisBenchmark.Options(work,
          global.lake != null ? Path.of(global.lake) : work.resolve("lakes"), messages, src, runs);
      try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
        new RisBenchmark(options, ctx::spark, ctx.config, ctx.out).run();
        return 0;
      }
    }
  }
}
