package org.imaginglake.synth.model;

import java.util.List;

/**
 * One acquired series: number, description, the true acquisition time of each instance (epoch milliseconds, in
 * instance order) and its irradiation events — one per instance for projection and mammography images, one for the
 * whole series for CT, none for MR/US/NM.
 */
public record SeriesAcquisition(int number, String description, long[] instanceEpochMillis,
    List<IrradiationEvent> events) {
  public SeriesAcquisition {
    events = List.copyOf(events);
  }

  public int instanceCount() {
    return instanceEpochMillis.length;
  }

  /** The event that produced instance {@code i} (0-based), or null when the series was not irradiated. */
  public IrradiationEvent eventOf(int i) {
    if (events.isEmpty()) {
      return null;
    }
    return events.size() == instanceEpochMillis.length ? events.get(i) : events.get(0);
  }
}
