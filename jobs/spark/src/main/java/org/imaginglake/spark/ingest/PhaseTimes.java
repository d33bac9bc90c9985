package org.imaginglake.spark.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock seconds per step of one job run, in the order the steps ran: where a run's time went. A step that runs
 * twice is summed. Not thread-safe; one per job run.
 */
public final class PhaseTimes {
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private long mark = System.nanoTime();

  void restart() {
    nanos.clear();
    mark = System.nanoTime();
  }

  /** Charges the time since the previous lap (or the start) to {@code step}. */
  void lap(String step) {
    long now = System.nanoTime();
    nanos.merge(step, now - mark, Long::sum);
    mark = now;
  }

  /** Seconds per step, in the order the steps first ran. */
  public Map<String, Double> seconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, v / 1e9));
    return out;
  }

  /** For example {@code list 0.12 s, parse+staging 1.40 s, dicom_instances 0.90 s}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    seconds().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(String.format(" %.2f s", v)));
    return b.toString();
  }
}
