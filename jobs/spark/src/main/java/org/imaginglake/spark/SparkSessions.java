package org.imaginglake.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command uses: Delta Lake enabled, UI off, java.time values in rows, timestamps
 * shown in UTC. The master comes from the configuration unless the session is launched by spark-submit, whose
 * {@code --master} wins (it sets {@code spark.master} before the application starts).
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String appName, String master) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      b.master(master);
    }
    boolean local = conf.get("spark.master", master).startsWith("local");
    return b
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions", local ? "4" : "200"))
        .config("spark.databricks.delta.snapshotPartitions", local ? "2" : "50")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8")
        // Parquet buffers a whole row group per writing task; header_json of a large SR is megabytes, so keep row
        // groups at 32 MiB (default 128 MiB) to bound writer memory in a 1-2 GB heap.
        .config("spark.hadoop.parquet.block.size", conf.get("spark.hadoop.parquet.block.size",
            String.valueOf(32 << 20)))
        // Parquet's vectorized reader fills 4,096 rows per batch by default, in one array per string column; with
        // header_json (about 50 KB for an RDSR, MBs for enhanced multi-frame) that array alone can outgrow a 1 GB
        // heap. 512 rows still failed on 20,000 RDSR copies (a 32 MB request); 64 rows keep it to a few MB.
        .config("spark.sql.parquet.columnarReaderBatchSize", conf.get("spark.sql.parquet.columnarReaderBatchSize",
            "64"))
        .getOrCreate();
  }
}
