package org.imaginglake.core.ris;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.imaginglake.core.config.LakeConfig;

/**
 * How the columns of a RIS CSV export become events: a properties file (the shipped sample is
 * {@code conf/ris-csv-mapping.properties}, the keys are documented there and in {@code docs/ris-events.md}).
 * A row gives one event per non-empty {@code time.<EVENT_TYPE>} column (wide exports), plus one from
 * {@code column.event_type} / {@code column.event_time} with the {@code event.<value>} table (long exports).
 * Validated when loaded: a bad key or value stops with the key and what is allowed. Immutable.
 *
 * @param delimiter the field delimiter
 * @param charset the file's character set
 * @param timeFormat the pattern of time values
 * @param timeZone the zone of time values without an offset; null means the site zone
 * @param columns event field name ({@code accession}, {@code patient_id}, ...) to CSV header
 * @param timeColumns event type to the CSV header of its time (wide exports), in workflow (enum) order
 * @param eventValues value of the event-type column to event type (long exports)
 */
public record RisCsvMapping(char delimiter, Charset charset, DateTimeFormatter timeFormat, ZoneId timeZone,
    Map<String, String> columns, Map<RisEventType, String> timeColumns, Map<String, RisEventType> eventValues) {

  /** The fields a {@code column.*} key may name. */
  public static final Set<String> FIELDS = Set.of("accession", "patient_id", "placer_order", "procedure_code",
      "procedure_text", "modality", "priority", "patient_class", "site", "performing_resource", "reader_id",
      "scheduled_time", "event_type", "event_time");

  private static final String SHIPPED = "/imaging-lake/conf/ris-csv-mapping.properties";

  public RisCsvMapping {
    columns = Collections.unmodifiableMap(new TreeMap<>(columns));
    Map<RisEventType, String> inWorkflowOrder = new EnumMap<>(RisEventType.class);
    inWorkflowOrder.putAll(timeColumns);
    timeColumns = Collections.unmodifiableMap(inWorkflowOrder);
    eventValues = Collections.unmodifiableMap(new TreeMap<>(eventValues));
  }

  /** The mapping named by {@code ris.csv.mapping}, or the shipped sample when the setting is blank. */
  public static RisCsvMapping forConfig(LakeConfig config) {
    String file = config.get(LakeConfig.RIS_CSV_MAPPING, null);
    if (file != null) {
      return load(Path.of(file));
    }
    try (InputStream in = RisCsvMapping.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalArgumentException("Setting " + LakeConfig.RIS_CSV_MAPPING + " is blank and the shipped "
            + "sample mapping is not on the classpath; name a mapping file");
      }
      return parse(in, "shipped " + SHIPPED);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the shipped CSV mapping " + SHIPPED + ": " + e, e);
    }
  }

  /** The mapping in {@code file}. */
  public static RisCsvMapping load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the RIS CSV mapping " + file.toAbsolutePath() + " (setting "
          + LakeConfig.RIS_CSV_MAPPING + "): " + e, e);
    }
  }

  private static RisCsvMapping parse(InputStream in, String label) throws IOException {
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return of(p, label);
  }

  /** The mapping in {@code p}; {@code label} names its origin in error messages. */
  public static RisCsvMapping of(Properties p, String label) {
    String delimiter = value(p, "csv.delimiter", ",");
    if (delimiter.length() != 1) {
      throw bad(label, "csv.delimiter", "must be one character", delimiter);
    }
    Charset charset;
    DateTimeFormatter format;
    ZoneId zone;
    try {
      charset = Charset.forName(value(p, "csv.charset", "UTF-8"));
    } catch (RuntimeException e) {
      throw bad(label, "csv.charset", "must be a Java character set name such as UTF-8", p.getProperty("csv.charset"));
    }
    try {
      format = DateTimeFormatter.ofPattern(value(p, "time.format", "yyyy-MM-dd HH:mm[:ss][XXX]"), Locale.ROOT);
    } catch (RuntimeException e) {
      throw bad(label, "time.format", "must be a java.time DateTimeFormatter pattern", p.getProperty("time.format"));
    }
    try {
      String z = value(p, "time.zone", null);
      zone = z == null ? null : ZoneId.of(z);
    } catch (RuntimeException e) {
      throw bad(label, "time.zone", "must be an IANA zone such as Europe/London, or blank", p.getProperty("time.zone"));
    }
    Map<String, String> columns = new TreeMap<>();
    Map<RisEventType, String> times = new EnumMap<>(RisEventType.class);
    Map<String, RisEventType> events = new TreeMap<>();
    for (String key : new TreeMap<>(toMap(p)).keySet()) {
      String v = value(p, key, null);
      if (v == null || key.startsWith("csv.") || key.equals("time.format") || key.equals("time.zone")) {
        continue;
      }
      if (key.startsWith("column.") && FIELDS.contains(key.substring(7))) {
        columns.put(key.substring(7), v);
      } else if (key.startsWith("time.")) {
        times.put(eventType(label, key, key.substring(5)), v);
      } else if (key.startsWith("event.")) {
        events.put(key.substring(6), eventType(label, key, v));
      } else {
        throw bad(label, key, "is not a mapping key (column.<field> with a field of " + new TreeSet<>(FIELDS)
            + ", time.<EVENT_TYPE>, event.<value>, csv.*, time.format, time.zone)", v);
      }
    }
    if (times.isEmpty() && !(columns.containsKey("event_type") && columns.containsKey("event_time"))) {
      throw new IllegalArgumentException("RIS CSV mapping " + label + " maps no event: give time.<EVENT_TYPE> "
          + "columns, or column.event_type and column.event_time with event.<value> entries");
    }
    return new RisCsvMapping(delimiter.charAt(0), charset, format, zone, columns, times, events);
  }

  private static RisEventType eventType(String label, String key, String name) {
    try {
      return RisEventType.valueOf(name.strip());
    } catch (IllegalArgumentException e) {
      throw bad(label, key, "must name an event type, one of " + Arrays.toString(RisEventType.values()),
          name);
    }
  }

  private static String value(Properties p, String key, String def) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? def : v.strip();
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> m = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }

  private static IllegalArgumentException bad(String label, String key, String rule, String value) {
    return new IllegalArgumentException("RIS CSV mapping " + label + ": " + key + " " + rule + ", cannot be: '"
        + value + "'");
  }
}
