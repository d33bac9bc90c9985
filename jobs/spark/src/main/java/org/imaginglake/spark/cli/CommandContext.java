package org.imaginglake.spark.cli;

import java.io.PrintStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.PseudonymKeys;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.spark.SparkSessions;
import org.imaginglake.spark.lake.Lake;

/** What a command needs, built from the global options in one place: configuration, session, lake, key. */
final class CommandContext implements AutoCloseable {
  final LakeConfig config;
  final PrintStream out;
  final PrintStream err;
  private SparkSession spark;
  private boolean ownsSpark;
  private Lake lake;

  CommandContext(GlobalOptions options, PrintStream out, PrintStream err) {
    this.config = LakeConfig.load(options.conf)
        .with(LakeConfig.LAKE_DIR, options.lake)
        .with(LakeConfig.SPARK_MASTER, options.master);
    this.out = out;
    this.err = err;
    if (options.verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
  }

  SparkSession spark() {
    if (spark == null) {
      ownsSpark = SparkSession.getDefaultSession().isEmpty();
      spark = SparkSessions.create("imaging-lake", config.sparkMaster());
    }
    return spark;
  }

  Lake lake() {
    if (lake == null) {
      lake = new Lake(spark(), config.lakeDir());
    }
    return lake;
  }

  Pseudonymizer pseudonymizer() {
    Pseudonymizer p = PseudonymKeys.load(System.getenv(), config.get(LakeConfig.PRIVACY_KEY_FILE, null));
    if (p.keyLabel().contains("sample-pseudonym")) {
      err.println("WARNING: using the PUBLIC sample pseudonymisation key (" + p.keyLabel() + "). Pseudonyms made with "
          + "it are not secret. Fine for the demo; for real data set " + PseudonymKeys.ENV_KEY + " or "
          + LakeConfig.PRIVACY_KEY_FILE + ".");
    }
    return p;
  }

  @Override
  public void close() {
    if (spark != null && ownsSpark) {
      spark.stop();
    }
  }
}
