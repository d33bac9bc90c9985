package org.imaginglake.spark.runs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.RowFactory;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.lake.TableSchema;

/** Run ids, the code version, and the {@code pipeline_runs} record written at the end of every job run. */
public final class PipelineRuns {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private PipelineRuns() {}

  /** A new run id: UTC start time plus 4 random hex digits, so ids sort by time and do not collide. */
  public static String newRunId(Instant start) {
    return ID_TIME.format(start) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** "imaging-lake VERSION (commit)" from the build's version resource. */
  public static String codeVersion() {
    Properties p = new Properties();
    try (InputStream in = PipelineRuns.class.getResourceAsStream("/imaging-lake/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException ignored) {
      // fall through to "unknown"
    }
    return "imaging-lake " + p.getProperty("version", "unknown");
  }

  public static void record(Lake lake, String runId, String job, String status, Instant started, Instant ended,
      String arguments, RunCounts counts, String message) {
    var row = RowFactory.create(runId, job, status, started, ended, codeVersion(), arguments,
        counts.inputs(), counts.loaded(), counts.duplicates(), counts.quarantined(), counts.unchangedSkipped(),
        message);
    var schema = TableSchema.load(LakeTables.PIPELINE_RUNS).structType();
    lake.append(LakeTables.PIPELINE_RUNS, lake.spark().createDataFrame(List.of(row), schema));
  }
}
