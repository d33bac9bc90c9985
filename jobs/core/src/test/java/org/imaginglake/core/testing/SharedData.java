package org.imaginglake.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the real test files are: ../shared/data beside the project (read-only, never copied). */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String p = System.getProperty("imaginglake.shared.data");
    Path path = p != null ? Path.of(p) : Path.of("../../../shared/data");
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("Real test data not found at " + path.toAbsolutePath()
          + ": tests expect ../shared/data beside the project (CI provides it)");
    }
    return path.normalize();
  }

  public static Path dicom(String relative) {
    return root().resolve("dicom").resolve(relative);
  }

  public static Path rdsr(String relative) {
    return root().resolve("rdsr").resolve(relative);
  }

  /** Every regular file under {@code dicom/} and {@code rdsr/}, sorted, SOURCE.md notes left out. */
  public static List<Path> allImagingFiles() {
    try (Stream<Path> a = Files.walk(root().resolve("dicom")); Stream<Path> b = Files.walk(root().resolve("rdsr"))) {
      return Stream.concat(a, b)
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("SOURCE.md"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
