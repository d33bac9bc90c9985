package org.imaginglake.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.imaginglake.synth.dicom.PixelData;
import org.imaginglake.synth.dicom.StudyWriter;
import org.imaginglake.synth.hl7.RisExport;
import org.imaginglake.synth.model.Department;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.sim.Profile;
import org.imaginglake.synth.sim.Simulation;
import org.imaginglake.synth.truth.GroundTruthWriter;

/**
 * Generates a synthetic department into a folder: simulates it, then writes the DICOM files on {@code threads}
 * worker threads (one task per study; every file depends only on the seed and its exam, so the output is
 * byte-identical whatever the thread count or scheduling) while the calling thread writes HL7, the event CSV and
 * the ground truth. Reports progress through a callback every {@code progressSeconds}.
 */
public final class Generator {
  /** Folders and files a run writes; {@code --force} removes exactly these before writing. */
  static final List<String> OUTPUTS = List.of("dicom", "hl7", "ris", "ground_truth", "generation.txt");

  /** What to generate. {@code pixelBytes} 0 means the default tiny image. */
  public record Options(Path out, long seed, Profile profile, int days, LocalDate start, long pixelBytes,
      int threads, boolean force) {
    public Options {
      if (days < 1 || days > 366) {
        throw new IllegalArgumentException("--days must be between 1 and 366, not " + days);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
      }
      if (pixelBytes < 0) {
        throw new IllegalArgumentException("--pixel-bytes must not be negative, not " + pixelBytes);
      }
    }
  }

  /** Counts of what was written, and how long it took. */
  public record Summary(int sites, int scanners, int patients, int orders, int exams, int studies, int series,
      long instances, int srs, int hl7Messages, long bytes, double seconds) {
    public double instancesPerSecond() {
      return instances / Math.max(seconds, 1e-3);
    }
  }

  /** Receives the running count of DICOM instances written. */
  public interface Progress {
    void report(long instances, double seconds);
  }

  private Generator() {}

  public static Summary run(Options o, Progress progress, int progressSeconds) {
    long started = System.nanoTime();
    prepare(o.out(), o.force());
    Department dept = Simulation.run(o.seed(), o.profile(), o.start(), o.days());
    List<Exam> performed = dept.exams().stream().filter(Exam::performed).toList();
    PixelData pixels = PixelData.ofAtLeast(o.pixelBytes());
    AtomicLong instances = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(o.threads());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> progress.report(instances.get(), (System.nanoTime() - started) / 1e9),
        progressSeconds, progressSeconds, TimeUnit.SECONDS);
    try {
      ThreadLocal<StudyWriter> writers = ThreadLocal.withInitial(() -> new StudyWriter(o.seed(), o.out(), pixels));
      List<Future<StudyWriter.Written>> futures = new ArrayList<>();
      for (Exam e : performed) {
        futures.add(pool.submit(() -> {
          StudyWriter.Written w = writers.get().write(e);
          instances.addAndGet(w.instances());
          return w;
        }));
      }
      int hl7Messages = RisExport.write(o.seed(), dept, o.out());
      new GroundTruthWriter(o.seed(), dept, o.out()).write();
      writeManifest(o);
      long bytes = 0;
      int srs = 0;
      for (Future<StudyWriter.Written> f : futures) {
        StudyWriter.Written w = f.get();
        bytes += w.bytes();
        srs += w.srs();
      }
      bytes += sizeOfNonDicom(o.out());
      int series = performed.stream().mapToInt(e -> e.acquisition().series().size()).sum() + srs;
      int scanners = dept.sites().stream().mapToInt(s -> s.scanners().size()).sum();
      int patients = (int) dept.exams().stream().map(e -> e.patient().id()).distinct().count();
      return new Summary(dept.sites().size(), scanners, patients, dept.exams().size(), performed.size(),
          performed.size(), series, instances.get(), srs, hl7Messages, bytes, (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      ticker.shutdownNow();
      pool.shutdownNow();
    }
  }

  /** Refuses a non-empty folder unless forced; forced, removes what an earlier run wrote (and nothing else). */
  private static void prepare(Path out, boolean force) {
    try {
      if (Files.isDirectory(out)) {
        try (Stream<Path> entries = Files.list(out)) {
          if (entries.findAny().isPresent() && !force) {
            throw new IllegalArgumentException("Output folder " + out + " is not empty. Choose an empty or new "
                + "folder, or pass --force to replace the generated content (" + String.join(", ", OUTPUTS) + ").");
          }
        }
        for (String name : OUTPUTS) {
          deleteTree(out.resolve(name));
        }
      } else if (Files.exists(out)) {
        throw new IllegalArgumentException("Output path " + out + " is a file, not a folder.");
      }
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static void writeManifest(Options o) throws IOException {
    String text = "Generated by imaging-lake generate (docs/synthetic-department.md).\n"
        + "profile=" + o.profile().name().toLowerCase() + "\nseed=" + o.seed() + "\nstart=" + o.start()
        + "\ndays=" + o.days() + "\npixel-bytes=" + o.pixelBytes() + "\n";
    Files.writeString(o.out().resolve("generation.txt"), text, StandardCharsets.UTF_8);
  }

  private static long sizeOfNonDicom(Path out) throws IOException {
    long total = 0;
    for (String name : OUTPUTS) {
      Path p = out.resolve(name);
      if (name.equals("dicom") || !Files.exists(p)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          total += Files.size(f);
        }
      }
    }
    return total;
  }
}
