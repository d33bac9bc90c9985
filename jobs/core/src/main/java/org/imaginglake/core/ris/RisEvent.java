package org.imaginglake.core.ris;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One RIS workflow event, a row of table {@code ris_events} (which adds {@code run_id}). Identifiers are keyed
 * pseudonyms made with the same key and namespaces as the DICOM side, so events and studies join on
 * {@code accession_pseudo_id} and {@code patient_pseudo_id}; nothing here is a raw patient identifier or a name.
 * {@code docs/ris-events.md} says which HL7 field or CSV column fills each value.
 *
 * @param eventId deterministic: the same input gives the same ID on every run ({@link #eventId(String...)})
 * @param eventType the workflow step
 * @param eventTime when the step happened (the most specific time the input has for it)
 * @param accessionPseudoId pseudonym (ACCESSION_NUMBER) of the accession number DICOM studies carry
 * @param patientPseudoId pseudonym (PATIENT_ID) of PID-3's first identifier
 * @param placerOrderPseudoId pseudonym (PLACER_ORDER_NUMBER) of ORC-2 / OBR-2 / SCH-26
 * @param procedureCode code of the requested procedure
 * @param procedureText its text
 * @param modality DICOM modality code when the input gives one (IPC-5, OBR-24)
 * @param priority normalised: STAT, URGENT, ROUTINE, PREOP, CALLBACK, TIMING_CRITICAL, AS_NEEDED, or the code
 * @param patientClass normalised PV1-2: EMERGENCY, INPATIENT, OUTPATIENT, PREADMIT, RECURRING, OBSTETRICS, ...
 * @param site the facility where the exam happens
 * @param performingResource the modality, room or station booked or used
 * @param readerId the ID (never the name) of the principal result interpreter
 * @param messageType e.g. {@code ORM^O01}; {@code CSV} for CSV exports
 * @param messageControlId MSH-10; null for CSV
 * @param sourcePath the file
 * @param fillerOrderPseudoId pseudonym (FILLER_ORDER_NUMBER) of ORC-3 / OBR-3 / SCH-27
 * @param priorPatientPseudoId for PATIENT_MERGED: pseudonym (PATIENT_ID) of MRG-1, the ID that goes away
 * @param scheduledTime the booked start of the exam, when the input has one
 * @param messageTime MSH-7
 * @param hl7Version MSH-12
 * @param orderControl ORC-1
 * @param orderStatus ORC-5
 * @param resultStatus OBR-25 (or TXA-17 for MDM)
 * @param sendingApplication MSH-3, first component
 * @param sendingFacility MSH-4, first component
 * @param messageOrdinal 1-based position of the message (HL7) or record (CSV) in the file
 * @param eventOrdinal 0-based position of the event among the events of its message
 */
public record RisEvent(
    String eventId,
    RisEventType eventType,
    Instant eventTime,
    String accessionPseudoId,
    String patientPseudoId,
    String placerOrderPseudoId,
    String procedureCode,
    String procedureText,
    String modality,
    String priority,
    String patientClass,
    String site,
    String performingResource,
    String readerId,
    String messageType,
    String messageControlId,
    String sourcePath,
    String fillerOrderPseudoId,
    String priorPatientPseudoId,
    Instant scheduledTime,
    Instant messageTime,
    String hl7Version,
    String orderControl,
    String orderStatus,
    String resultStatus,
    String sendingApplication,
    String sendingFacility,
    int messageOrdinal,
    int eventOrdinal) {

  /** Column names in order, for the Spark side's schema ({@code ris_events} adds {@code run_id}). */
  public static final List<String> COLUMNS = List.of(
      "event_id", "event_type", "event_time", "accession_pseudo_id", "patient_pseudo_id", "placer_order_pseudo_id",
      "procedure_code", "procedure_text", "modality", "priority", "patient_class", "site", "performing_resource",
      "reader_id", "message_type", "message_control_id", "source_path", "filler_order_pseudo_id",
      "prior_patient_pseudo_id", "scheduled_time", "message_time", "hl7_version", "order_control", "order_status",
      "result_status", "sending_application", "sending_facility", "message_ordinal", "event_ordinal");

  /** The values in {@link #COLUMNS} order ({@code event_type} as its name), for building rows without reflection. */
  public Object[] values() {
    return new Object[] {
      eventId, eventType.name(), eventTime, accessionPseudoId, patientPseudoId, placerOrderPseudoId, procedureCode,
      procedureText, modality, priority, patientClass, site, performingResource, readerId, messageType,
      messageControlId, sourcePath, fillerOrderPseudoId, priorPatientPseudoId, scheduledTime, messageTime,
      hl7Version, orderControl, orderStatus, resultStatus, sendingApplication, sendingFacility, messageOrdinal,
      eventOrdinal
    };
  }

  /**
   * Lower-case hex SHA-256 of the parts, each followed by a NUL (a null part counts as empty). For HL7 the parts
   * are sending application, sending facility, MSH-10, event type and event ordinal; for CSV see
   * {@link RisCsvReader}.
   */
  public static String eventId(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        if (p != null) {
          sha.update(p.getBytes(StandardCharsets.UTF_8));
        }
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
