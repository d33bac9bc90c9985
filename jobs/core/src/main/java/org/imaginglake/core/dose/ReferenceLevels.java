package org.imaginglake.core.dose;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.imaginglake.core.config.LakeConfig;

/**
 * Diagnostic reference levels: examination categories, the levels set on them and the publications the national
 * values come from, read from a properties file (the shipped set is {@code conf/dose-reference-levels.properties},
 * whose header documents the keys), plus the two settings of the local levels: the fewest studies a scanner needs to
 * count ({@code dose.drl.min-studies-per-scanner}) and the outlier rule ({@code dose.drl.outlier-rule}).
 *
 * <p>Validated when loaded: an unknown key, a missing field, a bad number, unit, code or regular expression stops
 * with the file, the key, the value and what is allowed. Immutable; small enough to be turned into Spark expressions
 * on the driver.
 *
 * @param categories in matching order (priority, then id)
 * @param levels sorted by id
 * @param minStudiesPerScanner scanners with fewer distinct studies for a level are left out of its local levels
 * @param outlierRule the outlier rule
 */
public record ReferenceLevels(List<DrlCategory> categories, List<DrlLevel> levels, int minStudiesPerScanner,
    OutlierRule outlierRule) {

  private static final String SHIPPED = "/imaging-lake/conf/dose-reference-levels.properties";
  private static final Pattern KEY = Pattern.compile("(category|level|source)\\.([a-z0-9][a-z0-9-]*)\\.([a-z-]+)");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]+:[^\\s:,]+");
  private static final Set<String> CATEGORY_FIELDS = Set.of("name", "modality", "priority", "target-codes",
      "pattern", "exclude-pattern", "exclude-event-kinds");
  private static final Set<String> LEVEL_FIELDS = Set.of("category", "quantity", "scope", "value", "unit", "source");
  private static final Set<String> SOURCE_FIELDS = Set.of("title", "publisher", "year", "url");

  public ReferenceLevels {
    categories = categories.stream()
        .sorted(Comparator.comparingInt(DrlCategory::priority).thenComparing(DrlCategory::id)).toList();
    levels = levels.stream().sorted(Comparator.comparing(DrlLevel::id)).toList();
    Set<String> ids = new LinkedHashSet<>();
    categories.forEach(c -> ids.add(c.id()));
    for (DrlLevel l : levels) {
      if (!ids.contains(l.categoryId())) {
        throw new IllegalArgumentException("Reference level " + l.id() + " names category " + l.categoryId()
            + ", which is not among the categories " + ids);
      }
    }
    if (minStudiesPerScanner < 1) {
      throw new IllegalArgumentException("The fewest studies per scanner must be at least 1, cannot be: "
          + minStudiesPerScanner);
    }
  }

  /**
   * The levels of the file named by {@code dose.drl.file} (the shipped set when blank) with
   * {@code dose.drl.min-studies-per-scanner} and {@code dose.drl.outlier-rule}.
   */
  public static ReferenceLevels forConfig(LakeConfig config) {
    int min = config.getInt(LakeConfig.DOSE_DRL_MIN_STUDIES_PER_SCANNER,
        LakeConfig.DOSE_DRL_MIN_STUDIES_PER_SCANNER_DEFAULT);
    OutlierRule rule;
    String ruleText = config.get(LakeConfig.DOSE_DRL_OUTLIER_RULE, LakeConfig.DOSE_DRL_OUTLIER_RULE_DEFAULT);
    try {
      rule = OutlierRule.parse(ruleText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Setting " + LakeConfig.DOSE_DRL_OUTLIER_RULE + ": " + e.getMessage());
    }
    String file = config.get(LakeConfig.DOSE_DRL_FILE, null);
    ReferenceLevels parsed;
    if (file != null) {
      parsed = load(Path.of(file));
    } else {
      try (InputStream in = ReferenceLevels.class.getResourceAsStream(SHIPPED)) {
        if (in == null) {
          throw new IllegalArgumentException("Setting " + LakeConfig.DOSE_DRL_FILE + " is blank and the shipped "
              + "conf/dose-reference-levels.properties is not on the classpath; name a DRL file");
        }
        parsed = of(read(in), "shipped " + SHIPPED);
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the shipped DRL file " + SHIPPED + ": " + e, e);
      }
    }
    return new ReferenceLevels(parsed.categories, parsed.levels, min, rule);
  }

  /** The levels in {@code file}, with the default local settings. */
  public static ReferenceLevels load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return of(read(in), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the DRL file " + file.toAbsolutePath() + " (setting "
          + LakeConfig.DOSE_DRL_FILE + "): " + e, e);
    }
  }

  /** A copy with other local settings. */
  public ReferenceLevels withLocalSettings(int minStudies, OutlierRule rule) {
    return new ReferenceLevels(categories, levels, minStudies, rule);
  }

  public Optional<DrlCategory> category(String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * The levels in {@code p}, with the default local settings; {@code label} names the file in error messages.
   */
  public static ReferenceLevels of(Properties p, String label) {
    Map<String, Map<String, String>> cats = new TreeMap<>();
    Map<String, Map<String, String>> lvls = new TreeMap<>();
    Map<String, Map<String, String>> srcs = new TreeMap<>();
    for (String key : new TreeMap<>(toMap(p)).keySet()) {
      String v = p.getProperty(key).trim();
      Matcher m = KEY.matcher(key);
      if (!m.matches()) {
        throw bad(label, key, "is not a DRL key: category.<id>.<field>, level.<id>.<field> or source.<id>.<field>, "
            + "with an id of lower-case letters, digits and '-'", v);
      }
      Set<String> fields = switch (m.group(1)) {
        case "category" -> CATEGORY_FIELDS;
        case "level" -> LEVEL_FIELDS;
        default -> SOURCE_FIELDS;
      };
      if (!fields.contains(m.group(3))) {
        throw bad(label, key, "is not a " + m.group(1) + " field; the fields are " + fields.stream().sorted().toList(),
            v);
      }
      Map<String, Map<String, String>> target = switch (m.group(1)) {
        case "category" -> cats;
        case "level" -> lvls;
        default -> srcs;
      };
      if (!v.isEmpty()) {
        target.computeIfAbsent(m.group(2), k -> new TreeMap<>()).put(m.group(3), v);
      }
    }
    Map<String, DrlSource> sources = new TreeMap<>();
    srcs.forEach((id, f) -> sources.put(id, new DrlSource(id, required(label, "source", id, f, "title"),
        required(label, "source", id, f, "publisher"), required(label, "source", id, f, "year"), f.get("url"))));
    List<DrlCategory> categories = new ArrayList<>();
    cats.forEach((id, f) -> categories.add(category(label, id, f)));
    List<DrlLevel> levels = new ArrayList<>();
    lvls.forEach((id, f) -> levels.add(level(label, id, f, cats.keySet(), sources)));
    return new ReferenceLevels(categories, levels, LakeConfig.DOSE_DRL_MIN_STUDIES_PER_SCANNER_DEFAULT,
        OutlierRule.DEFAULT);
  }

  private static DrlCategory category(String label, String id, Map<String, String> f) {
    String prefix = "category." + id + ".";
    String name = required(label, "category", id, f, "name");
    Set<String> modalities = new LinkedHashSet<>();
    for (String m : list(required(label, "category", id, f, "modality"))) {
      modalities.add(m.toUpperCase(Locale.ROOT));
    }
    int priority;
    String pr = required(label, "category", id, f, "priority");
    try {
      priority = Integer.parseInt(pr);
    } catch (NumberFormatException e) {
      throw bad(label, prefix + "priority", "must be a whole number (lower matches first)", pr);
    }
    Set<String> codes = codes(label, prefix + "target-codes", f.get("target-codes"));
    String pattern = regex(label, prefix + "pattern", f.get("pattern"));
    String exclude = regex(label, prefix + "exclude-pattern", f.get("exclude-pattern"));
    Set<String> kinds = codes(label, prefix + "exclude-event-kinds", f.get("exclude-event-kinds"));
    if (codes.isEmpty() && pattern == null) {
      throw new IllegalArgumentException("DRL file " + label + ": category " + id + " matches nothing: give "
          + prefix + "target-codes (scheme:value, ...) or " + prefix + "pattern (a regular expression)");
    }
    return new DrlCategory(id, name, modalities, priority, codes, pattern, exclude, kinds);
  }

  private static DrlLevel level(String label, String id, Map<String, String> f, Set<String> categoryIds,
      Map<String, DrlSource> sources) {
    String prefix = "level." + id + ".";
    String category = required(label, "level", id, f, "category");
    if (!categoryIds.contains(category)) {
      throw bad(label, prefix + "category", "must name a category of the file " + categoryIds, category);
    }
    String q = required(label, "level", id, f, "quantity");
    DoseQuantity quantity = DoseQuantity.byColumn(q);
    if (quantity == null) {
      throw bad(label, prefix + "quantity", "must be one of " + Arrays.stream(DoseQuantity.values())
          .map(DoseQuantity::column).toList(), q);
    }
    String s = required(label, "level", id, f, "scope");
    DoseQuantity.Scope scope;
    try {
      scope = DoseQuantity.Scope.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(label, prefix + "scope", "must be study or event", s);
    }
    if (!quantity.allows(scope)) {
      throw bad(label, prefix + "scope", "is not available for " + q + "; it has " + quantity.scopes().stream()
          .map(DoseQuantity.Scope::label).sorted().toList(), s);
    }
    Double value = null;
    DrlSource source = null;
    String v = f.get("value");
    if (v != null) {
      BigDecimal number;
      try {
        number = new BigDecimal(v);
      } catch (NumberFormatException e) {
        throw bad(label, prefix + "value", "must be a number", v);
      }
      if (number.signum() <= 0) {
        throw bad(label, prefix + "value", "must be above 0", v);
      }
      String unit = f.getOrDefault("unit", quantity.unit());
      value = quantity.toLakeUnit(number, unit);
      if (value == null) {
        throw bad(label, prefix + "unit", "must be a unit of " + q + ": one of " + quantity.acceptedUnits(), unit);
      }
      String src = required(label, "level", id, f, "source");
      source = sources.get(src);
      if (source == null) {
        throw bad(label, prefix + "source", "must name a source of the file " + sources.keySet(), src);
      }
    } else if (f.containsKey("source") || f.containsKey("unit")) {
      throw new IllegalArgumentException("DRL file " + label + ": level " + id + " has a source or unit but no "
          + prefix + "value; give the published value, or drop the source for a local-only level");
    }
    return new DrlLevel(id, category, quantity, scope, value, source);
  }

  private static String required(String label, String kind, String id, Map<String, String> f, String field) {
    String v = f.get(field);
    if (v == null) {
      throw new IllegalArgumentException("DRL file " + label + ": " + kind + " " + id + " has no " + kind + "." + id
          + "." + field);
    }
    return v;
  }

  private static Set<String> codes(String label, String key, String value) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : list(value)) {
      if (!CODE.matcher(c).matches()) {
        throw bad(label, key, "must be codes as scheme:value separated by commas (e.g. SCT:69536005, "
            + "SRT:T-D1100); bad code '" + c + "'", value);
      }
      out.add(c);
    }
    return out;
  }

  private static String regex(String label, String key, String value) {
    if (value == null) {
      return null;
    }
    try {
      Pattern.compile(value);
      return value;
    } catch (PatternSyntaxException e) {
      throw bad(label, key, "must be a Java regular expression (" + e.getDescription() + ")", value);
    }
  }

  private static List<String> list(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  private static IllegalArgumentException bad(String label, String key, String what, String value) {
    return new IllegalArgumentException("DRL file " + label + ": " + key + " " + what + ", cannot be: '" + value
        + "'");
  }

  private static Properties read(InputStream in) throws IOException {
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> m = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      m.put(name, p.getProperty(name));
    }
    return m;
  }
}
