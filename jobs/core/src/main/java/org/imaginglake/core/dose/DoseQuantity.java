package org.imaginglake.core.dose;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dose quantity a reference level can be set on: the name of the {@code dose_studies} column (study scope) or
 * {@code dose_events} column (event scope) it is read from, and the lake's unit for it. Study-scope
 * {@code dlp_mgy_cm} is {@code events_dlp_sum_mgy_cm}, else {@code total_dlp_mgy_cm}.
 */
public enum DoseQuantity {
  CTDI_VOL_MGY("ctdi_vol_mgy", "mGy", EnumSet.of(Scope.EVENT)),
  DLP_MGY_CM("dlp_mgy_cm", "mGy.cm", EnumSet.of(Scope.STUDY, Scope.EVENT)),
  DAP_GY_M2("dap_gy_m2", "Gy.m2", EnumSet.of(Scope.EVENT)),
  DOSE_RP_GY("dose_rp_gy", "Gy", EnumSet.of(Scope.EVENT)),
  AGD_MGY("agd_mgy", "mGy", EnumSet.of(Scope.EVENT)),
  MAX_CTDI_VOL_MGY("max_ctdi_vol_mgy", "mGy", EnumSet.of(Scope.STUDY)),
  TOTAL_DAP_GY_M2("total_dap_gy_m2", "Gy.m2", EnumSet.of(Scope.STUDY)),
  TOTAL_DOSE_RP_GY("total_dose_rp_gy", "Gy", EnumSet.of(Scope.STUDY)),
  TOTAL_FLUORO_TIME_S("total_fluoro_time_s", "s", EnumSet.of(Scope.STUDY));

  /** What one compared value is: a study's total, or one irradiation event's value. */
  public enum Scope {
    STUDY, EVENT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Units a DRL file may state a level in, per lake unit, with the exact factor to the lake unit. */
  private static final Map<String, Map<String, String>> UNITS = Map.of(
      "mGy", Map.of("mGy", "1", "Gy", "1000", "uGy", "0.001"),
      "Gy", Map.of("Gy", "1", "mGy", "0.001"),
      "mGy.cm", Map.of("mGy.cm", "1", "Gy.cm", "1000", "mGy.mm", "0.1"),
      "Gy.m2", Map.of("Gy.m2", "1", "mGy.m2", "0.001", "uGy.m2", "0.000001", "Gy.cm2", "0.0001",
          "dGy.cm2", "0.00001", "cGy.cm2", "0.000001", "mGy.cm2", "0.0000001"),
      "s", Map.of("s", "1", "min", "60"));

  private final String column;
  private final String unit;
  private final Set<Scope> scopes;

  DoseQuantity(String column, String unit, Set<Scope> scopes) {
    this.column = column;
    this.unit = unit;
    this.scopes = scopes;
  }

  /** The column name, also the name used in DRL files and in {@code dose_reference_comparison.quantity}. */
  public String column() {
    return column;
  }

  /** The lake's unit of the quantity (mGy, mGy.cm, Gy.m2, Gy, s). */
  public String unit() {
    return unit;
  }

  public boolean allows(Scope scope) {
    return scopes.contains(scope);
  }

  public Set<Scope> scopes() {
    return scopes;
  }

  /** The quantity named {@code column}, or null. */
  public static DoseQuantity byColumn(String column) {
    for (DoseQuantity q : values()) {
      if (q.column.equals(column)) {
        return q;
      }
    }
    return null;
  }

  /** Units accepted for this quantity (for error messages). */
  public Set<String> acceptedUnits() {
    return new TreeMap<>(UNITS.get(unit)).keySet();
  }

  /**
   * {@code number} stated in {@code statedUnit} converted exactly (decimal arithmetic) to the lake unit; null when
   * the unit is not one of {@link #acceptedUnits()}. "·" and "²" are read as "." and "2".
   */
  public Double toLakeUnit(BigDecimal number, String statedUnit) {
    String u = statedUnit.replace('·', '.').replace("²", "2").trim();
    String factor = UNITS.get(unit).get(u);
    return factor == null ? null : number.multiply(new BigDecimal(factor)).doubleValue();
  }
}
