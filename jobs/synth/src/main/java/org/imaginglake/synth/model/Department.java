package org.imaginglake.synth.model;

import java.time.Instant;
import java.util.List;

/**
 * The result of a simulation: the sites with their scanners, the readers, every exam (sorted by order time, then
 * accession), the longitudinal lesion tracks and the injected bottlenecks, for the simulated period
 * [{@code start}, {@code end}).
 */
public record Department(Instant start, Instant end, List<Site> sites, List<Radiologist> readers, List<Exam> exams,
    List<LesionTrack> lesions, List<Bottleneck> bottlenecks) {
  public Department {
    sites = List.copyOf(sites);
    readers = List.copyOf(readers);
    exams = List.copyOf(exams);
    lesions = List.copyOf(lesions);
    bottlenecks = List.copyOf(bottlenecks);
  }
}
