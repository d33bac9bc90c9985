package org.imaginglake.synth.hl7;

/**
 * The workflow events the RIS reports, in the order they happen to one order, with the HL7 message that carries
 * each (see docs/synthetic-department.md for the conventions).
 */
public enum EventType {
  ORDERED("ORM^O01", "ORC-1 NW: new order from the placer"),
  APPOINTMENT_BOOKED("SIU^S12", "appointment booked (booked orders only)"),
  PROCEDURE_SCHEDULED("OMI^O23", "ORC-1 NW with IPC: procedure scheduled for the modality (accession, study UID)"),
  CANCELLED("ORM^O01", "ORC-1 CA, ORC-5 CA: order cancelled"),
  NO_SHOW("SIU^S26", "patient did not come to the appointment"),
  ARRIVED("ADT^A10", "patient arrived in the department"),
  EXAM_STARTED("ORM^O01", "ORC-1 SC, ORC-5 IP: exam started"),
  EXAM_COMPLETED("ORM^O01", "ORC-1 SC, ORC-5 CM: exam completed"),
  PRELIMINARY_REPORT("ORU^R01", "OBR-25 P: preliminary report"),
  FINAL_REPORT("ORU^R01", "OBR-25 F: final report"),
  CORRECTED_REPORT("ORU^R01", "OBR-25 C: corrected report");

  private final String messageType;
  private final String meaning;

  EventType(String messageType, String meaning) {
    this.messageType = messageType;
    this.meaning = meaning;
  }

  /** MSH-9 message code and trigger event, e.g. {@code ORM^O01}. */
  public String messageType() {
    return messageType;
  }

  public String meaning() {
    return meaning;
  }
}
