package org.imaginglake.spark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local walk must give exactly the rows Hadoop's listing gives (path text, size, time): dicom_files rows written
 * by either are matched by path on later runs.
 */
class FileListingTest {
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void localWalkEqualsHadoopListing() throws IOException {
    Configuration conf = new Configuration();
    for (Path dir : List.of(TestSpark.sharedData().resolve("dicom"), TestSpark.sharedData().resolve("rdsr"))) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir.toString());
      FileSystem fs = p.getFileSystem(conf);
      List<Row> hadoop = new ArrayList<>();
      FileListing.listHadoop(fs, p, hadoop, QUIET);
      List<Row> local = FileListing.list(conf, List.of(dir.toString()), QUIET);
      assertThat(local).hasSizeGreaterThan(40);
      assertThat(sorted(local)).as(dir.toString()).containsExactlyElementsOf(sorted(hadoop));
      assertThat(local.get(0).getString(0)).startsWith("file:/");
    }
  }

  @Test
  void overlappingInputsListEachFileOnce(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("a b/c"));
    Files.writeString(dir.resolve("a b/c/one.dcm"), "x");
    Files.writeString(dir.resolve("a b/two.dcm"), "xy");
    Configuration conf = new Configuration();
    List<Row> rows = FileListing.list(conf, List.of(dir.toString(), dir.resolve("a b/c/one.dcm").toString(),
        "file://" + dir.resolve("a b")), QUIET);
    assertThat(rows).extracting(r -> r.getString(0)).containsExactlyInAnyOrder(
        "file:" + dir.resolve("a b/c/one.dcm"), "file:" + dir.resolve("a b/two.dcm"));
    List<Row> hadoop = new ArrayList<>();
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir.toString());
    FileListing.listHadoop(p.getFileSystem(conf), p, hadoop, QUIET);
    assertThat(sorted(rows)).containsExactlyElementsOf(sorted(hadoop));
  }

  @Test
  void missingInputIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> FileListing.list(new Configuration(), List.of(dir.resolve("nope").toString()), QUIET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(r -> r.getString(0) + " " + r.getLong(1) + " " + r.get(2))
        .sorted(Comparator.naturalOrder()).toList();
  }
}
