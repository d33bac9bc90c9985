package org.imaginglake.synth.model;

/**
 * One series a protocol acquires: description, instance count range, and how it irradiates ({@link Exposure#NONE}
 * for MR/US/NM, a CT localizer or helical acquisition, one projection exposure per image, or none for a CT
 * reconstruction that reuses the previous acquisition's event).
 */
public record SeriesPlan(String description, int minInstances, int maxInstances, Exposure exposure) {
  /** How the series' images were irradiated. */
  public enum Exposure { NONE, CT_LOCALIZER, CT_HELICAL, CT_RECON, PROJECTION }
}
