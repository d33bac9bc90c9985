package org.imaginglake.core.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imaginglake.core.config.LakeConfig;
import org.junit.jupiter.api.Test;

/** Cumulative windows, alert thresholds and the outlier rule, from text and from config. */
class DoseSettingsTest {
  @Test
  void windowsAcceptDaysWeeksYearsAndLifetime() {
    CumulativeWindows w = CumulativeWindows.parse(" 84d, 12W,1y , lifetime,12w");
    assertThat(w.windows()).containsExactly(new CumulativeWindows.Window("84d", 84),
        new CumulativeWindows.Window("12w", 84), new CumulativeWindows.Window("1y", 365),
        new CumulativeWindows.Window("lifetime", null));
    assertThat(CumulativeWindows.forConfig(LakeConfig.defaults()).windows()).extracting(CumulativeWindows.Window::label)
        .containsExactly("12w", "1y", "lifetime");
    assertThatThrownBy(() -> CumulativeWindows.parse("12w,3m")).hasMessageContaining("'3m'")
        .hasMessageContaining("<n>d");
    assertThatThrownBy(() -> CumulativeWindows.parse("0d")).hasMessageContaining("'0d'");
    assertThatThrownBy(() -> CumulativeWindows.parse(" , ")).hasMessageContaining("No cumulative dose window");
    assertThatThrownBy(() -> CumulativeWindows.forConfig(
        LakeConfig.defaults().with(LakeConfig.DOSE_CUMULATIVE_WINDOWS, "forever")))
        .hasMessageContaining("dose.cumulative.windows").hasMessageContaining("'forever'");
  }

  @Test
  void thresholdsDefaultToOpenRemsAndNoneSwitchesOneOff() {
    assertThat(AlertThresholds.forConfig(LakeConfig.defaults())).isEqualTo(AlertThresholds.OPENREM_DEFAULTS);
    assertThat(AlertThresholds.OPENREM_DEFAULTS).isEqualTo(new AlertThresholds(0.02, 2.0, null));
    AlertThresholds t = AlertThresholds.forConfig(LakeConfig.defaults()
        .with(LakeConfig.DOSE_ALERT_DAP_GY_M2, "none").with(LakeConfig.DOSE_ALERT_CT_DLP_MGY_CM, "1000"));
    assertThat(t).isEqualTo(new AlertThresholds(null, 2.0, 1000.0));
    assertThatThrownBy(() -> AlertThresholds.forConfig(LakeConfig.defaults()
        .with(LakeConfig.DOSE_ALERT_DOSE_RP_GY, "-2"))).hasMessageContaining("dose.alert.cumulative-dose-rp-gy")
        .hasMessageContaining("'-2'");
    assertThatThrownBy(() -> new AlertThresholds(0.0, null, null)).hasMessageContaining("DAP");
  }

  @Test
  void outlierRules() {
    assertThat(OutlierRule.parse("IQR:1.5")).isEqualTo(OutlierRule.DEFAULT);
    assertThat(OutlierRule.parse("iqr:3").label()).isEqualTo("iqr:3");
    assertThat(OutlierRule.parse("national:2").label()).isEqualTo("national:2");
    assertThat(OutlierRule.parse("none").kind()).isEqualTo(OutlierRule.Kind.NONE);
    assertThat(OutlierRule.DEFAULT.label()).isEqualTo("iqr:1.5");
    assertThatThrownBy(() -> OutlierRule.parse("iqr:0")).hasMessageContaining("'iqr:0'");
    assertThatThrownBy(() -> OutlierRule.parse("national")).hasMessageContaining("'national'");
  }
}
