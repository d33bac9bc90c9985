package org.imaginglake.spark.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.imaginglake.synth.Generator;
import org.imaginglake.synth.sim.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: writes a synthetic radiology department (DICOM, HL7, event CSV, ground truth) into a folder.
 * Needs no Spark session. See docs/synthetic-department.md.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate a synthetic radiology department with known ground truth: DICOM Part-10 images and "
        + "dose/measurement SRs, HL7 v2 messages, a RIS event CSV and ground_truth/ (docs/synthetic-department.md).",
        "The same seed and options give byte-identical output."})
final class GenerateCommand implements Callable<Integer> {
  /** Seconds between progress lines. */
  static final int PROGRESS_SECONDS = 5;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--profile", defaultValue = "small", paramLabel = "NAME",
      description = "small (1 site, a few MB), department (2 sites, ~360,000 instances), enterprise (4 sites, "
          + ">1,000,000 instances). Default: ${DEFAULT-VALUE}.")
  String profile;

  @Option(names = "--days", paramLabel = "D", description = "Days to simulate. Default: the profile's (3, 14, 28).")
  Integer days;

  @Option(names = "--start", paramLabel = "DATE",
      description = "First day (yyyy-mm-dd, local time of the first site). Default: the profile's, chosen so the "
          + "default period contains the daylight-saving change of 29 March 2026.")
  LocalDate start;

  @Option(names = "--pixel-bytes", defaultValue = "0", paramLabel = "B",
      description = "Pad Pixel Data to at least B bytes (524288: a 512 x 512 CT slice). Default: a 128-byte image.")
  long pixelBytes;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
      description = "Threads writing DICOM files. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--force", description = "Replace what an earlier run wrote into DIR (dicom/, hl7/, ris/, "
      + "ground_truth/, generation.txt); other files are left alone.")
  boolean force;

  @Override
  public Integer call() {
    Profile p = profile();
    var options = new Generator.Options(out, seed, p, days == null ? p.defaultDays() : days,
        start == null ? p.defaultStart() : start, pixelBytes, threads, force);
    System.out.printf("generate: profile %s, seed %d, %d day(s) from %s, %d thread(s) -> %s%n",
        p.name().toLowerCase(), seed, options.days(), options.start(), threads, out);
    Generator.Summary s = Generator.run(options, (n, secs) ->
        System.out.printf("  %,12d instances written  %,8.0f instances/s  %6.1f s%n", n, n / secs, secs),
        PROGRESS_SECONDS);
    System.out.println();
    System.out.printf("Generated in %.1f s into %s%n", s.seconds(), out);
    System.out.printf("  sites %,d  scanners %,d  patients %,d%n", s.sites(), s.scanners(), s.patients());
    System.out.printf("  orders %,d  exams performed %,d  studies %,d  series %,d%n", s.orders(), s.exams(),
        s.studies(), s.series());
    System.out.printf("  DICOM instances %,d (of which SRs %,d)  HL7 messages %,d  bytes %,d%n", s.instances(),
        s.srs(), s.hl7Messages(), s.bytes());
    System.out.printf("bench generate: %,.0f instances/s (%,d instances, %.1f s, pixel bytes %d, %d threads)%n",
        s.instancesPerSecond(), s.instances(), s.seconds(), pixelBytes, threads);
    return 0;
  }

  private Profile profile() {
    try {
      return Profile.valueOf(profile.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--profile must be small, department or enterprise, not '" + profile + "'");
    }
  }
}
