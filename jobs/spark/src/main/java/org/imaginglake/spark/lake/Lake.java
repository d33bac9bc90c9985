package org.imaginglake.spark.lake;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The lake: a root folder (any Hadoop file system) holding one Delta table per sub-folder. Tables are created from
 * their {@link TableSchema} on first write, so their columns, nullability and comments are exactly
 * {@code schemas/<table>.json}; writes are conformed to that schema (column order, types) before they happen.
 *
 * <p>Writes are MERGEs on the table's natural key, which makes every job idempotent: applying the same rows twice
 * leaves the table as it was after the first time.
 */
public final class Lake {
  private final SparkSession spark;
  private final Path root;

  public Lake(SparkSession spark, String rootDir) {
    this.spark = spark;
    try {
      Path p = new Path(rootDir);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open lake folder " + rootDir + ": " + e.getMessage(), e);
    }
  }

  public SparkSession spark() {
    return spark;
  }

  /** Fully qualified URI of the lake root. */
  public String root() {
    return root.toString();
  }

  /** Fully qualified URI of a table's folder (absolute, as Delta SQL requires). */
  public String path(String table) {
    return new Path(root, table).toString();
  }

  /** A scratch folder for one run's intermediate files, under {@code <lake>/_staging}. */
  public String stagingPath(String runId, String name) {
    return new Path(new Path(new Path(root, "_staging"), runId), name).toString();
  }

  public void deleteStaging(String runId) {
    Path p = new Path(new Path(root, "_staging"), runId);
    try {
      p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete staging folder " + p + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  public Dataset<Row> read(String table) {
    if (!exists(table)) {
      return spark.createDataFrame(List.of(), TableSchema.load(table).structType());
    }
    return spark.read().format("delta").load(path(table));
  }

  /** Creates the table from its schema file when it does not exist yet; true when it was created now. */
  public boolean ensure(String table) {
    if (exists(table)) {
      return false;
    }
    TableSchema schema = TableSchema.load(table);
    DeltaTable.createIfNotExists(spark)
        .location(path(table))
        .comment(schema.doc())
        .addColumns(schema.structType())
        .execute();
    return true;
  }

  /**
   * Brings a table written by an earlier version up to its schema file: adds, in one ALTER TABLE per column, each
   * declared column the table lacks, at its declared position, with its comment. Only nullable columns can be added
   * (existing rows get null); a missing non-nullable column is an error that says to rebuild the table. Returns the
   * names of the columns added.
   */
  public List<String> upgrade(String table) {
    if (!exists(table)) {
      return List.of();
    }
    List<String> have = Arrays.asList(read(table).columns());
    List<String> added = new ArrayList<>();
    String previous = null;
    for (StructField f : TableSchema.load(table).structType().fields()) {
      if (!have.contains(f.name())) {
        if (!f.nullable()) {
          throw new IllegalStateException("Table " + table + " at " + path(table) + " lacks column " + f.name()
              + ", which cannot be added to existing rows (not nullable): rebuild the table (delete its folder and"
              + " re-run the job that writes it)");
        }
        String comment = f.getComment().isDefined() ? f.getComment().get().replace("\\", "\\\\")
            .replace("'", "\\'") : "";
        spark.sql("ALTER TABLE delta.`" + path(table) + "` ADD COLUMNS (`" + f.name() + "` "
            + f.dataType().sql() + " COMMENT '" + comment + "' " + (previous == null ? "FIRST" : "AFTER `" + previous
            + "`") + ")");
        added.add(f.name());
      }
      previous = f.name();
    }
    return added;
  }

  /** {@code rows} with exactly the table's columns, in order, cast to the declared types. */
  public Dataset<Row> conform(String table, Dataset<Row> rows) {
    TableSchema schema = TableSchema.load(table);
    List<String> have = Arrays.asList(rows.columns());
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.structType().fields()) {
      if (!have.contains(f.name())) {
        throw new IllegalArgumentException("Rows for table " + table + " lack column " + f.name());
      }
      cols.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  /**
   * Upserts {@code rows} on the table's key: matched rows are replaced when {@code updateMatched}, new keys are
   * inserted. On a table created by this call the rows are appended (a MERGE into an empty table would only cost).
   */
  public void upsert(String table, Dataset<Row> rows, boolean updateMatched) {
    Dataset<Row> conformed = conform(table, rows);
    if (ensure(table)) {
      conformed.write().format("delta").mode("append").save(path(table));
      return;
    }
    TableSchema schema = TableSchema.load(table);
    StringBuilder on = new StringBuilder();
    for (String k : schema.key()) {
      if (on.length() > 0) {
        on.append(" AND ");
      }
      on.append("t.`").append(k).append("` <=> s.`").append(k).append('`');
    }
    var merge = DeltaTable.forPath(spark, path(table)).as("t").merge(conformed.as("s"), on.toString());
    if (updateMatched) {
      merge = merge.whenMatched().updateAll();
    }
    merge.whenNotMatched().insertAll().execute();
  }

  /**
   * Replaces, in one commit, every row of the groups {@code rows} covers: {@code rows} holds the complete new content of
   * each group it has a row for ({@code groupColumn} value), so the table's rows of those groups that {@code rows}
   * lacks are deleted, the others updated or inserted on the key. Groups without a row in {@code rows} are untouched.
   * Used for derived tables recomputed per study, where a recomputation may drop a row (header-derived dose events
   * replaced by a report's events).
   */
  public void replaceGroups(String table, Dataset<Row> rows, String groupColumn) {
    Dataset<Row> conformed = conform(table, rows);
    if (ensure(table)) {
      conformed.write().format("delta").mode("append").save(path(table));
      return;
    }
    TableSchema schema = TableSchema.load(table);
    List<Column> keys = new ArrayList<>();
    for (String k : schema.key()) {
      keys.add(functions.col(k).as("_new_" + k));
    }
    Dataset<Row> existing = read(table);
    Dataset<Row> groups = conformed.select(functions.col(groupColumn).as("_group")).distinct();
    Dataset<Row> newKeys = conformed.select(keys.toArray(new Column[0]));
    Dataset<Row> stale = existing
        .join(groups, existing.col(groupColumn).equalTo(groups.col("_group")), "left_semi")
        .join(newKeys, schema.key().stream()
            .map(k -> existing.col(k).eqNullSafe(newKeys.col("_new_" + k)))
            .reduce(Column::and).orElseThrow(), "left_anti")
        .withColumn("_delete", functions.lit(true));
    Dataset<Row> source = conformed.withColumn("_delete", functions.lit(false)).unionByName(stale);
    StringBuilder on = new StringBuilder();
    for (String k : schema.key()) {
      if (on.length() > 0) {
        on.append(" AND ");
      }
      on.append("t.`").append(k).append("` <=> s.`").append(k).append('`');
    }
    Map<String, String> assign = new LinkedHashMap<>();
    for (String c : schema.columnNames()) {
      assign.put("`" + c + "`", "s.`" + c + "`");
    }
    DeltaTable.forPath(spark, path(table)).as("t").merge(source.as("s"), on.toString())
        .whenMatched("s._delete").delete()
        .whenMatched().updateExpr(assign)
        .whenNotMatched("NOT s._delete").insertExpr(assign)
        .execute();
  }

  /** Replaces the table's rows by {@code rows} in one commit (for tables recomputed whole). */
  public void overwrite(String table, Dataset<Row> rows) {
    Dataset<Row> conformed = conform(table, rows);
    ensure(table);
    conformed.write().format("delta").mode("overwrite").save(path(table));
  }

  /** Appends rows (for tables whose key is unique by construction, such as pipeline_runs). */
  public void append(String table, Dataset<Row> rows) {
    Dataset<Row> conformed = conform(table, rows);
    ensure(table);
    conformed.write().format("delta").mode("append").save(path(table));
  }

  /** Table names present in the lake (folders holding a Delta log), sorted. */
  public List<String> tables() {
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus s : fs.listStatus(root)) {
        if (s.isDirectory() && !s.getPath().getName().startsWith("_")
            && fs.exists(new Path(s.getPath(), "_delta_log"))) {
          names.add(s.getPath().getName());
        }
      }
      names.sort(null);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list lake " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Registers every table of the lake as a temporary view of the same name, for SQL; a known table the lake does not
   * have yet (jobs create a table on its first row) is an empty view with the table's schema. Returns the tables the
   * lake has.
   */
  public List<String> registerViews() {
    List<String> names = tables();
    for (String t : names) {
      spark.read().format("delta").load(path(t)).createOrReplaceTempView(t);
    }
    for (String t : LakeTables.ALL) {
      if (!names.contains(t)) {
        read(t).createOrReplaceTempView(t);
      }
    }
    return names;
  }
}
