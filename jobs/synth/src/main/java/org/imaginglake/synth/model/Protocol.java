package org.imaginglake.synth.model;

import java.util.List;

/**
 * An orderable procedure: RIS code and text, modality, DICOM BodyPartExamined, duration (log-normal with the
 * given median minutes and log-sd), the series it acquires, and its dose scale: CTDIvol (mGy) and scan length (mm)
 * for CT, dose-area product per exposure (Gy·m²) for projection X-ray, mean glandular dose per view (mGy) for MG.
 */
public record Protocol(String code, String text, Modality modality, String bodyPart, double medianMinutes,
    double logSd, List<SeriesPlan> series, double ctdiVolMgy, double scanLengthMm, double dapGym2PerExposure,
    double glandularDoseMgy, int kvp, TargetRegion region) {
  public Protocol {
    series = List.copyOf(series);
  }

  /** Anatomic region as a SNOMED CT code (CID 4030/4031), used as Target Region in dose reports. */
  public record TargetRegion(String code, String meaning) {
  }
}
