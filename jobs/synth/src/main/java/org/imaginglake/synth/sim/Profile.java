package org.imaginglake.synth.sim;

import java.time.LocalDate;

/**
 * Size presets. Each starts on a date that puts the spring daylight-saving change of Europe (last Sunday of March
 * 2026, 29 March) inside its default period. {@code instanceScale} shrinks the per-series instance counts (small
 * keeps a few MB on disk); {@code cohortPerSite} is how many longitudinal lesion patients each site follows.
 */
public enum Profile {
  SMALL(1, 3, LocalDate.of(2026, 3, 27), 0.08, 0.35, 3),
  DEPARTMENT(2, 14, LocalDate.of(2026, 3, 23), 1.0, 1.0, 10),
  ENTERPRISE(4, 28, LocalDate.of(2026, 3, 16), 1.0, 1.0, 20);

  private final int sites;
  private final int defaultDays;
  private final LocalDate defaultStart;
  private final double instanceScale;
  private final double volumeScale;
  private final int cohortPerSite;

  Profile(int sites, int defaultDays, LocalDate defaultStart, double instanceScale, double volumeScale,
      int cohortPerSite) {
    this.sites = sites;
    this.defaultDays = defaultDays;
    this.defaultStart = defaultStart;
    this.instanceScale = instanceScale;
    this.volumeScale = volumeScale;
    this.cohortPerSite = cohortPerSite;
  }

  public int sites() {
    return sites;
  }

  public int defaultDays() {
    return defaultDays;
  }

  public LocalDate defaultStart() {
    return defaultStart;
  }

  public double instanceScale() {
    return instanceScale;
  }

  /** Multiplies booking fill and walk-in rates (small: fewer exams). */
  public double volumeScale() {
    return volumeScale;
  }

  public int cohortPerSite() {
    return cohortPerSite;
  }

  /** True when the site list is the one-of-each small department (7 scanners) instead of the full 12. */
  boolean compact() {
    return this == SMALL;
  }
}
