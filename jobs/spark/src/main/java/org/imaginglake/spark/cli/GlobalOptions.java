package org.imaginglake.spark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes; mixed into each subcommand. */
final class GlobalOptions {
  @Option(names = "--lake", paramLabel = "DIR",
      description = "Lake root folder or Hadoop URI (default: lake.dir from the configuration, './lake').")
  String lake;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark.master from the configuration, 'local[*]'). Under spark-submit its "
          + "--master wins.")
  String master;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Settings file overriding the defaults of conf/imaging-lake.properties (see docs/configuration.md).")
  Path conf;

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's own log (INFO) and stack traces of errors.")
  boolean verbose;
}
