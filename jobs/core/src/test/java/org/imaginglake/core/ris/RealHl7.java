package org.imaginglake.core.ris;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imaginglake.core.privacy.Pseudonymizer;

/**
 * The real HL7 files under {@code ../shared/data/hl7} (dcm4che, FHIR-Converter and HAPI test messages) read once
 * per test JVM with the site zone Europe/Paris: CET (+01:00) in winter, CEST (+02:00) in summer.
 */
final class RealHl7 {
  static final Path DIR = Path.of(System.getProperty("imaginglake.shared.data", "../../../shared/data")).resolve("hl7");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer("test-key-0123456789abcdef".getBytes(UTF_8), "test");
  static final Hl7RisReader READER = new Hl7RisReader(PSEUDONYMIZER, PARIS, 1024 * 1024);
  private static Map<String, List<RisMessageResult>> results;

  private RealHl7() {}

  /** The HL7 files: everything except the SOURCE.md notes and the FHIR JSON of siim_hackathon. */
  static List<Path> files() {
    try (Stream<Path> s = Files.walk(DIR)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("SOURCE.md"))
          .filter(f -> !key(f).startsWith("siim_hackathon/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code source/file} with forward slashes: the source path given to the reader and the key of results. */
  static String key(Path file) {
    return DIR.relativize(file).toString().replace('\\', '/');
  }

  static List<RisMessageResult> read(Hl7RisReader reader, Path file) {
    List<RisMessageResult> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Iterator<RisMessageResult> it = reader.read(in, key(file)); it.hasNext(); ) {
        out.add(it.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Results per file in file order, keyed by {@link #key}. */
  static synchronized Map<String, List<RisMessageResult>> results() {
    if (results == null) {
      Map<String, List<RisMessageResult>> m = new LinkedHashMap<>();
      files().forEach(f -> m.put(key(f), read(READER, f)));
      results = Collections.unmodifiableMap(m);
    }
    return results;
  }

  static List<RisEvent> events(String file) {
    assertThat(results()).containsKey(file);
    return results().get(file).stream().flatMap(r -> r.events().stream()).toList();
  }
}
