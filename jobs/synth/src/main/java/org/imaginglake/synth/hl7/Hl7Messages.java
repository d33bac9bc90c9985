package org.imaginglake.synth.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.datatype.TX;
import ca.uhn.hl7v2.model.v251.message.ADT_A09;
import ca.uhn.hl7v2.model.v251.message.OMI_O23;
import ca.uhn.hl7v2.model.v251.message.ORM_O01;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.SCH;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.Radiologist;
import org.imaginglake.synth.sim.Uids;

/**
 * Builds the HL7 v2.5.1 message of a workflow event with HAPI's typed model classes. Times (MSH-7 and the event's
 * own time fields) are the true event time in the site's zone with its UTC offset; the RIS clock is exact.
 */
final class Hl7Messages {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx");

  private final long seed;

  Hl7Messages(long seed) {
    this.seed = seed;
  }

  Message build(WorkflowEvent ev) {
    try {
      return switch (ev.type()) {
        case ORDERED -> orm(ev, "NW", "SC");
        case CANCELLED -> orm(ev, "CA", "CA");
        case EXAM_STARTED -> orm(ev, "SC", "IP");
        case EXAM_COMPLETED -> orm(ev, "SC", "CM");
        case APPOINTMENT_BOOKED -> siu(ev, "S12", "Booked");
        case NO_SHOW -> siu(ev, "S26", "Noshow");
        case PROCEDURE_SCHEDULED -> omi(ev);
        case ARRIVED -> arrival(ev);
        case PRELIMINARY_REPORT -> oru(ev, "P", ev.exam().reader());
        case FINAL_REPORT -> oru(ev, "F", ev.exam().signer());
        case CORRECTED_REPORT -> oru(ev, "C", ev.exam().signer());
      };
    } catch (HL7Exception e) {
      throw new IllegalStateException("cannot build " + ev.type() + " of " + ev.exam().accession() + ": " + e, e);
    }
  }

  private ORM_O01 orm(WorkflowEvent ev, String control, String status) throws HL7Exception {
    ORM_O01 m = new ORM_O01();
    Exam e = ev.exam();
    msh(m.getMSH(), ev, "ORM", "O01", "ORM_O01");
    pid(m.getPATIENT().getPID(), e);
    pv1(m.getPATIENT().getPATIENT_VISIT().getPV1(), e);
    orc(m.getORDER().getORC(), ev, control, status);
    obr(m.getORDER().getORDER_DETAIL().getOBR(), ev);
    if (ev.type() == EventType.CANCELLED) {
      m.getORDER().getORC().getOrderControlCodeReason().getText().setValue("Cancelled by the ordering department");
    }
    return m;
  }

  private OMI_O23 omi(WorkflowEvent ev) throws HL7Exception {
    OMI_O23 m = new OMI_O23();
    Exam e = ev.exam();
    msh(m.getMSH(), ev, "OMI", "O23", "OMI_O23");
    pid(m.getPATIENT().getPID(), e);
    pv1(m.getPATIENT().getPATIENT_VISIT().getPV1(), e);
    orc(m.getORDER().getORC(), ev, "NW", "SC");
    obr(m.getORDER().getOBR(), ev);
    var ipc = m.getORDER().getIPC(0);
    ipc.getAccessionIdentifier().getEntityIdentifier().setValue(e.accession());
    ipc.getRequestedProcedureID().getEntityIdentifier().setValue(e.accession());
    ipc.getStudyInstanceUID().getEntityIdentifier().setValue(Uids.study(seed, e.accession()));
    ipc.getScheduledProcedureStepID().getEntityIdentifier().setValue(e.accession() + "-1");
    ipc.getModality().getIdentifier().setValue(e.scanner().modality().name());
    ipc.getModality().getNameOfCodingSystem().setValue("DCM");
    ipc.getScheduledAETitle().setValue(e.scanner().stationName());
    return m;
  }

  private SIU_S12 siu(WorkflowEvent ev, String trigger, String fillerStatus) throws HL7Exception {
    SIU_S12 m = new SIU_S12();
    Exam e = ev.exam();
    msh(m.getMSH(), ev, "SIU", trigger, "SIU_S12");
    SCH sch = m.getSCH();
    sch.getPlacerAppointmentID().getEntityIdentifier().setValue(e.placerOrder());
    sch.getFillerAppointmentID().getEntityIdentifier().setValue(e.accession());
    sch.getEventReason().getIdentifier().setValue(trigger);
    sch.getAppointmentReason().getIdentifier().setValue(e.protocol().code());
    sch.getAppointmentReason().getText().setValue(e.protocol().text());
    sch.getAppointmentTimingQuantity(0).getStartDateTime().getTime().setValue(ts(e.times().scheduled(), e));
    sch.getPlacerOrderNumber(0).getEntityIdentifier().setValue(e.placerOrder());
    sch.getFillerOrderNumber(0).getEntityIdentifier().setValue(e.accession());
    sch.getFillerStatusCode().getIdentifier().setValue(fillerStatus);
    pid(m.getPATIENT(0).getPID(), e);
    pv1(m.getPATIENT(0).getPV1(), e);
    var resources = m.getRESOURCES(0);
    resources.getRGS().getSetIDRGS().setValue("1");
    var ais = resources.getSERVICE(0).getAIS();
    ais.getSetIDAIS().setValue("1");
    ais.getUniversalServiceIdentifier().getIdentifier().setValue(e.protocol().code());
    ais.getUniversalServiceIdentifier().getText().setValue(e.protocol().text());
    ais.getStartDateTime().getTime().setValue(ts(e.times().scheduled(), e));
    var ail = resources.getLOCATION_RESOURCE(0).getAIL();
    ail.getSetIDAIL().setValue("1");
    ail.getLocationResourceID(0).getPointOfCare().setValue(e.scanner().id());
    ail.getLocationResourceID(0).getFacility().getNamespaceID().setValue(e.site().code());
    return m;
  }

  private ADT_A09 arrival(WorkflowEvent ev) throws HL7Exception {
    ADT_A09 m = new ADT_A09();
    Exam e = ev.exam();
    msh(m.getMSH(), ev, "ADT", "A10", "ADT_A09");
    m.getEVN().getEventTypeCode().setValue("A10");
    m.getEVN().getRecordedDateTime().getTime().setValue(ts(ev.time(), e));
    m.getEVN().getEventOccurred().getTime().setValue(ts(ev.time(), e));
    pid(m.getPID(), e);
    pv1(m.getPV1(), e);
    m.getPV1().getAdmitDateTime().getTime().setValue(ts(ev.time(), e));
    return m;
  }

  private ORU_R01 oru(WorkflowEvent ev, String status, Radiologist author) throws HL7Exception {
    ORU_R01 m = new ORU_R01();
    Exam e = ev.exam();
    msh(m.getMSH(), ev, "ORU", "R01", "ORU_R01");
    var result = m.getPATIENT_RESULT(0);
    pid(result.getPATIENT().getPID(), e);
    pv1(result.getPATIENT().getVISIT().getPV1(), e);
    var order = result.getORDER_OBSERVATION(0);
    orc(order.getORC(), ev, "RE", "CM");
    OBR obr = order.getOBR();
    obr(obr, ev);
    obr.getResultStatus().setValue(status);
    obr.getResultsRptStatusChngDateTime().getTime().setValue(ts(ev.time(), e));
    obr.getPrincipalResultInterpreter().getNDLName().getIDNumber().setValue(author.id());
    obr.getPrincipalResultInterpreter().getNDLName().getFamilyName().setValue(author.familyName());
    obr.getPrincipalResultInterpreter().getNDLName().getGivenName().setValue(author.givenName());
    OBX obx = order.getOBSERVATION(0).getOBX();
    obx.getSetIDOBX().setValue("1");
    obx.getValueType().setValue("TX");
    obx.getObservationIdentifier().getIdentifier().setValue("IMP");
    obx.getObservationIdentifier().getText().setValue("Impression");
    obx.getObservationIdentifier().getNameOfCodingSystem().setValue("L");
    TX text = new TX(m);
    text.setValue(ReportText.impression(seed, e, status));
    obx.getObservationValue(0).setData(text);
    obx.getObservationResultStatus().setValue(status);
    obx.getDateTimeOfTheObservation().getTime().setValue(ts(ev.time(), e));
    return m;
  }

  private static void msh(MSH msh, WorkflowEvent ev, String code, String trigger, String structure)
      throws HL7Exception {
    msh.getFieldSeparator().setValue("|");
    msh.getEncodingCharacters().setValue("^~\\&");
    msh.getSendingApplication().getNamespaceID().setValue("RIS");
    msh.getSendingFacility().getNamespaceID().setValue(ev.exam().site().code());
    msh.getReceivingApplication().getNamespaceID().setValue("IMAGINGLAKE");
    msh.getReceivingFacility().getNamespaceID().setValue(ev.exam().site().code());
    msh.getDateTimeOfMessage().getTime().setValue(ts(ev.time(), ev.exam()));
    msh.getMessageType().getMessageCode().setValue(code);
    msh.getMessageType().getTriggerEvent().setValue(trigger);
    msh.getMessageType().getMessageStructure().setValue(structure);
    msh.getMessageControlID().setValue(ev.controlId());
    msh.getProcessingID().getProcessingID().setValue("P");
    msh.getVersionID().getVersionID().setValue("2.5.1");
  }

  private static void pid(PID pid, Exam e) throws HL7Exception {
    pid.getSetIDPID().setValue("1");
    pid.getPatientIdentifierList(0).getIDNumber().setValue(e.patient().id());
    pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().setValue(e.site().code());
    pid.getPatientIdentifierList(0).getIdentifierTypeCode().setValue("MR");
    pid.getPatientName(0).getFamilyName().getSurname().setValue(e.patient().familyName());
    pid.getPatientName(0).getGivenName().setValue(e.patient().givenName());
    pid.getDateTimeOfBirth().getTime().setValue(e.patient().birthDate().toString().replace("-", ""));
    pid.getAdministrativeSex().setValue(e.patient().sex());
  }

  private static void pv1(PV1 pv1, Exam e) throws HL7Exception {
    pv1.getSetIDPV1().setValue("1");
    pv1.getPatientClass().setValue(e.patientClass().hl7Code());
    pv1.getAssignedPatientLocation().getPointOfCare().setValue("RAD-" + e.scanner().modality());
    pv1.getAssignedPatientLocation().getFacility().getNamespaceID().setValue(e.site().code());
    String[] referrer = e.referringPhysician().split("\\^");
    pv1.getReferringDoctor(0).getFamilyName().getSurname().setValue(referrer[0]);
    pv1.getReferringDoctor(0).getGivenName().setValue(referrer[1]);
  }

  private static void orc(ORC orc, WorkflowEvent ev, String control, String status) throws HL7Exception {
    Exam e = ev.exam();
    orc.getOrderControl().setValue(control);
    orc.getPlacerOrderNumber().getEntityIdentifier().setValue(e.placerOrder());
    orc.getFillerOrderNumber().getEntityIdentifier().setValue(e.accession());
    orc.getOrderStatus().setValue(status);
    orc.getQuantityTiming(0).getPriority().setValue(e.priority().hl7Code());
    orc.getDateTimeOfTransaction().getTime().setValue(ts(ev.time(), e));
    String[] referrer = e.referringPhysician().split("\\^");
    orc.getOrderingProvider(0).getFamilyName().getSurname().setValue(referrer[0]);
    orc.getOrderingProvider(0).getGivenName().setValue(referrer[1]);
  }

  private static void obr(OBR obr, WorkflowEvent ev) throws HL7Exception {
    Exam e = ev.exam();
    obr.getSetIDOBR().setValue("1");
    obr.getPlacerOrderNumber().getEntityIdentifier().setValue(e.placerOrder());
    obr.getFillerOrderNumber().getEntityIdentifier().setValue(e.accession());
    obr.getUniversalServiceIdentifier().getIdentifier().setValue(e.protocol().code());
    obr.getUniversalServiceIdentifier().getText().setValue(e.protocol().text());
    obr.getUniversalServiceIdentifier().getNameOfCodingSystem().setValue("L");
    if (e.times().started() != null && !ev.time().isBefore(e.times().started())) {
      obr.getObservationDateTime().getTime().setValue(ts(e.times().started(), e));
    }
    obr.getPlacerField1().setValue(e.accession());
    obr.getDiagnosticServSectID().setValue("RAD");
    obr.getQuantityTiming(0).getPriority().setValue(e.priority().hl7Code());
    if (e.times().scheduled() != null) {
      obr.getScheduledDateTime().getTime().setValue(ts(e.times().scheduled(), e));
    }
  }

  private static String ts(Instant t, Exam e) {
    ZoneId zone = e.site().zone();
    return TS.format(t.atZone(zone));
  }
}
