package org.imaginglake.spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.spark.SparkSessions;

/**
 * The one local Spark session of the test JVM, shared by every test class (each extra session costs ~2 s), built by
 * the same code as the jobs' session, with 2 shuffle partitions to keep small tests fast.
 */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      System.setProperty("spark.sql.shuffle.partitions", "2");
      spark = SparkSessions.create("imaging-lake-tests", "local[2]");
      spark.conf().set("spark.sql.shuffle.partitions", "2");
    }
    return spark;
  }

  /** Real test data beside the project: ../shared/data (CI provides it). */
  public static Path sharedData() {
    String p = System.getProperty("imaginglake.shared.data");
    Path path = p != null ? Path.of(p) : Path.of("../../../shared/data");
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("Real test data not found at " + path.toAbsolutePath());
    }
    return path.toAbsolutePath().normalize();
  }

  /** The project folder (for conf/ and data-samples/). */
  public static Path projectDir() {
    String p = System.getProperty("imaginglake.project.dir");
    return Path.of(p != null ? p : "../..").toAbsolutePath().normalize();
  }

  public static long countFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
