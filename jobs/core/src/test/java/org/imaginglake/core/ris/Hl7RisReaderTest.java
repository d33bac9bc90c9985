package org.imaginglake.core.ris;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.junit.jupiter.api.Test;

/**
 * Every real HL7 file ({@link RealHl7}), message by message. Site zone Europe/Paris: CET (+01:00) in winter, CEST
 * (+02:00) in summer. Expected times are worked out by hand from the raw field named in each comment.
 */
class Hl7RisReaderTest {
  static final Path HL7 = RealHl7.DIR;
  static final Pseudonymizer PSEUDONYMIZER = RealHl7.PSEUDONYMIZER;
  static final Hl7RisReader READER = RealHl7.READER;
  static final Map<String, List<RisMessageResult>> ALL = RealHl7.results();

  static List<RisEvent> events(String file) {
    return RealHl7.events(file);
  }

  static RisEvent only(String file) {
    List<RisEvent> es = events(file);
    assertThat(es).as(file).hasSize(1);
    return es.get(0);
  }

  static String pseudo(Namespace ns, String raw) {
    return PSEUDONYMIZER.pseudonym(ns, raw);
  }

  /** One line per message: events with their times, or the quarantine stage and reason. */
  static final String GOLDEN = """
dcm4che/ADT_A31-UpdatePersonInfo-Veterinary.hl7 #1 ADT^A31 1002121: PATIENT_UPDATED@2022-03-24T18:31:51Z
dcm4che/ADT_A31-UpdatePersonInfo.hl7 #1 ADT^A31 100212: PATIENT_UPDATED@2022-03-24T18:31:50Z
dcm4che/ADT_A40-PatientMerge.hl7 #1 ADT^A40 1002122: PATIENT_MERGED@2022-03-24T18:31:52Z
dcm4che/ADT_A47-ChangePatientID.hl7 #1 ADT^A47 1002123: PATIENT_MERGED@2022-03-24T18:31:53Z
dcm4che/OMG_O19-GeneralClinicalOrder-Eyecare.hl7 #1 OMG^O19 1001124: ORDERED@2022-03-24T18:31:54Z SCHEDULED@2022-03-24T18:31:54Z
dcm4che/OMI_O23-ImagingOrder.hl7 #1 OMI^O23 1001125: ORDERED@2022-03-24T18:31:55Z SCHEDULED@2022-03-24T18:31:55Z
dcm4che/ORM_O01-GeneralOrder.hl7 #1 OMI^O23 1001126: ORDERED@2022-03-24T18:31:56Z SCHEDULED@2022-03-24T18:31:56Z
dcm4che/ORU_R01-CDA.hl7 #1 ORU^R01 1001127: FINAL_REPORT@2022-03-24T18:31:57Z
dcm4che/ORU_R01-PDF.hl7 #1 parse: segment 10 does not start with a segment ID and the field separator (a line break inside a field?)
dcm4che/ORU_R01-SR.hl7 #1 ORU^R01 1001129: FINAL_REPORT@2022-03-24T18:31:59Z
dcm4che/SIU_S12-NewAppointmentBooking.hl7 #1 SIU^S12 1001127: SCHEDULED@2022-03-24T18:31:57Z
dcm4che/legacy_ADT_A08.hl7 #1 ADT^A08 100212: PATIENT_UPDATED@2000-07-01T16:00:00Z
dcm4che/legacy_OMI_O23.hl7 #1 OMI^O23 100112: ORDERED@2000-08-16T13:10:00Z SCHEDULED@2000-08-16T13:10:00Z
dcm4che/legacy_ORM_O01.hl7 #1 ORM^O01 103106: ORDERED@2000-07-01T07:00:00Z SCHEDULED@2000-07-01T07:00:00Z
dcm4che/legacy_ORU_R01.hl7 #1 map: no workflow event: OBR-25 result status (empty) names no report step
dcm4che/legacy_SIU_S12.hl7 #1 SIU^S12 1551182797: SCHEDULED@2020-08-28T09:19:30Z
fhir_converter/ADT-A01-01.hl7 #1 ADT^A01 MSG00001: ARRIVED@2015-02-08T10:24:19Z
fhir_converter/ADT-A04-01.hl7 #1 ADT^A04 MSG00001: ARRIVED@2015-02-08T10:24:19Z
fhir_converter/ADT-A08-01.hl7 #1 ADT^A08 MSG00001: PATIENT_UPDATED@2021-08-17T13:19:43.400Z
fhir_converter/ADT-A40-01.hl7 #1 ADT^A40 8919-40: PATIENT_MERGED@2019-04-23T12:46:37Z
fhir_converter/ADT01-23.hl7 #1 ADT^A01 599102: ARRIVED@2005-01-09T21:55:02Z
fhir_converter/ADT04-251.hl7 #1 ADT^A04 1270326314: ARRIVED@2019-05-04T11:12:05Z
fhir_converter/MDM-T02-03.hl7 #1 MDM^T02 112: PRELIMINARY_REPORT@2021-08-02T21:45:00Z
fhir_converter/OMG-O19-01.hl7 #1 OMG^O19 MSG00019: ON_HOLD@2021-10-20T09:11:00Z ON_HOLD@2021-10-20T09:11:00Z
fhir_converter/ORM-O01-01.hl7 #1 ORM^O01 MSG00018: ORDERED@2021-10-20T09:11:00Z SCHEDULED@2021-10-20T09:11:00Z
fhir_converter/ORM-O01-02.hl7 #1 ORM^O01 MSG00019: ORDERED@2021-10-20T09:11:00Z SCHEDULED@2021-10-20T09:11:00Z
fhir_converter/ORM-O01-03.hl7 #1 ORM^O01 MSG00018: ORDERED@2021-10-20T09:11:00Z SCHEDULED@2021-10-20T09:11:00Z ORDERED@2021-10-20T09:11:00Z SCHEDULED@2021-10-20T09:11:00Z
fhir_converter/ORM-O01-04.hl7 #1 map: no order with an OBR segment (pharmacy, supply and diet orders are not RIS workflow)
fhir_converter/ORM-O01-05.hl7 #1 map: no order with an OBR segment (pharmacy, supply and diet orders are not RIS workflow)
fhir_converter/ORM-O01-06.hl7 #1 map: no order with an OBR segment (pharmacy, supply and diet orders are not RIS workflow)
fhir_converter/ORU-R01-01.hl7 #1 ORU^R01 2.16.840.1.114222.4.3.3.5.1.2-20120314235954.325: FINAL_REPORT@2002-03-15T05:15:00Z
fhir_converter/ORU-R01-RMGEAD.hl7 #1 ORU^R01 CNTRL-3456: FINAL_REPORT@2002-02-15T03:30:00Z
fhir_converter/SIU-S12-01.hl7 #1 SIU^S12 MSG00012: SCHEDULED@2021-09-14T09:05:00Z
fhir_converter/SIU-S12-02.hl7 #1 SIU^S12 MSG00012: SCHEDULED@2021-08-10T09:15:00Z SCHEDULED@2021-08-10T09:15:00Z
fhir_converter/SIU-S12_1.hl7 #1 SIU^S12 MSG00001: SCHEDULED@1989-08-18T09:11:00Z SCHEDULED@1989-08-18T09:11:00Z SCHEDULED@1989-08-18T09:11:00Z
fhir_converter/SIU-S14-01.hl7 #1 SIU^S14 MSG00014: APPOINTMENT_CHANGED@2021-09-20T09:11:00Z
fhir_converter/SIU-S15-01.hl7 #1 SIU^S15 MSG00015: CANCELLED@2021-09-23T09:11:00Z
fhir_converter/SIU_12.hl7 #1 map: ADT^A60 not supported
hapi_hl7v2/adt_a03.txt #1 ADT^A03 263206: DISCHARGED@2008-03-03T14:08:00Z
hapi_hl7v2/messages.txt #1 map: no time for PRELIMINARY_REPORT: OBR-22, MSH-7 empty or not HL7 timestamps
hapi_hl7v2/messages.txt #2 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #3 map: MSH-9 message type ACK^ not supported
hapi_hl7v2/messages.txt #4 parse: MSH-2 encoding characters incomplete: 3 of 4
hapi_hl7v2/messages.txt #5 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #6 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #7 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #8 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #9 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #10 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #11 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #12 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #13 map: MSH-9 message type BAR^P01 not supported
hapi_hl7v2/messages.txt #14 ORM^O01 940503151537000: ORDER_CHANGED@1994-05-03T13:15:00Z
hapi_hl7v2/messages.txt #15 ORM^O01 940503151550000: CANCELLED@1994-05-03T13:15:00Z
hapi_hl7v2/messages.txt #16 ORM^O01 940503173858000: ORDERED@1994-05-03T15:38:00Z
hapi_hl7v2/messages.txt #17 map: MSH-9 message type QRY^Q01 not supported
hapi_hl7v2/messages.txt #18 map: MSH-9 message type QRY^Q01 not supported
hapi_hl7v2/omd_o03.txt #1 map: MSH-9 message type OMD^O03^OMD_O03 not supported
""";

  @Test
  void everyRealMessageIsMappedOrQuarantinedAsExpected() {
    StringBuilder b = new StringBuilder();
    ALL.forEach((file, results) -> results.forEach(r -> {
      b.append(file).append(" #").append(r.where().ordinal()).append(' ');
      if (r.isQuarantined()) {
        b.append(r.quarantine().stage().label()).append(": ").append(r.quarantine().reason());
      } else {
        b.append(r.events().get(0).messageType()).append(' ').append(r.events().get(0).messageControlId()).append(':');
        r.events().forEach(e -> b.append(' ').append(e.eventType()).append('@').append(e.eventTime()));
      }
      b.append('\n');
    }));
    assertThat(b.toString()).isEqualTo(GOLDEN);
    assertThat(ALL).hasSize(41);
    assertThat(ALL.values().stream().mapToLong(List::size).sum()).isEqualTo(58);
  }

  @Test
  void ormOrderFromTheIheMesaTools() {
    // legacy_ORM_O01.hl7 (2.3.1): ORC|NW|A103Z^MESA_ORDPLC|B103Z^...||SC||1^once^^^^S||200007010900|...
    List<RisEvent> es = events("dcm4che/legacy_ORM_O01.hl7");
    assertThat(es).extracting(RisEvent::eventType).containsExactly(RisEventType.ORDERED, RisEventType.SCHEDULED);
    RisEvent e = es.get(0);
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2000-07-01T07:00:00Z")); // ORC-9 09:00 CEST
    assertThat(e.messageType()).isEqualTo("ORM^O01");
    assertThat(e.messageControlId()).isEqualTo("103106");
    assertThat(e.hl7Version()).isEqualTo("2.3.1");
    assertThat(e.priority()).isEqualTo("STAT"); // ORC-7.6 S
    assertThat(e.patientClass()).isEqualTo("EMERGENCY"); // PV1-2 E
    assertThat(e.modality()).isEqualTo("MR"); // OBR-24
    assertThat(e.procedureCode()).isEqualTo("P1");
    assertThat(e.procedureText()).isEqualTo("Procedure 1");
    assertThat(e.site()).isEqualTo("XYZ_RADIOLOGY"); // MSH-4: PV1 has no location facility
    assertThat(e.accessionPseudoId()).isEqualTo(pseudo(Namespace.ACCESSION_NUMBER, "MOF5026")); // OBR-18
    assertThat(e.placerOrderPseudoId()).isEqualTo(pseudo(Namespace.PLACER_ORDER_NUMBER, "A103Z")); // ORC-2.1
    assertThat(e.fillerOrderPseudoId()).isEqualTo(pseudo(Namespace.FILLER_ORDER_NUMBER, "B103Z")); // ORC-3.1
    assertThat(e.patientPseudoId()).isEqualTo(pseudo(Namespace.PATIENT_ID, "583295")); // PID-3.1
    assertThat(e.orderControl()).isEqualTo("NW");
    assertThat(e.orderStatus()).isEqualTo("SC");
    assertThat(e.messageTime()).isNull(); // MSH-7 empty in this file
    assertThat(e.eventId()).isEqualTo(RisEvent.eventId("MESA_OF", "XYZ_RADIOLOGY", "103106", "ORDERED", "0"));
    assertThat(es.get(1).eventId()).isEqualTo(RisEvent.eventId("MESA_OF", "XYZ_RADIOLOGY", "103106", "SCHEDULED", "1"));
  }

  @Test
  void omiTakesTheAccessionFromIpcAndTheBookingFromTq1() {
    // OMI_O23-ImagingOrder.hl7: IPC|AccessionNumber|RequestedProcID|...|ScheduledProcStepID|CT|...|ScheduledStationName
    RisEvent e = events("dcm4che/OMI_O23-ImagingOrder.hl7").get(0);
    assertThat(e.accessionPseudoId()).isEqualTo(pseudo(Namespace.ACCESSION_NUMBER, "AccessionNumber"));
    assertThat(e.modality()).isEqualTo("CT"); // IPC-5
    assertThat(e.performingResource()).isEqualTo("ScheduledStationName"); // IPC-7
    assertThat(e.scheduledTime()).isEqualTo(Instant.parse("2000-08-16T13:10:00Z")); // TQ1-7 200008161510 CEST
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2022-03-24T18:31:55Z")); // MSH-7 20220324193155 CET
    assertThat(e.priority()).isEqualTo("REQUESTEDPROCEDUREPRIORITY"); // ORC-7.6, not a table 0027 code: kept
  }

  @Test
  void theContentNotTheFileNameDecides() {
    // ORM_O01-GeneralOrder.hl7 holds an OMI^O23; SIU_12.hl7 holds an ADT^A60
    assertThat(events("dcm4che/ORM_O01-GeneralOrder.hl7")).extracting(RisEvent::messageType)
        .containsOnly("OMI^O23");
    RisMessageResult siu = ALL.get("fhir_converter/SIU_12.hl7").get(0);
    assertThat(siu.quarantine().reason()).isEqualTo("ADT^A60 not supported");
  }

  @Test
  void ormFromFhirConverterWithTwoOrders() {
    // ORM-O01-03.hl7: two ORC/OBR pairs, ORC-9 202110201126+0215, OBR-32 005454&ROBIN
    List<RisEvent> es = events("fhir_converter/ORM-O01-03.hl7");
    assertThat(es).extracting(RisEvent::procedureText).containsExactly("CT Head", "CT Head", "MR Brain", "MR Brain");
    assertThat(es).extracting(RisEvent::eventOrdinal).containsExactly(0, 1, 2, 3);
    assertThat(es).extracting(RisEvent::eventTime).containsOnly(Instant.parse("2021-10-20T09:11:00Z"));
    assertThat(es.get(2).placerOrderPseudoId()).isEqualTo(pseudo(Namespace.PLACER_ORDER_NUMBER, "2203"));
    assertThat(es).extracting(RisEvent::readerId).containsOnly("005454");
    assertThat(es).extracting(RisEvent::patientClass).containsOnly("OUTPATIENT");
    assertThat(es).extracting(RisEvent::accessionPseudoId).containsOnly((String) null); // no OBR-18, no IPC
    assertThat(es).extracting(RisEvent::eventId).doesNotHaveDuplicates();
  }

  @Test
  void omgOnHoldWithTq1Priority() {
    // OMG-O19-01.hl7: ORC|SC|||...|HD, TQ1-9 R
    List<RisEvent> es = events("fhir_converter/OMG-O19-01.hl7");
    assertThat(es).extracting(RisEvent::eventType).containsOnly(RisEventType.ON_HOLD);
    assertThat(es).extracting(RisEvent::priority).containsOnly("ROUTINE");
    assertThat(es).extracting(RisEvent::orderControl).containsOnly("SC");
    assertThat(es.get(0).site()).isEqualTo("GHH"); // PV1-3.4
  }

  @Test
  void oruFinalReport() {
    // ORU-R01-01.hl7: OBR-22 200203150730+0215, OBR-25 F, OBR-32 "Harry&Raud&..." (a name where the ID goes)
    RisEvent e = only("fhir_converter/ORU-R01-01.hl7");
    assertThat(e.eventType()).isEqualTo(RisEventType.FINAL_REPORT);
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2002-03-15T05:15:00Z"));
    assertThat(e.resultStatus()).isEqualTo("F");
    assertThat(e.readerId()).isNull();
    assertThat(e.priority()).isEqualTo("URGENT"); // TQ1-9 A (ASAP)
    // ORU_R01-SR.hl7: no OBR-22, so MSH-7 20220324193159 (CET)
    RisEvent sr = only("dcm4che/ORU_R01-SR.hl7");
    assertThat(sr.eventTime()).isEqualTo(Instant.parse("2022-03-24T18:31:59Z"));
    assertThat(sr.accessionPseudoId()).isEqualTo(pseudo(Namespace.ACCESSION_NUMBER, "AccessionNumber")); // OBR-18
  }

  @Test
  void oruPreliminaryCorrectedAndReaderFromARealMessage() throws Exception {
    // ORU_R01-SR.hl7 with OBR-25 changed to P, C, and OBR-22 and OBR-32 filled in
    String sr = Files.readString(HL7.resolve("dcm4che/ORU_R01-SR.hl7"), UTF_8);
    for (String status : List.of("P", "C")) {
      String changed = sr.replace("RequestedProcID||||||F|||||||&VerifyingObserverFN",
          "RequestedProcID|||202403310130|||" + status + "|||||||R123&VerifyingObserverFN");
      List<RisMessageResult> rs = new ArrayList<>();
      READER.read(new ByteArrayInputStream(changed.getBytes(UTF_8)), "x.hl7").forEachRemaining(rs::add);
      RisEvent e = rs.get(0).events().get(0);
      assertThat(e.eventType()).isEqualTo(status.equals("P") ? RisEventType.PRELIMINARY_REPORT
          : RisEventType.CORRECTED_REPORT);
      // OBR-22 2024-03-31 01:30 CET: before the 02:00 change to CEST
      assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-03-31T00:30:00Z"));
      assertThat(e.readerId()).isEqualTo("R123"); // OBR-32.1.1, never the name after it
    }
  }

  @Test
  void siuBookingChangeAndCancellation() {
    // SIU-S12-01.hl7: MSH-7 202109141120+0215, AIS-4 20210924093000+0215, TQ1-9 A, PV1-2 O, AIL-3.4 GH Clinic
    RisEvent s12 = only("fhir_converter/SIU-S12-01.hl7");
    assertThat(s12.eventType()).isEqualTo(RisEventType.SCHEDULED);
    assertThat(s12.eventTime()).isEqualTo(Instant.parse("2021-09-14T09:05:00Z"));
    assertThat(s12.scheduledTime()).isEqualTo(Instant.parse("2021-09-24T07:15:00Z"));
    assertThat(s12.procedureCode()).isEqualTo("76164006");
    assertThat(s12.performingResource()).isEqualTo("EVIS X12 Video Colonoscope"); // AIG-3.2
    assertThat(s12.priority()).isEqualTo("URGENT");
    assertThat(s12.patientClass()).isEqualTo("OUTPATIENT");
    assertThat(s12.site()).isEqualTo("GH Clinic");
    RisEvent s14 = only("fhir_converter/SIU-S14-01.hl7");
    assertThat(s14.eventType()).isEqualTo(RisEventType.APPOINTMENT_CHANGED);
    assertThat(s14.eventTime()).isEqualTo(Instant.parse("2021-09-20T09:11:00Z")); // MSH-7 202109201126+0215
    RisEvent s15 = only("fhir_converter/SIU-S15-01.hl7");
    assertThat(s15.eventType()).isEqualTo(RisEventType.CANCELLED);
    assertThat(s15.eventTime()).isEqualTo(Instant.parse("2021-09-23T09:11:00Z")); // MSH-7 202109231126+0215
    // legacy_SIU_S12.hl7 (2.4): MSH-7 20200828111930 CEST
    RisEvent legacy = only("dcm4che/legacy_SIU_S12.hl7");
    assertThat(legacy.eventTime()).isEqualTo(Instant.parse("2020-08-28T09:19:30Z"));
    assertThat(legacy.scheduledTime()).isEqualTo(Instant.parse("2020-10-23T06:30:00Z")); // AIS-4 08:30 CEST
    assertThat(legacy.patientClass()).isEqualTo("INPATIENT");
  }

  @Test
  void adtArrivalUpdateMergeAndDischarge() {
    // ADT-A01-01.hl7 (2.8): PV1-44 20150208113419+0110, PV1-2 P
    RisEvent a01 = only("fhir_converter/ADT-A01-01.hl7");
    assertThat(a01.eventType()).isEqualTo(RisEventType.ARRIVED);
    assertThat(a01.eventTime()).isEqualTo(Instant.parse("2015-02-08T10:24:19Z"));
    assertThat(a01.patientClass()).isEqualTo("PREADMIT");
    assertThat(a01.patientPseudoId()).isEqualTo(pseudo(Namespace.PATIENT_ID, "PATID1234"));
    // ADT04-251.hl7 (2.3): PV1-44 20190504181205+0700, PV1-2 E
    RisEvent a04 = only("fhir_converter/ADT04-251.hl7");
    assertThat(a04.eventType()).isEqualTo(RisEventType.ARRIVED);
    assertThat(a04.eventTime()).isEqualTo(Instant.parse("2019-05-04T11:12:05Z"));
    assertThat(a04.patientClass()).isEqualTo("EMERGENCY");
    // legacy_ADT_A08.hl7: EVN-6 200007011800 (CEST)
    RisEvent a08 = only("dcm4che/legacy_ADT_A08.hl7");
    assertThat(a08.eventType()).isEqualTo(RisEventType.PATIENT_UPDATED);
    assertThat(a08.eventTime()).isEqualTo(Instant.parse("2000-07-01T16:00:00Z"));
    // ADT-A40-01.hl7: PID-3 12345, MRG-1 56789, EVN-2 20190423150137+0215
    RisEvent a40 = only("fhir_converter/ADT-A40-01.hl7");
    assertThat(a40.eventType()).isEqualTo(RisEventType.PATIENT_MERGED);
    assertThat(a40.patientPseudoId()).isEqualTo(pseudo(Namespace.PATIENT_ID, "12345"));
    assertThat(a40.priorPatientPseudoId()).isEqualTo(pseudo(Namespace.PATIENT_ID, "56789"));
    assertThat(a40.eventTime()).isEqualTo(Instant.parse("2019-04-23T12:46:37Z"));
    // adt_a03.txt: PV1-45 200803031508 (CET)
    RisEvent a03 = only("hapi_hl7v2/adt_a03.txt");
    assertThat(a03.eventType()).isEqualTo(RisEventType.DISCHARGED);
    assertThat(a03.eventTime()).isEqualTo(Instant.parse("2008-03-03T14:08:00Z"));
    // ADT^A10 (patient arriving, tracking) as the synthetic department writes it: PV1-44 at +0100
    String a10 = "MSH|^~\\&|RIS|SLH|IMAGINGLAKE|SLH|20260327001816+0100||ADT^A10^ADT_A09|IL3|P|2.5.1\r"
        + "EVN|A10|20260327001816+0100||||20260327001816+0100\rPID|1||20000128^^^SLH^MR||Doe^John||19370121|M\r"
        + "PV1|1|E|RAD-DX^^^SLH" + "|".repeat(41) + "20260327001500+0100\r";
    List<RisMessageResult> rs = new ArrayList<>();
    READER.read(new ByteArrayInputStream(a10.getBytes(UTF_8)), "a10.hl7").forEachRemaining(rs::add);
    RisEvent arrived = rs.get(0).events().get(0);
    assertThat(arrived.eventType()).isEqualTo(RisEventType.ARRIVED);
    assertThat(arrived.eventTime()).as("PV1-44").isEqualTo(Instant.parse("2026-03-26T23:15:00Z"));
    assertThat(arrived.patientClass()).isEqualTo("EMERGENCY");
    assertThat(arrived.accessionPseudoId()).isNull();
  }

  @Test
  void mdmDocumentInProgressIsAPreliminaryReport() {
    // MDM-T02-03.hl7: TXA-17 IP, TXA-6 202108030000+0215
    RisEvent e = only("fhir_converter/MDM-T02-03.hl7");
    assertThat(e.eventType()).isEqualTo(RisEventType.PRELIMINARY_REPORT);
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2021-08-02T21:45:00Z"));
    assertThat(e.resultStatus()).isEqualTo("IP");
  }

  @Test
  void aFileOfManyMessagesWithCommentsBetweenThem() {
    List<RisMessageResult> rs = ALL.get("hapi_hl7v2/messages.txt");
    assertThat(rs).extracting(r -> r.where().ordinal()).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 18).boxed().toList());
    assertThat(rs.get(0).where().offset()).isEqualTo(92); // after the three comment lines
    RisEvent xr = rs.get(13).events().get(0);
    assertThat(xr.eventType()).isEqualTo(RisEventType.ORDER_CHANGED); // ORC-1 XR
    assertThat(xr.hl7Version()).isEqualTo("2.2");
    assertThat(xr.scheduledTime()).isEqualTo(Instant.parse("1994-04-26T13:00:00Z")); // ORC-7.4 199404261500 CEST
    assertThat(rs.get(14).events().get(0).eventType()).isEqualTo(RisEventType.CANCELLED); // ORC-1 CR
    assertThat(rs.get(15).events().get(0).patientClass()).isEqualTo("INPATIENT");
  }

  @Test
  void reReadingGivesTheSameEventIds() {
    Hl7RisReader other = new Hl7RisReader(PSEUDONYMIZER, RealHl7.PARIS, 1024 * 1024);
    for (Path f : RealHl7.files()) {
      List<String> again = RealHl7.read(other, f).stream().flatMap(r -> r.events().stream())
          .map(RisEvent::eventId).toList();
      assertThat(again).isEqualTo(events(RealHl7.key(f)).stream().map(RisEvent::eventId).toList());
    }
  }

  @Test
  void columnsMatchTheRecord() {
    RisEvent e = events("dcm4che/legacy_ORM_O01.hl7").get(0);
    assertThat(RisEvent.COLUMNS).hasSize(e.values().length).startsWith("event_id", "event_type", "event_time");
    assertThat(e.values()[1]).isEqualTo("ORDERED");
    assertThat(RisEvent.class.getRecordComponents()).hasSize(RisEvent.COLUMNS.size());
  }
}
