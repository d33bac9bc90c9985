package org.imaginglake.spark.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lists the files under the given paths (files or folders, recursively; any Hadoop file system URI) on the driver.
 * The listing — path, size, modification time — is the only thing on the driver that grows with the number of files;
 * contents are never read here.
 *
 * <p>Local folders are walked with {@code java.nio}, not with Hadoop's {@code listFiles}: without Hadoop's native
 * library that call starts an {@code ls} process per file to fill in permissions nobody asked for (about 5 ms a file,
 * most of a run's time on small files). Paths, sizes and times are the same as Hadoop's (a test checks), so rows
 * recorded by either way match on a later run.
 */
final class FileListing {
  static final StructType SCHEMA = new StructType()
      .add("source_path", DataTypes.StringType, false)
      .add("source_size_bytes", DataTypes.LongType, false)
      .add("source_modified_at", DataTypes.TimestampType, false);

  private FileListing() {}

  /** Every file once, even when inputs overlap (a folder and a file in it). */
  static List<Row> list(Configuration conf, List<String> inputs, PrintStream progress) {
    List<Row> rows = new ArrayList<>();
    for (String input : inputs) {
      Path p = new Path(input);
      try {
        FileSystem fs = p.getFileSystem(conf);
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
          listLocal(fs, fs.makeQualified(p), rows, progress);
        } else {
          listHadoop(fs, p, rows, progress);
        }
      } catch (FileNotFoundException | NoSuchFileException e) {
        throw new IllegalArgumentException("Input path does not exist: " + input);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + input + ": " + e.getMessage(), e);
      }
    }
    if (inputs.size() > 1) {
      Set<String> seen = new HashSet<>();
      rows.removeIf(r -> !seen.add(r.getString(0)));
    }
    return rows;
  }

  /** Hadoop's own recursive listing, for every file system but the local one. */
  static void listHadoop(FileSystem fs, Path p, List<Row> rows, PrintStream progress) throws IOException {
    FileStatus st = fs.getFileStatus(p);
    if (st.isFile()) {
      rows.add(row(fs, st));
      return;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
    while (it.hasNext()) {
      rows.add(row(fs, it.next()));
      tick(rows, progress);
    }
  }

  /** Local files, symbolic links followed as Hadoop's local file system does. */
  static void listLocal(FileSystem fs, Path qualified, List<Row> rows, PrintStream progress) throws IOException {
    java.nio.file.Path start = java.nio.file.Path.of(qualified.toUri());
    if (!Files.exists(start)) {
      throw new FileNotFoundException(start.toString());
    }
    String base = qualified.toString();
    int baseLength = start.toString().length();
    Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes a) {
            if (a.isRegularFile()) {
              String rel = file.toString().substring(baseLength);
              rows.add(RowFactory.create(rel.isEmpty() ? base : base + rel, a.size(),
                  Instant.ofEpochMilli(a.lastModifiedTime().toMillis())));
              tick(rows, progress);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
            if (file.equals(start)) {
              throw e;
            }
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
          }
        });
  }

  private static Row row(FileSystem fs, FileStatus st) {
    return RowFactory.create(fs.makeQualified(st.getPath()).toString(), st.getLen(),
        Instant.ofEpochMilli(st.getModificationTime()));
  }

  private static void tick(List<Row> rows, PrintStream progress) {
    if (rows.size() % 50_000 == 0) {
      progress.printf("  listed %,d files...%n", rows.size());
    }
  }
}
