package org.imaginglake.synth.model;

import java.time.LocalDate;

/** A fake patient; {@code id} is the MRN used as DICOM PatientID and HL7 PID-3. */
public record Patient(String id, String familyName, String givenName, LocalDate birthDate, String sex) {
  /** DICOM PN / HL7 XPN order: family^given. */
  public String dicomName() {
    return familyName + "^" + givenName;
  }
}
