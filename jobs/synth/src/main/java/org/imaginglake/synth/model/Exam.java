package org.imaginglake.synth.model;

/**
 * One ordered imaging procedure and what happened to it. {@code acquisition} is null unless it was performed;
 * {@code reader} wrote the preliminary report and {@code signer} the final one (null until read); {@code lesion} is set for the follow-up CTs of longitudinal patients, whose
 * studies carry a measurement report.
 */
public record Exam(String accession, String placerOrder, Patient patient, Site site, Scanner scanner,
    Protocol protocol, Priority priority, PatientClass patientClass, ExamStatus status, StageTimes times,
    Radiologist reader, Radiologist signer, String referringPhysician, String operator, Acquisition acquisition, LesionTrack lesion,
    int lesionTimepoint) {

  public boolean performed() {
    return status == ExamStatus.COMPLETED;
  }
}
