package org.imaginglake.synth.model;

import java.util.List;

/**
 * Dose totals accumulated over a study's irradiation events (what a dose report's accumulated section says).
 * For MG, {@code doseRpGy} sums the entrance doses.
 */
public record DoseTotals(int events, double dlpMgyCm, double ctdiVolMaxMgy, double dapGym2, double doseRpGy,
    double fluoroDapGym2, double fluoroTimeS, double acquisitionDapGym2, double glandularDoseMgy) {

  public static DoseTotals of(List<IrradiationEvent> events) {
    double dlp = 0;
    double ctdiMax = 0;
    double dap = 0;
    double doseRp = 0;
    double fluoroDap = 0;
    double fluoroTime = 0;
    double agd = 0;
    for (IrradiationEvent e : events) {
      dlp += e.dlpMgyCm();
      ctdiMax = Math.max(ctdiMax, e.ctdiVolMgy());
      dap += e.dapGym2();
      doseRp += e.doseRpGy();
      agd += e.glandularDoseMgy();
      if (e.kind() == IrradiationEvent.Kind.FLUOROSCOPY) {
        fluoroDap += e.dapGym2();
        fluoroTime += e.exposureTimeMs() / 1000;
      }
    }
    return new DoseTotals(events.size(), round(dlp, 2), ctdiMax, round(dap, 8), round(doseRp, 6),
        round(fluoroDap, 8), round(fluoroTime, 1), round(dap - fluoroDap, 8), round(agd, 2));
  }

  /** {@code v} rounded half-up to {@code decimals} places (how the reports and the planner round). */
  public static double round(double v, int decimals) {
    return java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
  }
}
