package org.imaginglake.synth.model;

/** Order priority, with its HL7 v2 code (table 0027, in ORC-7/TQ1-9 and OBR-27): S stat, A ASAP, R routine. */
public enum Priority {
  STAT("S"),
  URGENT("A"),
  ROUTINE("R");

  private final String hl7Code;

  Priority(String hl7Code) {
    this.hl7Code = hl7Code;
  }

  public String hl7Code() {
    return hl7Code;
  }
}
