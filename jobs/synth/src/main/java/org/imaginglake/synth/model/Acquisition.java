package org.imaginglake.synth.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a performed exam acquired: its image series, and the fluoroscopy events that produced no stored
 * image. {@link #events()} lists every irradiation event once, in time order — what a dose report accumulates.
 */
public record Acquisition(List<SeriesAcquisition> series, List<IrradiationEvent> fluoroscopyEvents) {
  public Acquisition {
    series = List.copyOf(series);
    fluoroscopyEvents = List.copyOf(fluoroscopyEvents);
  }

  public List<IrradiationEvent> events() {
    List<IrradiationEvent> all = new ArrayList<>(fluoroscopyEvents);
    for (SeriesAcquisition s : series) {
      for (IrradiationEvent e : s.events()) {
        if (!all.contains(e)) {
          all.add(e);
        }
      }
    }
    all.sort((a, b) -> a.started().compareTo(b.started()));
    return all;
  }

  public int instanceCount() {
    return series.stream().mapToInt(SeriesAcquisition::instanceCount).sum();
  }
}
