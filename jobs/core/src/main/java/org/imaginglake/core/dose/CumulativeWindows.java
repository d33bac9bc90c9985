package org.imaginglake.core.dose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imaginglake.core.config.LakeConfig;

/**
 * The windows cumulative dose is summed over ({@code dose.cumulative.windows}): a comma-separated list of
 * {@code <n>d} (days), {@code <n>w} (7 days), {@code <n>y} (365 days) or {@code lifetime}. The window of length N
 * days ending on date D holds the studies dated D - N to D, both included, as OpenREM's
 * {@code study_date__range=[study_date - timedelta(weeks=...), study_date]}.
 *
 * @param windows in the order given, without duplicates
 */
public record CumulativeWindows(List<Window> windows) {
  private static final Pattern SPEC = Pattern.compile("([0-9]{1,5})([dwy])");

  /**
   * One window.
   *
   * @param label as configured, lower case (e.g. 12w); the {@code window} column
   * @param days length in days; null for lifetime
   */
  public record Window(String label, Integer days) {
    public boolean lifetime() {
      return days == null;
    }
  }

  public CumulativeWindows {
    windows = List.copyOf(windows);
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("At least one cumulative dose window is needed");
    }
  }

  /** The windows of {@code dose.cumulative.windows} (default 12w,1y,lifetime). */
  public static CumulativeWindows forConfig(LakeConfig config) {
    String text = config.get(LakeConfig.DOSE_CUMULATIVE_WINDOWS, LakeConfig.DOSE_CUMULATIVE_WINDOWS_DEFAULT);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Setting " + LakeConfig.DOSE_CUMULATIVE_WINDOWS + ": " + e.getMessage());
    }
  }

  /** Parses e.g. {@code 84d, 12w, 1y, lifetime}. */
  public static CumulativeWindows parse(String text) {
    Set<String> seen = new LinkedHashSet<>();
    List<Window> out = new ArrayList<>();
    for (String part : (text == null ? "" : text).split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      Window w;
      Matcher m = SPEC.matcher(p);
      if (p.equals("lifetime")) {
        w = new Window(p, null);
      } else if (m.matches() && Integer.parseInt(m.group(1)) > 0) {
        int n = Integer.parseInt(m.group(1));
        int days = switch (m.group(2)) {
          case "d" -> n;
          case "w" -> n * 7;
          default -> n * 365;
        };
        w = new Window(m.group(1).replaceFirst("^0+", "") + m.group(2), days);
      } else {
        throw new IllegalArgumentException("A cumulative dose window must be <n>d, <n>w, <n>y (n from 1) or "
            + "lifetime, e.g. 84d, 12w, 1y; cannot be: '" + part.trim() + "'");
      }
      if (seen.add(w.label())) {
        out.add(w);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("No cumulative dose window given: list e.g. 12w,1y,lifetime; cannot be: '"
          + text + "'");
    }
    return new CumulativeWindows(out);
  }
}
