package org.imaginglake.synth.model;

/** Patient class with its HL7 v2 code (table 0004, PV1-2): E emergency, I inpatient, O outpatient. */
public enum PatientClass {
  EMERGENCY("E"),
  INPATIENT("I"),
  OUTPATIENT("O");

  private final String hl7Code;

  PatientClass(String hl7Code) {
    this.hl7Code = hl7Code;
  }

  public String hl7Code() {
    return hl7Code;
  }
}
