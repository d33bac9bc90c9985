package org.imaginglake.core.ris;

import java.time.Instant;

/**
 * The values of one event while a message or record is being mapped; {@link #toEvent} fixes them into a
 * {@link RisEvent}. Identifiers here are already pseudonyms.
 */
final class EventDraft {
  RisEventType type;
  Instant time;
  String accessionPseudoId;
  String patientPseudoId;
  String placerOrderPseudoId;
  String fillerOrderPseudoId;
  String priorPatientPseudoId;
  String procedureCode;
  String procedureText;
  String modality;
  String priority;
  String patientClass;
  String site;
  String performingResource;
  String readerId;
  Instant scheduledTime;
  String orderControl;
  String orderStatus;
  String resultStatus;

  EventDraft(RisEventType type, Instant time) {
    this.type = type;
    this.time = time;
  }

  /** A copy with another type and time (a second event of the same order). */
  EventDraft as(RisEventType otherType, Instant otherTime) {
    EventDraft d = new EventDraft(otherType, otherTime);
    d.accessionPseudoId = accessionPseudoId;
    d.patientPseudoId = patientPseudoId;
    d.placerOrderPseudoId = placerOrderPseudoId;
    d.fillerOrderPseudoId = fillerOrderPseudoId;
    d.priorPatientPseudoId = priorPatientPseudoId;
    d.procedureCode = procedureCode;
    d.procedureText = procedureText;
    d.modality = modality;
    d.priority = priority;
    d.patientClass = patientClass;
    d.site = site;
    d.performingResource = performingResource;
    d.readerId = readerId;
    d.scheduledTime = scheduledTime;
    d.orderControl = orderControl;
    d.orderStatus = orderStatus;
    d.resultStatus = resultStatus;
    return d;
  }

  /** The event, with the message-level values that all events of one input share. */
  RisEvent toEvent(String eventId, MessageInfo m, int eventOrdinal) {
    return new RisEvent(eventId, type, time, accessionPseudoId, patientPseudoId, placerOrderPseudoId, procedureCode,
        procedureText, modality, priority, patientClass, site, performingResource, readerId, m.messageType(),
        m.controlId(), m.sourcePath(), fillerOrderPseudoId, priorPatientPseudoId, scheduledTime, m.messageTime(),
        m.hl7Version(), orderControl, orderStatus, resultStatus, m.sendingApplication(), m.sendingFacility(),
        m.ordinal(), eventOrdinal);
  }

  /** What all events of one message (or CSV record) share. */
  record MessageInfo(String messageType, String controlId, String sourcePath, Instant messageTime, String hl7Version,
      String sendingApplication, String sendingFacility, int ordinal) {}
}
