package org.imaginglake.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.imaginglake.synth.testing.GeneratedDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and options: byte-identical tree; another seed: a different one. */
class DeterminismTest {
  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path again, @TempDir Path other) throws Exception {
    GeneratedDepartment.generate(again, GeneratedDepartment.SEED);
    GeneratedDepartment.generate(other, GeneratedDepartment.SEED + 1);
    String first = treeHash(GeneratedDepartment.dir());
    assertThat(treeHash(again)).isEqualTo(first);
    assertThat(treeHash(other)).isNotEqualTo(first);
  }

  /** SHA-256 over every file's relative path and content, in path order. */
  static String treeHash(Path root) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(root.relativize(p).toString().getBytes());
        sha.update(Files.readAllBytes(p));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
