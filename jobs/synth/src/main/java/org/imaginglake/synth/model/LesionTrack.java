package org.imaginglake.synth.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The true course of one tracked lesion of a longitudinal patient: long-axis diameter
 * {@code baselineMm * exp(ratePerDay * days since baseline)}, volume that of a sphere of that diameter. Values are
 * rounded to 0.1 mm and 1 mm³, exactly as the measurement reports write them.
 */
public record LesionTrack(String patientId, String trackingId, String trackingUid, Trajectory trajectory,
    double ratePerDay, double baselineMm, Instant baseline, String findingSiteCode, String findingSiteMeaning) {

  /** Whether the lesion grows, stays the same size or shrinks. */
  public enum Trajectory { GROWING, STABLE, SHRINKING }

  public double diameterMmAt(Instant t) {
    double days = Duration.between(baseline, t).toSeconds() / 86400.0;
    return Math.round(baselineMm * Math.exp(ratePerDay * days) * 10) / 10.0;
  }

  public double volumeMm3At(Instant t) {
    double d = diameterMmAt(t);
    return Math.round(Math.PI / 6 * d * d * d);
  }
}
