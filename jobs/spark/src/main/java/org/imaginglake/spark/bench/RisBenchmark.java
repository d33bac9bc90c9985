package org.imaginglake.spark.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.ris.Hl7Splitter;
import org.imaginglake.core.ris.RawHl7Message;
import org.imaginglake.spark.ingest.RisIngestJob;
import org.imaginglake.spark.lake.Lake;
import org.imaginglake.spark.runs.RunCounts;

/**
 * {@code bench ris}: HL7 messages/s of ingest-ris end to end against a bare HAPI parse loop over the same messages, in
 * one JVM and one run.
 *
 * <p>The corpus: every message of the real HL7 files under the source folder, copied round-robin until there are N,
 * each copy with its own MSH-10 (so no copy is a duplicate of another), {@value #MESSAGES_PER_FILE} messages per file
 * separated by CR LF, as interface engines write batch files. Real messages include unsupported types (BAR, QRY,
 * ACK…) that ingest-ris quarantines; they are part of the load, as they would be in a feed.
 *
 * <p>Measured, each after a warm-up on the same messages: the bare loop ({@code PipeParser.parse} of each message
 * text with HAPI's generic model and no validation, the parser ingest-ris uses; messages already split and decoded in
 * memory), 1 thread; then ingest-ris into a fresh lake (split, decode, parse, map to events, pseudonyms, staging,
 * duplicates check, Delta writes, exams and reconciliation). Target of issue 4: end to end at least 50 % of the bare
 * loop.
 */
public final class RisBenchmark {
  static final int MESSAGES_PER_FILE = 500;
  static final double TARGET_RATIO_OF_BARE = 0.50;
  private static final Pseudonymizer BENCH_KEY =
      new Pseudonymizer("imaging-lake-benchmark-key-not-secret".getBytes(StandardCharsets.UTF_8), "benchmark");

  /**
   * @param work folder for the corpus
   * @param lakes folder for the scratch lakes ({@code bench-ris-*} sub-folders, deleted after use)
   * @param messages how many messages to write
   * @param source a folder of real HL7 files (e.g. ../shared/data/hl7)
   * @param runs repetitions; the median is reported
   */
  public record Options(Path work, Path lakes, int messages, Path source, int runs) {
    public Options {
      if (messages < 1 || runs < 1) {
        throw new IllegalArgumentException("--messages and --runs must be at least 1");
      }
    }
  }

  private final Options options;
  private final Supplier<SparkSession> spark;
  private final LakeConfig config;
  private final PrintStream out;

  public RisBenchmark(Options options, Supplier<SparkSession> spark, LakeConfig config, PrintStream out) {
    this.options = options;
    this.spark = spark;
    this.config = config;
    this.out = out;
  }

  /** Builds the corpus, measures, prints; returns {bare messages/s, end-to-end messages/s}. */
  public double[] run() {
    out.println("imaging-lake bench ris");
    out.println("  " + Environment.describe());
    List<String> real = realMessages(options.source());
    out.printf("  %d real messages under %s; writing %,d copies (not timed)%n", real.size(), options.source(),
        options.messages());
    Path corpus = options.work().resolve("ris-corpus");
    List<String> copies = writeCorpus(real, corpus);

    bareLoop(copies);
    double[] bare = new double[options.runs()];
    for (int i = 0; i < bare.length; i++) {
      long t0 = System.nanoTime();
      bareLoop(copies);
      bare[i] = (System.nanoTime() - t0) / 1e9;
      out.printf("  bare HAPI parse, 1 thread       %8.3f s  %,10.0f messages/s%n", bare[i], copies.size() / bare[i]);
    }

    SparkSession session = spark.get();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ingest(session, "bench-ris-warm-up", corpus, quiet);
    double[] e2e = new double[options.runs()];
    RunCounts counts = null;
    for (int i = 0; i < e2e.length; i++) {
      long t0 = System.nanoTime();
      counts = ingest(session, "bench-ris-" + i, corpus, quiet);
      e2e[i] = (System.nanoTime() - t0) / 1e9;
      out.printf("  ingest-ris end to end           %8.3f s  %,10.0f messages/s  (loaded %,d, duplicates %,d,"
          + " quarantined %,d)%n", e2e[i], counts.inputs() / e2e[i], counts.loaded(), counts.duplicates(),
          counts.quarantined());
    }
    IngestBenchmark.deleteTree(corpus);
    double bareRate = copies.size() / IngestBenchmark.median(bare);
    double e2eRate = counts.inputs() / IngestBenchmark.median(e2e);
    out.println();
    out.printf("Results (median of %d run(s)), %,d messages in %d files%n", options.runs(), copies.size(),
        (copies.size() + MESSAGES_PER_FILE - 1) / MESSAGES_PER_FILE);
    out.printf("  bare HAPI parse, 1 thread   %,10.0f messages/s%n", bareRate);
    out.printf("  ingest-ris end to end       %,10.0f messages/s  %.0f%% of the bare loop%n", e2eRate,
        100 * e2eRate / bareRate);
    out.printf("ingest-ris is %.0f%% of the bare HAPI loop (target >= %.0f%%): %s%n", 100 * e2eRate / bareRate,
        100 * TARGET_RATIO_OF_BARE, e2eRate / bareRate >= TARGET_RATIO_OF_BARE ? "PASS" : "MISS");
    return new double[] {bareRate, e2eRate};
  }

  private RunCounts ingest(SparkSession session, String name, Path corpus, PrintStream quiet) {
    Path lakeDir = options.lakes().resolve(name);
    IngestBenchmark.deleteTree(lakeDir);
    try {
      Lake lake = new Lake(session, lakeDir.toAbsolutePath().toString());
      RisIngestJob job = new RisIngestJob(session, lake, config, BENCH_KEY, quiet);
      RunCounts counts = job.run(name, List.of(corpus.toAbsolutePath().toString()), "hl7");
      out.printf("    steps: %s%n", job.phases());
      return counts;
    } finally {
      IngestBenchmark.deleteTree(lakeDir);
    }
  }

  /** Every message of every file under {@code root}, as text (files that hold none contribute nothing). */
  static List<String> realMessages(Path root) {
    List<String> messages = new ArrayList<>();
    for (Path f : BenchCorpus.regularFiles(root)) {
      try (InputStream in = Files.newInputStream(f)) {
        Hl7Splitter splitter = new Hl7Splitter(in, 1 << 20);
        while (splitter.hasNext()) {
          RawHl7Message m = splitter.next();
          if (m.ok()) {
            messages.add(new String(m.bytes(), StandardCharsets.ISO_8859_1));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("No HL7 message under " + root + "; pass --source with HL7 files");
    }
    return messages;
  }

  /** Writes the copies into files of {@value #MESSAGES_PER_FILE}; returns the copies' texts. */
  private List<String> writeCorpus(List<String> real, Path dir) {
    IngestBenchmark.deleteTree(dir);
    List<String> copies = new ArrayList<>(options.messages());
    try {
      Files.createDirectories(dir);
      StringBuilder file = new StringBuilder();
      for (int i = 0; i < options.messages(); i++) {
        String copy = withControlId(real.get(i % real.size()), "B" + i);
        copies.add(copy);
        file.append(copy).append("\r\n");
        if ((i + 1) % MESSAGES_PER_FILE == 0 || i + 1 == options.messages()) {
          Files.writeString(dir.resolve(String.format("batch-%05d.hl7", i / MESSAGES_PER_FILE)), file,
              StandardCharsets.ISO_8859_1);
          file.setLength(0);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copies;
  }

  /** {@code message} with MSH-10 replaced by {@code id} (MSH-1 is the field separator, so MSH-10 is field 9). */
  static String withControlId(String message, String id) {
    char sep = message.charAt(3);
    int end = message.indexOf('\r');
    String msh = end < 0 ? message : message.substring(0, end);
    String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
    if (fields.length > 9) {
      fields[9] = id;
    }
    return String.join(String.valueOf(sep), fields) + (end < 0 ? "" : message.substring(end));
  }

  /** HAPI's generic parse of every message; returns how many parsed. */
  static int bareLoop(List<String> messages) {
    HapiContext context = new DefaultHapiContext(new GenericModelClassFactory());
    context.setValidationContext(ValidationContextFactory.noValidation());
    PipeParser parser = context.getPipeParser();
    int parsed = 0;
    for (String m : messages) {
      try {
        parser.parse(m);
        parsed++;
      } catch (HL7Exception | RuntimeException e) {
        // a message HAPI refuses costs its attempt, as in ingest-ris
      }
    }
    return parsed;
  }
}
