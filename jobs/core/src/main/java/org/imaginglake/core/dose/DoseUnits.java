package org.imaginglake.core.dose;

import java.util.List;
import java.util.Map;

/**
 * Normalises a numeric content item to the lake's unit for its quantity, from the UCUM measurement units code.
 * An item whose units are missing, not UCUM, or not a unit of that quantity yields no value and a problem the report
 * carries; nothing is guessed from the code meaning.
 *
 * <p>Vendor quirks accepted, each named: {@code mGycm} (GE, Siemens: "mGy.cm" without the product dot) and
 * {@code Gym2} (Eurocolumbus, GE: "Gy.m2" without the dot).
 */
final class DoseUnits {
  private DoseUnits() {}

  /** The quantity an item measures and the factors from each accepted UCUM code to the lake's unit. */
  enum Quantity {
    DOSE_MGY("mGy", Map.of("mGy", 1.0, "Gy", 1000.0, "dGy", 100.0, "cGy", 10.0, "uGy", 0.001)),
    DOSE_GY("Gy", Map.of("Gy", 1.0, "mGy", 0.001, "dGy", 0.1, "cGy", 0.01, "uGy", 1e-6)),
    DLP_MGY_CM("mGy.cm", Map.of("mGy.cm", 1.0, "mGycm", 1.0, "Gy.cm", 1000.0, "cGy.cm", 10.0, "mGy.mm", 0.1,
        "dGy.cm", 100.0)),
    DAP_GY_M2("Gy.m2", Map.of("Gy.m2", 1.0, "Gym2", 1.0, "dGy.cm2", 1e-5, "cGy.cm2", 1e-6, "mGy.cm2", 1e-7,
        "Gy.cm2", 1e-4, "uGy.m2", 1e-6, "mGy.m2", 1e-3, "uGy.cm2", 1e-10, "dGy.m2", 0.1)),
    TIME_S("s", Map.of("s", 1.0, "ms", 0.001, "min", 60.0, "us", 1e-6)),
    LENGTH_MM("mm", Map.of("mm", 1.0, "cm", 10.0, "m", 1000.0)),
    VOLTAGE_KV("kV", Map.of("kV", 1.0)),
    CURRENT_MA("mA", Map.of("mA", 1.0, "A", 1000.0, "uA", 0.001));

    final String unit;
    final Map<String, Double> factors;

    Quantity(String unit, Map<String, Double> factors) {
      this.unit = unit;
      this.factors = factors;
    }
  }

  /**
   * The value of {@code node} in the unit of {@code q}, or null with a problem added to {@code problems} when the
   * item has no usable number or unit.
   */
  static Double value(SrNode node, Quantity q, List<String> problems) {
    String raw = node.numericText();
    if (raw == null) {
      return null;
    }
    double number;
    try {
      number = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      problems.add(node.concept + ": value '" + raw + "' is not a single number; not used");
      return null;
    }
    Code units = node.units();
    if (units == null) {
      problems.add(node.concept + " = " + raw + ": no measurement units code; not used");
      return null;
    }
    if (!isUcum(units.scheme())) {
      problems.add(node.concept + " = " + raw + ": units " + units + " are not UCUM; not used");
      return null;
    }
    Double factor = q.factors.get(units.value());
    if (factor == null) {
      problems.add(node.concept + " = " + raw + ": unit '" + units.value() + "' is not a known unit of "
          + q.unit + "; not used");
      return null;
    }
    return number * factor;
  }

  /** UCUM, or GE's misspelling "UCM" of it. */
  private static boolean isUcum(String scheme) {
    return "UCUM".equals(scheme) || "UCM".equals(scheme);
  }
}
