package org.imaginglake.synth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.imaginglake.synth.Generator;
import org.imaginglake.synth.sim.Profile;

/** One small department (seed 1, default period) generated once per test JVM and shared by the test classes. */
public final class GeneratedDepartment {
  public static final long SEED = 1;
  private static Path dir;
  private static Generator.Summary summary;

  private GeneratedDepartment() {}

  public static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("synth-small");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      summary = generate(dir, SEED);
    }
    return dir;
  }

  public static synchronized Generator.Summary summary() {
    dir();
    return summary;
  }

  public static Generator.Summary generate(Path out, long seed) {
    Profile p = Profile.SMALL;
    return Generator.run(new Generator.Options(out, seed, p, p.defaultDays(), p.defaultStart(), 0, 2, false),
        (n, s) -> { }, 60);
  }

  public static List<Path> files(String sub, String suffix) {
    try (Stream<Path> walk = Files.walk(dir().resolve(sub))) {
      return new ArrayList<>(walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
