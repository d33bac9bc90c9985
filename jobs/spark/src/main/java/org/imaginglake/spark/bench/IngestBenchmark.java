package org.imaginglake.spark.bench;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.dicom.DicomHeader;
import org.imaginglake.core.dicom.DicomHeaderReader;
import org.imaginglake.core.dicom.DicomReadException;
import org.imaginglake.core.dicom.InstanceExtractor;
import org.imaginglake.core.dicom.SourceFile;
import org.imaginglake.core.dose.DoseReport;
import org.imaginglake.core.dose.DoseReportException;
import org.imaginglake.core.dose.DoseReportExtractor;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.spark.bench.BenchCorpus.Corpus;
import org.imaginglake.spark.dose.DoseRows;
import org.imaginglake.spark.ingest.DicomIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.lake.LakeTables;
import org.imaginglake.spark.runs.PipelineRuns;
import org.imaginglake.spark.runs.RunCounts;

/**
 * {@code bench ingest}: files/s of ingest-dicom end to end against a bare PixelMed read loop over the same files, in
 * the same JVM and the same run, for small files (copies of real files), for CT-sized files (0.5 MB) and for
 * Radiation Dose SRs (copies of the real dose reports, each with its own instance, study, series and event UIDs; for
 * this corpus irradiation events/s are reported next to files/s, and its end-to-end rate is compared with that of the
 * small corpus when both ran).
 *
 * <p>Per corpus, in this order, each after a warm-up on the first {@value #WARMUP_FILES} files with the same code:
 * <ol>
 *   <li>bare PixelMed: {@code AttributeList.read(DicomInputStream, PixelData)} over every file, 1 thread, then 2
 *       threads (a fixed pool, each thread its own files) — the baseline;</li>
 *   <li>what ingest-dicom does per file, without Spark: {@link DicomHeaderReader}, then for SR documents of the dose
 *       classes {@link DoseReportExtractor} and the staging row (as {@code DicomParsePartition} does, before
 *       de-identification), then {@link InstanceExtractor} (typed columns, pseudonyms, de-identification, DICOM
 *       JSON), 2 threads;</li>
 *   <li>{@link DicomIngestJob#run} plus its {@code pipeline_runs} record into a fresh lake under the work folder,
 *       on the session of the command (created before timing starts), with the job's steps timed;</li>
 *   <li>the same run again on the same input: the incremental no-op, which must read no file;</li>
 *   <li>the job on the first half of the folders into a fresh lake: with (iii) it splits a run's time into a fixed
 *       cost and a marginal rate per file (a straight line through the two points).</li>
 * </ol>
 * Files are in the page cache (they were just written or read). Building the corpora is never timed. Performance is
 * measured here, never in tests.
 */
public final class IngestBenchmark {
  static final int WARMUP_FILES = 2000;
  static final int THREADS = 2;
  /** Targets of the issue, for small files on 2 cores. */
  static final double TARGET_RATIO_OF_BARE = 0.50;
  static final double TARGET_SMALL_FILES_PER_SECOND = 21_000;
  /** Public test key: the benchmark's pseudonyms are of synthetic copies and need no secrecy. */
  private static final Pseudonymizer BENCH_KEY =
      new Pseudonymizer("imaging-lake-benchmark-key-not-secret".getBytes(StandardCharsets.UTF_8), "benchmark");

  /** Which real files the small corpus copies. */
  public enum SmallKind {
    /** Instances whose file is at most 300 KB, like STACK.md's reference corpus (the default). */
    SMALL,
    /** Every instance, including dose reports of megabytes with 100,000+ attributes. */
    ALL
  }

  /**
   * @param work folder for the corpora
   * @param lakes folder for the scratch lakes ({@code bench-*} sub-folders, deleted after use)
   * @param rdsrFiles copies of the real dose reports under {@code source/rdsr} (0: skip)
   * @param source folder holding {@code dicom/} and/or {@code rdsr/} with real files to copy
   * @param runs repetitions of every measurement; the median is reported
   * @param keep keep the corpora (and reuse kept ones built with the same parameters)
   * @param smallKind which real files the small corpus copies
   */
  public record Options(Path work, Path lakes, int smallFiles, int ctFiles, int rdsrFiles, Path source, int runs,
      boolean keep, SmallKind smallKind) {
    public Options {
      if (smallFiles < 0 || ctFiles < 0 || rdsrFiles < 0) {
        throw new IllegalArgumentException("File counts cannot be negative: --small-files " + smallFiles
            + ", --ct-files " + ctFiles + ", --rdsr-files " + rdsrFiles);
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1, cannot be: " + runs);
      }
    }
  }

  /**
   * One line of the result table: median, fastest and slowest wall-clock time of the runs, and the median CPU time
   * the whole JVM used meanwhile (all threads, GC included; NaN when not measured). On a machine shared with other
   * work, CPU time is the steadier figure: it grows little when the wall clock grows by waiting for a core.
   * {@code events}: irradiation events in the files (dose report corpus), else 0.
   */
  public record Measurement(String corpus, String what, long files, long bytes, long events, double medianSeconds,
      double minSeconds, double maxSeconds, double medianCpuSeconds, String note) {
    public double filesPerSecond() {
      return files / medianSeconds;
    }

    /** Irradiation events per second, or NaN when the corpus holds none. */
    public double eventsPerSecond() {
      return events == 0 ? Double.NaN : events / medianSeconds;
    }

    public double megabytesPerSecond() {
      return bytes / 1e6 / medianSeconds;
    }
  }

  private final Options options;
  private final Supplier<SparkSession> spark;
  private final LakeConfig config;
  private final PrintStream out;
  private final List<Measurement> results = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private boolean sparkWarm;

  public IngestBenchmark(Options options, Supplier<SparkSession> spark, LakeConfig config, PrintStream out) {
    this.options = options;
    this.spark = spark;
    this.config = config;
    this.out = out;
  }

  /** Builds or reuses the corpora, measures, prints the table; returns the measurements. */
  public List<Measurement> run() {
    Logger.getLogger("com.pixelmed").setLevel(Level.SEVERE);
    out.println("imaging-lake bench ingest — " + Instant.now().atOffset(ZoneOffset.UTC).withNano(0));
    out.println("  " + Environment.describe());
    out.printf("  work %s, source %s, runs %d%s%n", options.work().toAbsolutePath().normalize(),
        options.source().toAbsolutePath().normalize(), options.runs(), options.keep() ? ", keep" : "");
    try {
      Files.createDirectories(options.work());
      if (options.smallFiles() > 0) {
        Corpus small = smallCorpus();
        measure("small", small);
      }
      if (options.ctFiles() > 0) {
        Corpus ct = ctCorpus();
        measure("ct-0.5MB", ct);
      }
      if (options.rdsrFiles() > 0) {
        Corpus rdsr = rdsrCorpus();
        measure("rdsr", rdsr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!options.keep()) {
        deleteTree(options.work().resolve("corpus"));
      }
      try (Stream<Path> scratch = Files.isDirectory(options.lakes()) ? Files.list(options.lakes()) : Stream.empty()) {
        scratch.filter(p -> p.getFileName().toString().startsWith("bench-")).forEach(IngestBenchmark::deleteTree);
      } catch (IOException e) {
        notes.add("could not remove the scratch lakes under " + options.lakes() + ": " + e.getMessage());
      }
    }
    printTable();
    return List.copyOf(results);
  }

  private Corpus smallCorpus() throws IOException {
    Path dir = options.work().resolve("corpus/small");
    Properties sig = BenchCorpus.signature("small-" + options.smallKind().name().toLowerCase(java.util.Locale.ROOT),
        options.smallFiles(), options.source());
    if (reusable(dir, sig)) {
      return BenchCorpus.existing(dir);
    }
    out.printf("Building %,d small files in %s (not timed)...%n", options.smallFiles(), dir);
    var sources = BenchCorpus.loadSources(options.source(), options.smallKind(), out);
    Corpus c = BenchCorpus.buildSmall(sources, dir, options.smallFiles(), out);
    saveSignature(dir, sig);
    return c;
  }

  private Corpus ctCorpus() throws IOException {
    Path dir = options.work().resolve("corpus/ct");
    Path template = ctTemplate();
    Properties sig = BenchCorpus.signature("ct", options.ctFiles(), template);
    if (reusable(dir, sig)) {
      return BenchCorpus.existing(dir);
    }
    out.printf("Building %,d CT-sized files from the header of %s in %s (not timed)...%n", options.ctFiles(),
        template, dir);
    Corpus c = BenchCorpus.buildCt(template, dir, options.ctFiles(), out);
    saveSignature(dir, sig);
    return c;
  }

  private Corpus rdsrCorpus() throws IOException {
    Path dir = options.work().resolve("corpus/rdsr");
    Properties sig = BenchCorpus.signature("rdsr", options.rdsrFiles(), BenchCorpus.rdsrFolder(options.source()));
    boolean reuse = reusable(dir, sig);
    if (!reuse) {
      out.printf("Building %,d dose reports in %s (not timed)...%n", options.rdsrFiles(), dir);
    }
    var sources = BenchCorpus.loadDoseReports(options.source(), out);
    if (reuse) {
      return BenchCorpus.existing(dir).withEvents(BenchCorpus.events(sources, options.rdsrFiles()));
    }
    Corpus c = BenchCorpus.buildRdsr(sources, dir, options.rdsrFiles(), out);
    saveSignature(dir, sig);
    return c;
  }

  /** CT_small.dcm of the shared data when present, else the first CT image under the source. */
  private Path ctTemplate() {
    Path known = options.source().resolve("dicom/pydicom_debian/test_files/CT_small.dcm");
    if (Files.isRegularFile(known)) {
      return known;
    }
    for (String sub : List.of("dicom", "rdsr")) {
      Path dir = options.source().resolve(sub);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path p : BenchCorpus.regularFiles(dir)) {
        AttributeList a = BenchCorpus.readWhole(p);
        if (a != null && "CT".equals(BenchCorpus.text(a, TagFromName.Modality))
            && a.get(TagFromName.PixelData) != null && BenchCorpus.isInstance(a)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("No CT image under " + options.source() + " to use as the header of the"
        + " CT-sized files; pass --source with one, or --ct-files 0");
  }

  private boolean reusable(Path dir, Properties sig) throws IOException {
    Path sigFile = signatureFile(dir);
    if (Files.isRegularFile(sigFile) && options.keep()) {
      Properties have = new Properties();
      try (InputStream in = Files.newInputStream(sigFile)) {
        have.load(in);
      }
      if (have.equals(sig)) {
        out.printf("Reusing the kept corpus %s (%s files).%n", dir, sig.getProperty("count"));
        return true;
      }
      out.printf("The kept corpus %s was built with other parameters; rebuilding it.%n", dir);
    }
    Files.deleteIfExists(sigFile);
    deleteTree(dir);
    return false;
  }

  private static void saveSignature(Path dir, Properties sig) throws IOException {
    try (var w = Files.newBufferedWriter(signatureFile(dir))) {
      sig.store(w, "imaging-lake bench corpus; the corpus is reused by --keep only while this matches");
    }
  }

  /** Beside the corpus folder, not in it: ingest-dicom would take it for an input. */
  private static Path signatureFile(Path dir) {
    return dir.resolveSibling(dir.getFileName() + ".properties");
  }

  private void measure(String corpus, Corpus c) {
    List<Path> files = c.files();
    long bytes = c.totalBytes();
    long events = c.events();
    out.printf("%nMeasuring %s: %,d files, %.1f MB (mean %.1f KB)%s%n", corpus, files.size(), c.megabytes(),
        c.totalBytes() / 1e3 / Math.max(1, files.size()),
        events == 0 ? "" : String.format(", %,d irradiation events (%.1f per file)", events,
            (double) events / Math.max(1, files.size())));
    List<Path> warmup = files.subList(0, Math.min(WARMUP_FILES, files.size()));

    bareLoop(warmup, 1);
    record(corpus, "bare PixelMed, 1 thread", files.size(), bytes, events, () -> bareLoop(files, 1));
    bareLoop(warmup, THREADS);
    record(corpus, "bare PixelMed, " + THREADS + " threads", files.size(), bytes, events,
        () -> bareLoop(files, THREADS));

    List<SourceFile> listed = listing(files);
    extractLoop(listed.subList(0, warmup.size()), THREADS);
    record(corpus, "reader+extractor, " + THREADS + " threads", files.size(), bytes, events,
        () -> extractLoop(listed, THREADS));

    endToEnd(corpus, c);
  }

  /** Runs {@code body} options.runs times, prints each run, records the median. */
  private void record(String corpus, String what, long files, long bytes, long events, Supplier<String> body) {
    double[] secs = new double[options.runs()];
    double[] cpus = new double[options.runs()];
    String note = "";
    for (int i = 0; i < secs.length; i++) {
      long t0 = System.nanoTime();
      double c0 = cpuSeconds();
      note = body.get();
      secs[i] = (System.nanoTime() - t0) / 1e9;
      cpus[i] = cpuSeconds() - c0;
      out.printf("  %-34s %8.3f s  %s  CPU %7.2f s  %s%n", what, secs[i], rates(files, events, secs[i]), cpus[i],
          note);
    }
    add(corpus, what, files, bytes, events, secs, cpus, note);
  }

  /** "N files/s", and "M events/s" after it when the files hold irradiation events. */
  private static String rates(long files, long events, double secs) {
    return String.format("%,10.0f files/s", files / secs)
        + (events == 0 ? "" : String.format("  %,10.0f events/s", events / secs));
  }

  private void add(String corpus, String what, long files, long bytes, long events, double[] secs, double[] cpus,
      String note) {
    double[] s = secs.clone();
    Arrays.sort(s);
    results.add(new Measurement(corpus, what, files, bytes, events, median(secs), s[0], s[s.length - 1],
        cpus == null ? Double.NaN : median(cpus), note));
  }

  /** CPU time of the whole JVM so far, in seconds. */
  static double cpuSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  /** The baseline: PixelMed reads each header up to Pixel Data; nothing else. */
  static String bareLoop(List<Path> files, int threads) {
    long[] attributes = parallel(files.size(), threads, (from, step) -> {
      long n = 0;
      long failed = 0;
      for (int i = from; i < files.size(); i += step) {
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(
            new FileInputStream(files.get(i).toFile())))) {
          AttributeList list = new AttributeList();
          list.read(in, TagFromName.PixelData);
          n += list.size();
        } catch (Exception e) {
          failed++;
        }
      }
      return new long[] {n, failed};
    });
    return attributes[1] == 0 ? "" : attributes[1] + " unreadable";
  }

  /**
   * What ingest-dicom does per file on an executor, minus Spark: read; for SR documents of the dose classes, the dose
   * report and its staging row, before de-identification (as {@code DicomParsePartition} does); extract,
   * pseudonymise, de-identify, JSON.
   */
  private String extractLoop(List<SourceFile> files, int threads) {
    long maxHeader = config.getLong(LakeConfig.INGEST_MAX_HEADER_BYTES, LakeConfig.INGEST_MAX_HEADER_BYTES_DEFAULT);
    Instant now = Instant.now();
    long[] r = parallel(files.size(), threads, (from, step) -> {
      DicomHeaderReader reader = new DicomHeaderReader(maxHeader);
      InstanceExtractor extractor = new InstanceExtractor(BENCH_KEY, config.siteTimeZone());
      DoseReportExtractor doseExtractor = new DoseReportExtractor();
      long jsonChars = 0;
      long refused = 0;
      long reports = 0;
      long events = 0;
      long doseFailed = 0;
      for (int i = from; i < files.size(); i += step) {
        SourceFile f = files.get(i);
        try (InputStream in = new FileInputStream(f.path())) {
          DicomHeader h = reader.read(in);
          String sopClass = com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h.attributes(),
              TagFromName.SOPClassUID);
          if (DoseRows.isCandidate(sopClass)) {
            try {
              DoseReport report = doseExtractor.extract(h.attributes());
              if (DoseRows.staging(sopClass, report) != null) {
                reports++;
                events += report.events().size();
              }
            } catch (DoseReportException e) {
              DoseRows.failure(e);
              doseFailed++;
            } catch (RuntimeException e) {
              DoseRows.failure(new DoseReportException(DoseReportException.Stage.CONTENT,
                  "internal error while reading the dose report: " + e.getClass().getSimpleName()));
              doseFailed++;
            }
          }
          jsonChars += extractor.extract(h, f, "bench", now).headerJson().length();
        } catch (IOException | DicomReadException e) {
          refused++;
        }
      }
      return new long[] {jsonChars, refused, reports, events, doseFailed};
    });
    return String.format("%.1f KB JSON/file", r[0] / 1e3 / Math.max(1, files.size()))
        + (r[1] == 0 ? "" : ", " + r[1] + " refused")
        + (r[2] == 0 && r[4] == 0 ? "" : String.format(", dose: %,d reports, %,d events", r[2], r[3]))
        + (r[4] == 0 ? "" : String.format(", %,d dose failures", r[4]));
  }

  private interface Slice {
    long[] run(int from, int step) throws Exception;
  }

  /** Thread {@code t} of {@code threads} takes files t, t + threads, ...; the sums of the slices' results. */
  private static long[] parallel(int n, int threads, Slice slice) {
    if (threads == 1) {
      try {
        return slice.run(0, 1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = t;
        parts.add(pool.submit(() -> slice.run(from, threads)));
      }
      long[] sum = null;
      for (Future<long[]> f : parts) {
        long[] v = f.get();
        if (sum == null) {
          sum = v.clone();
        } else {
          for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
          }
        }
      }
      return sum;
    } catch (Exception e) {
      throw new IllegalStateException("Benchmark loop failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<SourceFile> listing(List<Path> files) {
    List<SourceFile> out = new ArrayList<>(files.size());
    for (Path p : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.add(new SourceFile(p.toAbsolutePath().toString(), a.size(), a.lastModifiedTime().toInstant()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** (iii) and (iv): the job into a fresh lake, then again on the same input. */
  private void endToEnd(String corpus, Corpus c) {
    SparkSession session = spark.get();
    if (!sparkWarm) {
      warmUpSpark(session, c);
      sparkWarm = true;
    }
    List<String> inputs = List.of(c.dir().toAbsolutePath().toString());
    int n = c.files().size();
    List<Path> folders = c.files().stream().map(Path::getParent).distinct().toList();
    List<Path> half = folders.subList(0, folders.size() / 2);
    List<String> halfInputs = half.stream().map(p -> p.toAbsolutePath().toString()).toList();
    long halfFiles = c.files().stream().filter(f -> half.contains(f.getParent())).count();
    double[] first = new double[options.runs()];
    double[] firstCpu = new double[options.runs()];
    double[] second = new double[options.runs()];
    double[] secondCpu = new double[options.runs()];
    double[] partial = new double[options.runs()];
    String firstNote = "";
    String secondNote = "";
    for (int k = 0; k < options.runs(); k++) {
      Path lakeDir = options.lakes().resolve("bench-" + corpus + "-" + k);
      deleteTree(lakeDir);
      Lake lake = new Lake(session, lakeDir.toAbsolutePath().toString());
      DicomIngestJob job = new DicomIngestJob(session, lake, config, BENCH_KEY, new PrintStream(
          java.io.OutputStream.nullOutputStream()));

      long t0 = System.nanoTime();
      double c0 = cpuSeconds();
      RunCounts r1 = ingest(job, lake, "bench-1", inputs);
      first[k] = (System.nanoTime() - t0) / 1e9;
      firstCpu[k] = cpuSeconds() - c0;
      firstNote = String.format("loaded %,d, dup %,d, quarantined %,d", r1.loaded(), r1.duplicates(),
          r1.quarantined());
      if (c.events() > 0) {
        // not timed: the events the run wrote, one row per Irradiation Event UID across the lake
        long rows = lake.exists(LakeTables.DOSE_EVENTS) ? lake.read(LakeTables.DOSE_EVENTS).count() : 0;
        firstNote += String.format(", dose_events %,d rows", rows);
        if (rows != c.events()) {
          notes.add(String.format("%s: dose_events has %,d rows after the first run, the corpus %,d events", corpus,
              rows, c.events()));
        }
      }
      out.printf("  %-34s %8.3f s  %s  CPU %7.2f s  %s%n", "ingest-dicom, fresh lake", first[k],
          rates(n, c.events(), first[k]), firstCpu[k], firstNote);
      out.printf("    steps: %s%n", job.phases());
      if (r1.inputs() != n) {
        notes.add(corpus + ": the first run read " + r1.inputs() + " of " + n + " files");
      }

      long t1 = System.nanoTime();
      double c1 = cpuSeconds();
      RunCounts r2 = ingest(job, lake, "bench-2", inputs);
      second[k] = (System.nanoTime() - t1) / 1e9;
      secondCpu[k] = cpuSeconds() - c1;
      secondNote = String.format("read %,d, skipped %,d unchanged", r2.inputs(), r2.unchangedSkipped());
      out.printf("  %-34s %8.3f s  %,10.0f files/s  CPU %7.2f s  %s%n", "ingest-dicom, again (no-op)", second[k],
          n / second[k], secondCpu[k], secondNote);
      out.printf("    steps: %s%n", job.phases());
      if (r2.inputs() != 0) {
        notes.add(corpus + ": the second run read " + r2.inputs() + " files instead of none");
      }
      deleteTree(lakeDir);

      if (!halfInputs.isEmpty()) {
        Lake halfLake = new Lake(session, lakeDir.toAbsolutePath().toString());
        DicomIngestJob halfJob = new DicomIngestJob(session, halfLake, config, BENCH_KEY, new PrintStream(
            java.io.OutputStream.nullOutputStream()));
        long t2 = System.nanoTime();
        ingest(halfJob, halfLake, "bench-half", halfInputs);
        partial[k] = (System.nanoTime() - t2) / 1e9;
        out.printf("  %-34s %8.3f s  %,10.0f files/s  %,d files in %d folders%n", "ingest-dicom, fresh lake, half",
            partial[k], halfFiles / partial[k], halfFiles, half.size());
        deleteTree(lakeDir);
      }
    }
    add(corpus, "ingest-dicom end to end", n, c.totalBytes(), c.events(), first, firstCpu, firstNote);
    add(corpus, "ingest-dicom again (no-op)", n, c.totalBytes(), 0, second, secondCpu, secondNote);
    if (!halfInputs.isEmpty()) {
      double full = median(first);
      double part = median(partial);
      double perFile = (full - part) / (n - halfFiles);
      double fixed = full - n * perFile;
      String note = String.format("from %,d and %,d files: fixed cost %.1f s per run", n, halfFiles, fixed);
      if (perFile > 0) {
        add(corpus, "ingest-dicom marginal", n, c.totalBytes(), c.events(), new double[] {n * perFile}, null, note);
      } else {
        notes.add(corpus + ": no marginal rate, the half run was not faster (" + note + "); load too uneven?");
      }
    }
  }

  static double median(double[] secs) {
    double[] s = secs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** One ingest as the CLI does it: the job, then its pipeline_runs record. */
  private static RunCounts ingest(DicomIngestJob job, Lake lake, String runId, List<String> inputs) {
    Instant started = Instant.now();
    RunCounts counts = job.run(runId, inputs);
    PipelineRuns.record(lake, runId, DicomIngestJob.NAME, "succeeded", started, Instant.now(), "bench", counts,
        "bench");
    return counts;
  }

  /**
   * The first Delta writes of a JVM load and compile a lot of code: ingest the folders holding the first
   * {@value #WARMUP_FILES} files into a scratch lake, twice, untimed.
   */
  private void warmUpSpark(SparkSession session, Corpus c) {
    Path warmLake = options.lakes().resolve("bench-warm-up");
    deleteTree(warmLake);
    List<String> folders = c.files().subList(0, Math.min(WARMUP_FILES, c.files().size())).stream()
        .map(f -> f.getParent().toAbsolutePath().toString()).distinct().toList();
    out.printf("  (warming up Spark and Delta: %d folder(s) into a scratch lake, twice, not timed)%n", folders.size());
    Lake lake = new Lake(session, warmLake.toAbsolutePath().toString());
    DicomIngestJob job = new DicomIngestJob(session, lake, config, BENCH_KEY,
        new PrintStream(java.io.OutputStream.nullOutputStream()));
    ingest(job, lake, "warm-1", folders);
    ingest(job, lake, "warm-2", folders);
    deleteTree(warmLake);
  }

  private void printTable() {
    out.println();
    out.println("Results (median of " + options.runs() + " run(s); MB/s counts whole files, though only headers are"
        + " read; CPU s: CPU time of the whole JVM)");
    out.printf("%-9s %-30s %8s %9s %10s %10s %9s %8s %8s  %s%n", "corpus", "measurement", "files", "seconds",
        "files/s", "events/s", "MB/s", "CPU s", "vs bare2", "note");
    for (Measurement m : results) {
      Measurement bare = bare2(m.corpus());
      out.printf("%-9s %-30s %,8d %9.3f %,10.0f %10s %9.1f %8s %7.0f%%  %s%n", m.corpus(), m.what(), m.files(),
          m.medianSeconds(), m.filesPerSecond(),
          Double.isNaN(m.eventsPerSecond()) ? "" : String.format("%,.0f", m.eventsPerSecond()),
          m.megabytesPerSecond(),
          Double.isNaN(m.medianCpuSeconds()) ? "" : String.format("%.2f", m.medianCpuSeconds()),
          bare == null ? 0 : 100 * m.filesPerSecond() / bare.filesPerSecond(), m.note());
    }
    printRdsrAgainstSmall();
    out.println();
    for (String corpus : List.of("small", "ct-0.5MB", "rdsr")) {
      Measurement e2e = find(corpus, "ingest-dicom end to end");
      Measurement bare = bare2(corpus);
      if (e2e == null || bare == null) {
        continue;
      }
      double ratio = e2e.filesPerSecond() / bare.filesPerSecond();
      if (corpus.equals("rdsr")) {
        // issue 2's targets are for image headers; dose reports have none
        out.printf("%s: ingest-dicom is %.0f%% of the bare %d-thread loop (no target)%n", corpus, 100 * ratio,
            THREADS);
      } else {
        out.printf("%s: ingest-dicom is %.0f%% of the bare %d-thread loop (target >= %.0f%%): %s%n", corpus,
            100 * ratio, THREADS, 100 * TARGET_RATIO_OF_BARE, ratio >= TARGET_RATIO_OF_BARE ? "PASS" : "MISS");
      }
      out.printf("%s:   by CPU time: ingest-dicom %.2f CPU s, bare loop %.2f CPU s: %.0f%% as efficient%n", corpus,
          e2e.medianCpuSeconds(), bare.medianCpuSeconds(), 100 * bare.medianCpuSeconds() / e2e.medianCpuSeconds());
      if (corpus.equals("small")) {
        out.printf("%s: ingest-dicom %,.0f files/s (target >= %,.0f files/s): %s%n", corpus, e2e.filesPerSecond(),
            TARGET_SMALL_FILES_PER_SECOND, e2e.filesPerSecond() >= TARGET_SMALL_FILES_PER_SECOND ? "PASS" : "MISS");
      }
    }
    notes.forEach(n -> out.println("NOTE: " + n));
    out.println("  " + Environment.describe());
  }

  /**
   * The named baseline of the dose report corpus: the small (header-only) corpus's end-to-end run in the same JVM and
   * the same run; printed when both ran.
   */
  private void printRdsrAgainstSmall() {
    Measurement small = find("small", "ingest-dicom end to end");
    Measurement rdsr = find("rdsr", "ingest-dicom end to end");
    if (small == null || rdsr == null) {
      return;
    }
    out.println();
    out.println("Dose reports against the small (header-only) corpus, ingest-dicom end to end in this run:");
    out.printf("  %-6s %8s %9s %10s %10s %12s %17s %18s%n", "corpus", "files", "mean KB", "files/s", "events/s",
        "CPU ms/file", "files/s vs small", "CPU/file vs small");
    for (Measurement m : List.of(small, rdsr)) {
      out.printf("  %-6s %,8d %9.1f %,10.0f %10s %12s %16.0f%% %17.1fx%n", m.corpus(), m.files(),
          m.bytes() / 1e3 / m.files(), m.filesPerSecond(),
          Double.isNaN(m.eventsPerSecond()) ? "" : String.format("%,.0f", m.eventsPerSecond()), cpuMsPerFile(m),
          100 * m.filesPerSecond() / small.filesPerSecond(),
          (m.medianCpuSeconds() / m.files()) / (small.medianCpuSeconds() / small.files()));
    }
  }

  private static String cpuMsPerFile(Measurement m) {
    return Double.isNaN(m.medianCpuSeconds()) ? "" : String.format("%.1f", 1e3 * m.medianCpuSeconds() / m.files());
  }

  private Measurement bare2(String corpus) {
    return find(corpus, "bare PixelMed, " + THREADS + " threads");
  }

  private Measurement find(String corpus, String what) {
    return results.stream().filter(m -> m.corpus().equals(corpus) && m.what().equals(what)).findFirst()
        .orElse(null);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
