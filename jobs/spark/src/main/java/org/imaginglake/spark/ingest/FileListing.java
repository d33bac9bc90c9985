package org.imaginglake.spark.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lists the files under the given paths (files or folders, recursively; any Hadoop file system URI) on the driver.
 * The listing — path, size, modification time — is the only thing on the driver that grows with the number of files;
 * contents are never read here.
 */
final class FileListing {
  static final StructType SCHEMA = new StructType()
      .add("source_path", DataTypes.StringType, false)
      .add("source_size_bytes", DataTypes.LongType, false)
      .add("source_modified_at", DataTypes.TimestampType, false);

  private FileListing() {}

  static List<Row> list(Configuration conf, List<String> inputs, PrintStream progress) {
    List<Row> rows = new ArrayList<>();
    for (String input : inputs) {
      Path p = new Path(input);
      try {
        FileSystem fs = p.getFileSystem(conf);
        FileStatus st = fs.getFileStatus(p);
        if (st.isFile()) {
          rows.add(row(fs, st));
          continue;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
        while (it.hasNext()) {
          rows.add(row(fs, it.next()));
          if (rows.size() % 50_000 == 0) {
            progress.printf("  listed %,d files...%n", rows.size());
          }
        }
      } catch (FileNotFoundException e) {
        throw new IllegalArgumentException("Input path does not exist: " + input);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + input + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  private static Row row(FileSystem fs, FileStatus st) {
    return RowFactory.create(fs.makeQualified(st.getPath()).toString(), st.getLen(),
        Instant.ofEpochMilli(st.getModificationTime()));
  }

}
