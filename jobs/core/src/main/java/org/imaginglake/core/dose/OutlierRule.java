package org.imaginglake.core.dose;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * When a compared value is an outlier ({@code dose.drl.outlier-rule}):
 * <ul>
 *   <li>{@code iqr:<k>}: above Q3 + k x (Q3 - Q1) of all the level's values (Tukey's fence; default k = 1.5);</li>
 *   <li>{@code national:<factor>}: above factor x the national level (no limit for a local-only level);</li>
 *   <li>{@code none}: never.</li>
 * </ul>
 *
 * @param kind the rule
 * @param factor k or the factor; 0 for none
 */
public record OutlierRule(Kind kind, double factor) {

  public enum Kind { IQR, NATIONAL, NONE }

  public static final OutlierRule DEFAULT = new OutlierRule(Kind.IQR, 1.5);

  public OutlierRule {
    if (kind != Kind.NONE && !(factor > 0 && Double.isFinite(factor))) {
      throw new IllegalArgumentException("The outlier rule's factor must be a positive number, cannot be: " + factor);
    }
  }

  /** Parses {@code iqr:<k>}, {@code national:<factor>} or {@code none} (case-insensitive). */
  public static OutlierRule parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return new OutlierRule(Kind.NONE, 0);
    }
    int colon = t.indexOf(':');
    if (colon > 0) {
      String kind = t.substring(0, colon);
      try {
        double f = Double.parseDouble(t.substring(colon + 1).trim());
        if (f > 0 && Double.isFinite(f)) {
          if (kind.equals("iqr")) {
            return new OutlierRule(Kind.IQR, f);
          } else if (kind.equals("national")) {
            return new OutlierRule(Kind.NATIONAL, f);
          }
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException("Outlier rule must be iqr:<k> (e.g. iqr:1.5), national:<factor> (e.g. "
        + "national:2) or none, with a positive number, cannot be: '" + text + "'");
  }

  /** The rule as written in config, e.g. {@code iqr:1.5}. */
  public String label() {
    return kind == Kind.NONE ? "none"
        : kind.name().toLowerCase(Locale.ROOT) + ":" + BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
  }
}
