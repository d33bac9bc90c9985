package org.imaginglake.core.ris;

/**
 * The workflow steps a RIS event can record, aligned with the SIIM Workflow Initiative in Medicine (SWIM) steps
 * (order, schedule, arrive, begin exam, complete exam, preliminary and final report). {@code docs/ris-events.md}
 * gives, per HL7 message and trigger, which of these it produces and from which fields.
 */
public enum RisEventType {
  /** The order was placed (SWIM: order entered). */
  ORDERED,
  /** The order was changed (ORC-1 XO, XR, XX): procedure, priority or details, not the step. */
  ORDER_CHANGED,
  /** The exam was booked (SWIM: exam scheduled); the booked start is {@code scheduled_time}. */
  SCHEDULED,
  /** The booking moved to another time (SIU S13). */
  RESCHEDULED,
  /** The booking changed without a new time: resources, room, duration (SIU S14, S18–S22). */
  APPOINTMENT_CHANGED,
  /** The order or booking was put on hold (ORC-1 HD/OH, ORC-5 HD). */
  ON_HOLD,
  /** The patient arrived or was registered (SWIM: patient arrived; ADT A01, A04, A10). */
  ARRIVED,
  /** The exam began (SWIM: exam started; ORC-5 IP). */
  EXAM_STARTED,
  /** The exam ended (SWIM: exam completed; ORC-5 CM). */
  EXAM_COMPLETED,
  /** A report not yet signed (SWIM: preliminary report; OBR-25 P, A, R; MDM TXA-17 other than AU/LA). */
  PRELIMINARY_REPORT,
  /** The signed report (SWIM: report finalised; OBR-25 F; MDM TXA-17 AU/LA). */
  FINAL_REPORT,
  /** A correction of a result already sent (OBR-25 C; MDM T07–T10). */
  CORRECTED_REPORT,
  /** An addendum to a report (MDM T05, T06). */
  ADDENDUM,
  /** The order or booking was cancelled or discontinued (ORC-1 CA/OC/DC/OD/CR/DR, ORC-5 CA/DC, SIU S15–S17). */
  CANCELLED,
  /** The patient did not come (SIU S26). */
  NO_SHOW,
  /** The visit ended (ADT A03). */
  DISCHARGED,
  /** Demographics, class or location changed (ADT A02, A05–A08, A31). */
  PATIENT_UPDATED,
  /** Two patient records became one, or the patient's ID changed; the old one is {@code prior_patient_pseudo_id}. */
  PATIENT_MERGED
}
