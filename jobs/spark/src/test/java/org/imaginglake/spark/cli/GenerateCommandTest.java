package org.imaginglake.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} end to end through the command line, without Spark. */
class GenerateCommandTest {
  @Test
  void generatesSummarisesAndRefusesANonEmptyFolder(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("dept");
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int first;
    try {
      first = ImagingLakeCli.execute("generate", "--out", out.toString(), "--days", "1");
    } finally {
      System.setOut(stdout);
    }
    assertThat(first).isZero();
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("DICOM instances", "bench generate:");
    assertThat(out.resolve("ground_truth/exams.csv")).exists();
    assertThat(Files.list(out.resolve("hl7"))).isNotEmpty();

    assertThat(ImagingLakeCli.execute("generate", "--out", out.toString(), "--days", "1")).isEqualTo(1);
    assertThat(ImagingLakeCli.execute("generate", "--out", out.toString(), "--days", "1", "--force")).isZero();
    assertThat(ImagingLakeCli.execute("generate", "--out", tmp.resolve("x").toString(), "--profile", "huge"))
        .isEqualTo(1);
  }
}
