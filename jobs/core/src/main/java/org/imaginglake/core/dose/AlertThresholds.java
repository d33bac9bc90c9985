package org.imaginglake.core.dose;

import java.util.Locale;
import org.imaginglake.core.config.LakeConfig;

/**
 * Thresholds of the cumulative-dose alerts. A window's sum at or above its threshold raises the alert, as OpenREM's
 * {@code accum_dap >= alert_levels["alert_total_dap_rf"]}. A null threshold raises no alert.
 *
 * @param dapGyM2 cumulative DAP, Gy.m2 (OpenREM default 20,000 cGy.cm2 = 0.02 Gy.m2)
 * @param doseRpGy cumulative reference-point dose, Gy (OpenREM default 2 Gy)
 * @param ctDlpMgyCm cumulative CT DLP, mGy.cm (no default)
 */
public record AlertThresholds(Double dapGyM2, Double doseRpGy, Double ctDlpMgyCm) {

  /** OpenREM's defaults for fluoroscopy alerts, no CT DLP alert. */
  public static final AlertThresholds OPENREM_DEFAULTS = new AlertThresholds(0.02, 2.0, null);

  public AlertThresholds {
    check("DAP", dapGyM2);
    check("reference-point dose", doseRpGy);
    check("CT DLP", ctDlpMgyCm);
  }

  /**
   * The thresholds of {@code dose.alert.cumulative-dap-gy-m2}, {@code dose.alert.cumulative-dose-rp-gy} and
   * {@code dose.alert.cumulative-ct-dlp-mgy-cm}; {@code none} switches one off, a blank CT DLP means none.
   */
  public static AlertThresholds forConfig(LakeConfig config) {
    return new AlertThresholds(
        threshold(config, LakeConfig.DOSE_ALERT_DAP_GY_M2, LakeConfig.DOSE_ALERT_DAP_GY_M2_DEFAULT),
        threshold(config, LakeConfig.DOSE_ALERT_DOSE_RP_GY, LakeConfig.DOSE_ALERT_DOSE_RP_GY_DEFAULT),
        threshold(config, LakeConfig.DOSE_ALERT_CT_DLP_MGY_CM, "none"));
  }

  private static Double threshold(LakeConfig config, String key, String defaultValue) {
    String v = config.get(key, defaultValue);
    if (v.toLowerCase(Locale.ROOT).equals("none")) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("Setting " + key + " must be a number above 0 or none, cannot be: '" + v
        + "'");
  }

  private static void check(String what, Double v) {
    if (v != null && !(v > 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException("The cumulative " + what + " alert threshold must be above 0, cannot be: "
          + v);
    }
  }
}
