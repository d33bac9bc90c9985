package org.imaginglake.synth.model;

import java.time.Instant;

/**
 * One irradiation event (PS3.3 C.7.10.1.1.1), as the dose reports and image headers carry it. CT events fill the
 * CT fields (CTDIvol mGy, DLP mGy·cm, scanning length mm, head or body phantom); projection events fill DAP (Gy·m²)
 * and dose at the reference point (Gy); MG events the mean glandular dose (mGy). Unused quantities are 0.
 */
public record IrradiationEvent(String key, Kind kind, Instant started, int kvp, double tubeCurrentMa,
    double exposureTimeMs, double ctdiVolMgy, double dlpMgyCm, double scanLengthMm, boolean headPhantom,
    double dapGym2, double doseRpGy, double glandularDoseMgy) {

  /** What kind of irradiation this was. */
  public enum Kind { CT_LOCALIZER, CT_HELICAL, PROJECTION, FLUOROSCOPY, MAMMOGRAPHY }
}
