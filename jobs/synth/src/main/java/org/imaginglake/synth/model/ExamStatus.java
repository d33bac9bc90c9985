package org.imaginglake.synth.model;

/** How an ordered exam ended: performed, cancelled before it started, or the patient did not come. */
public enum ExamStatus {
  COMPLETED,
  CANCELLED,
  NO_SHOW
}
