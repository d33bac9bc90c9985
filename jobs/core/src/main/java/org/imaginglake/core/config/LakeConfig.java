package org.imaginglake.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings of a run, from three layers; later layers win:
 * <ol>
 *   <li>the defaults shipped in the application ({@code conf/imaging-lake.properties}, on the classpath);</li>
 *   <li>the file given with {@code --conf FILE};</li>
 *   <li>command-line options (for example {@code --lake}, {@code --master}), applied by the CLI with {@link #with}.</li>
 * </ol>
 * Every key is a constant here with its default next to it (the {@code _DEFAULT} constant), so this class is the one
 * place that says what a key means and what happens when it is missing. Values are immutable and serialisable, so a
 * config can travel to Spark executors.
 */
public final class LakeConfig implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final String DEFAULTS_RESOURCE = "/imaging-lake/conf/imaging-lake.properties";

  /** Root folder or URI of the lake; each table is a Delta table in a sub-folder named after it. */
  public static final String LAKE_DIR = "lake.dir";
  public static final String LAKE_DIR_DEFAULT = "lake";

  /** Spark master URL for the embedded launcher; ignored under spark-submit, which sets its own. */
  public static final String SPARK_MASTER = "spark.master";
  public static final String SPARK_MASTER_DEFAULT = "local[*]";

  /** File holding the pseudonymisation key (see PseudonymKeys); environment variables take precedence. */
  public static final String PRIVACY_KEY_FILE = "privacy.key-file";

  /** IANA time zone of the site: DICOM dates and times carry no zone unless (0008,0201) is present. */
  public static final String SITE_TIME_ZONE = "site.time-zone";
  public static final String SITE_TIME_ZONE_DEFAULT = "UTC";

  /** Most bytes read from one file before Pixel Data; a header larger than this is quarantined, not read on. */
  public static final String INGEST_MAX_HEADER_BYTES = "ingest.max-header-bytes";
  public static final long INGEST_MAX_HEADER_BYTES_DEFAULT = 64L * 1024 * 1024;

  /** Target number of files per Spark task when parsing; more tasks balance better, fewer cost less. */
  public static final String INGEST_FILES_PER_TASK = "ingest.files-per-task";
  public static final int INGEST_FILES_PER_TASK_DEFAULT = 1000;

  /** Largest HL7 v2 message read, in bytes; a longer one is quarantined (stage split) and skipped, not read. */
  public static final String RIS_HL7_MAX_MESSAGE_BYTES = "ris.hl7.max-message-bytes";
  public static final int RIS_HL7_MAX_MESSAGE_BYTES_DEFAULT = 1024 * 1024;

  /**
   * Column mapping of RIS CSV exports (a properties file, see docs/ris-events.md); blank means the shipped sample
   * {@code conf/ris-csv-mapping.properties}.
   */
  public static final String RIS_CSV_MAPPING = "ris.csv.mapping";

  /** HL7 / CSV files per Spark task in ingest-ris (files hold many messages each). */
  public static final String RIS_FILES_PER_TASK = "ris.files-per-task";
  public static final int RIS_FILES_PER_TASK_DEFAULT = 50;

  /** Fallback matching of exams to studies: largest gap between exam time and first acquisition, in hours. */
  public static final String RECONCILE_WINDOW_HOURS = "reconcile.window-hours";
  public static final long RECONCILE_WINDOW_HOURS_DEFAULT = 24;

  /** RIS exam start/end and DICOM acquisition times further apart than this (minutes) are flagged. */
  public static final String RECONCILE_TOLERANCE_MINUTES = "reconcile.tolerance-minutes";
  public static final long RECONCILE_TOLERANCE_MINUTES_DEFAULT = 15;

  /**
   * Diagnostic reference levels: categories, national levels and their sources (a properties file, see
   * docs/dose-reference-levels.md); blank means the shipped {@code conf/dose-reference-levels.properties}.
   */
  public static final String DOSE_DRL_FILE = "dose.drl.file";

  /** Local DRLs: a scanner with fewer distinct studies than this for a level is left out of its local levels. */
  public static final String DOSE_DRL_MIN_STUDIES_PER_SCANNER = "dose.drl.min-studies-per-scanner";
  public static final int DOSE_DRL_MIN_STUDIES_PER_SCANNER_DEFAULT = 10;

  /** When a compared dose is an outlier: {@code iqr:<k>} (above Q3 + k x IQR), {@code national:<factor>}, none. */
  public static final String DOSE_DRL_OUTLIER_RULE = "dose.drl.outlier-rule";
  public static final String DOSE_DRL_OUTLIER_RULE_DEFAULT = "iqr:1.5";

  /** Cumulative dose windows per patient, comma-separated: {@code <n>d}, {@code <n>w}, {@code <n>y}, lifetime. */
  public static final String DOSE_CUMULATIVE_WINDOWS = "dose.cumulative.windows";
  public static final String DOSE_CUMULATIVE_WINDOWS_DEFAULT = "12w,1y,lifetime";

  /** Cumulative DAP alert threshold in Gy.m2 (OpenREM's 20,000 cGy.cm2); {@code none} switches it off. */
  public static final String DOSE_ALERT_DAP_GY_M2 = "dose.alert.cumulative-dap-gy-m2";
  public static final String DOSE_ALERT_DAP_GY_M2_DEFAULT = "0.02";

  /** Cumulative reference-point dose alert threshold in Gy (OpenREM's 2 Gy); {@code none} switches it off. */
  public static final String DOSE_ALERT_DOSE_RP_GY = "dose.alert.cumulative-dose-rp-gy";
  public static final String DOSE_ALERT_DOSE_RP_GY_DEFAULT = "2";

  /** Cumulative CT DLP alert threshold in mGy.cm; blank (the default) or {@code none} means no CT DLP alert. */
  public static final String DOSE_ALERT_CT_DLP_MGY_CM = "dose.alert.cumulative-ct-dlp-mgy-cm";

  /**
   * Whether ingest-dicom recomputes dose_reference_comparison and patient_cumulative_dose at the end of every run that
   * changed dose ({@code true}, the default), or leaves them to {@code bin/imaging-lake dose-levels} (saves several
   * seconds per run: worth it when many small runs follow each other).
   */
  public static final String DOSE_DERIVED_ON_INGEST = "dose.derived-on-ingest";

  private final Map<String, String> values;

  private LakeConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The shipped defaults only. */
  public static LakeConfig defaults() {
    Properties props = new Properties();
    try (InputStream in = LakeConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in != null) {
        try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
          props.load(r);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the shipped defaults " + DEFAULTS_RESOURCE, e);
    }
    return new LakeConfig(toMap(props));
  }

  /** The shipped defaults overlaid with {@code file} (a Java properties file), when not null. */
  public static LakeConfig load(Path file) {
    LakeConfig base = defaults();
    if (file == null) {
      return base;
    }
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read configuration file " + file.toAbsolutePath() + ": " + e, e);
    }
    Map<String, String> merged = new TreeMap<>(base.values);
    merged.putAll(toMap(props));
    return new LakeConfig(merged).validated();
  }

  /** A copy with {@code key} set (used for command-line options); a null value leaves the key as it is. */
  public LakeConfig with(String key, String value) {
    if (value == null) {
      return this;
    }
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new LakeConfig(copy).validated();
  }

  public String get(String key, String defaultValue) {
    String v = values.get(key);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  public long getLong(String key, long defaultValue) {
    String v = get(key, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + key + " must be a whole number, cannot be: '" + v + "'");
    }
  }

  public int getInt(String key, int defaultValue) {
    long v = getLong(key, defaultValue);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Setting " + key + " must be between 1 and " + Integer.MAX_VALUE
          + ", cannot be: " + v);
    }
    return (int) v;
  }

  /** {@code true} or {@code false} (any case); anything else is an error that names the setting. */
  public boolean getBoolean(String key, boolean defaultValue) {
    String v = get(key, null);
    if (v == null) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException("Setting " + key + " must be true or false, cannot be: '" + v + "'");
  }

  public String lakeDir() {
    return get(LAKE_DIR, LAKE_DIR_DEFAULT);
  }

  public String sparkMaster() {
    return get(SPARK_MASTER, SPARK_MASTER_DEFAULT);
  }

  public ZoneId siteTimeZone() {
    String zone = get(SITE_TIME_ZONE, SITE_TIME_ZONE_DEFAULT);
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Setting " + SITE_TIME_ZONE + " must be an IANA time zone such as "
          + "Europe/London or America/New_York, cannot be: '" + zone + "'");
    }
  }

  /** All settings, sorted by key (for run records and {@code --verbose} output). */
  public Map<String, String> asMap() {
    return values;
  }

  private LakeConfig validated() {
    siteTimeZone();
    getLong(INGEST_MAX_HEADER_BYTES, INGEST_MAX_HEADER_BYTES_DEFAULT);
    getInt(INGEST_FILES_PER_TASK, INGEST_FILES_PER_TASK_DEFAULT);
    getBoolean(DOSE_DERIVED_ON_INGEST, true);
    getInt(RIS_HL7_MAX_MESSAGE_BYTES, RIS_HL7_MAX_MESSAGE_BYTES_DEFAULT);
    getInt(RIS_FILES_PER_TASK, RIS_FILES_PER_TASK_DEFAULT);
    getLong(RECONCILE_WINDOW_HOURS, RECONCILE_WINDOW_HOURS_DEFAULT);
    getLong(RECONCILE_TOLERANCE_MINUTES, RECONCILE_TOLERANCE_MINUTES_DEFAULT);
    return this;
  }

  private static Map<String, String> toMap(Properties props) {
    Map<String, String> m = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      m.put(name, props.getProperty(name));
    }
    return m;
  }
}
