package org.imaginglake.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.imaginglake.spark.lake.Lake;

/**
 * The registry of the files an ingest job has read ({@code dicom_files}, {@code ris_files}: path, size and
 * modification time per file, among other columns), and the files of a listing that must be read again.
 */
public final class SourceRegistry {
  private final SparkSession spark;
  private final Lake lake;
  private final String table;
  private final int filesPerTask;

  /**
   * @param table the registry table: it has {@code source_path}, {@code source_size_bytes} and
   *     {@code source_modified_at}
   * @param filesPerTask about this many files per parse task
   */
  public SourceRegistry(SparkSession spark, Lake lake, String table, int filesPerTask) {
    this.spark = spark;
    this.lake = lake;
    this.table = table;
    this.filesPerTask = filesPerTask;
  }

  /**
   * The files to read, partitioned for parsing: {@code count} files, of which {@code changed} were read before with
   * another size or modification time (the rest are new paths); {@code cached}, when not null, is to be released at
   * the end of the run.
   */
  public record ToRead(Dataset<Row> files, long count, long changed, Dataset<Row> cached) {
    public void release() {
      if (cached != null) {
        cached.unpersist();
      }
    }
  }

  /**
   * Listed files whose path is new, or whose size or modification time differ from the last read: a join of the
   * listing with the registry table on the executors, so that the driver never holds the registry (which grows with
   * every file ever read) and nothing but two counts comes back. The files to read are then spread evenly over the
   * parse tasks (a shuffle of paths only).
   */
  public ToRead newOrChanged(List<Row> listing) {
    if (listing.isEmpty()) {
      return new ToRead(null, 0, 0, null);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (!lake.exists(table)) {
      // everything is new: split into parse tasks without a shuffle
      return new ToRead(spark.createDataFrame(jsc.parallelize(listing, partitions(listing.size())),
          FileListing.SCHEMA), listing.size(), 0, null);
    }
    Dataset<Row> listed = spark.createDataFrame(
        jsc.parallelize(listing, Math.min(listing.size(), jsc.defaultParallelism())), FileListing.SCHEMA);
    Dataset<Row> seen = lake.read(table).select(col("source_path").as("seen_path"),
        col("source_size_bytes").as("seen_size"), col("source_modified_at").as("seen_modified_at"));
    Dataset<Row> toRead = listed.join(seen, listed.col("source_path").equalTo(seen.col("seen_path")), "left")
        .filter(col("seen_path").isNull()
            .or(col("seen_size").notEqual(col("source_size_bytes")))
            .or(col("seen_modified_at").notEqual(col("source_modified_at"))))
        .select(col("source_path"), col("source_size_bytes"), col("source_modified_at"),
            col("seen_path").isNotNull().as("changed"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row c = toRead.agg(count(lit(1)), sum(when(col("changed"), 1).otherwise(0))).first();
    long n = c.getLong(0);
    if (n == 0) {
      toRead.unpersist();
      return new ToRead(null, 0, 0, null);
    }
    return new ToRead(toRead.drop("changed").repartition(partitions(n)), n, c.getLong(1), toRead);
  }

  /**
   * About {@code ingest.files-per-task} files per parse task, at most 10,000 tasks, and a whole number of waves: the
   * task count is rounded up to a multiple of the cores, so that the last wave does not leave cores idle (5 tasks on
   * 2 cores take 3 waves, the last on one core; 6 smaller ones take 3 full waves).
   */
  static int partitions(long files, int filesPerTask, int cores) {
    long tasks = Math.min(10_000, (files + filesPerTask - 1) / filesPerTask);
    long waves = (tasks + cores - 1) / cores;
    return (int) Math.max(1, Math.min(files, waves * cores));
  }

  private int partitions(long files) {
    return partitions(files, filesPerTask, spark.sparkContext().defaultParallelism());
  }
}
