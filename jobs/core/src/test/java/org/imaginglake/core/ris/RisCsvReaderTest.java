package org.imaginglake.core.ris;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV exports through the shipped sample mapping and an inline long-format mapping. */
class RisCsvReaderTest {
  static final Path SAMPLE = Path.of(System.getProperty("imaginglake.project.dir", "../.."))
      .resolve("conf/ris-csv-mapping.properties");
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final String HEADER = "Accession,MRN,OrderNo,ExamCode,ExamDescription,Modality,Priority,PatientType,Site,"
      + "Room,ReadingRadiologistId,OrderedAt,ScheduledFor,ArrivedAt,ExamStart,ExamEnd,PrelimAt,FinalAt,CancelledAt\n";

  static List<RisMessageResult> read(RisCsvMapping mapping, String csv) {
    List<RisMessageResult> out = new ArrayList<>();
    new RisCsvReader(mapping, RealHl7.PSEUDONYMIZER, LONDON)
        .read(new ByteArrayInputStream(csv.getBytes(UTF_8)), "export.csv").forEachRemaining(out::add);
    return out;
  }

  @Test
  void wideExportGivesOneEventPerFilledTimeColumn() {
    String csv = "\uFEFF" + HEADER
        + "ACC1001,MRN77,ORD5,CTHEAD,\"CT head, without contrast\",ct,S,E,Main,CT2,R042,2024-03-30 23:50,"
        + "2024-03-31 00:30,2024-03-31 00:40,2024-03-31 01:05,2024-03-31 02:10:30,,2024-03-31 09:00+02:00,\n";
    List<RisMessageResult> rs = read(RisCsvMapping.load(SAMPLE), csv);
    assertThat(rs).hasSize(1);
    List<RisEvent> es = rs.get(0).events();
    assertThat(es).extracting(RisEvent::eventType).containsExactly(RisEventType.ORDERED, RisEventType.ARRIVED,
        RisEventType.EXAM_STARTED, RisEventType.EXAM_COMPLETED, RisEventType.FINAL_REPORT);
    // London: GMT until 01:00 on 2024-03-31, then BST (+01:00); 01:05 local does not exist and moves to 02:05 BST
    assertThat(es).extracting(RisEvent::eventTime).containsExactly(Instant.parse("2024-03-30T23:50:00Z"),
        Instant.parse("2024-03-31T00:40:00Z"), Instant.parse("2024-03-31T01:05:00Z"),
        Instant.parse("2024-03-31T01:10:30Z"), Instant.parse("2024-03-31T07:00:00Z"));
    RisEvent e = es.get(0);
    assertThat(e.scheduledTime()).isEqualTo(Instant.parse("2024-03-31T00:30:00Z"));
    assertThat(e.accessionPseudoId()).isEqualTo(RealHl7.PSEUDONYMIZER.pseudonym(Namespace.ACCESSION_NUMBER,
        "ACC1001"));
    assertThat(e.patientPseudoId()).isEqualTo(RealHl7.PSEUDONYMIZER.pseudonym(Namespace.PATIENT_ID, "MRN77"));
    assertThat(e.placerOrderPseudoId()).isEqualTo(RealHl7.PSEUDONYMIZER.pseudonym(Namespace.PLACER_ORDER_NUMBER,
        "ORD5"));
    assertThat(e.procedureText()).isEqualTo("CT head, without contrast");
    assertThat(e.modality()).isEqualTo("CT");
    assertThat(e.priority()).isEqualTo("STAT");
    assertThat(e.patientClass()).isEqualTo("EMERGENCY");
    assertThat(e.site()).isEqualTo("Main");
    assertThat(e.performingResource()).isEqualTo("CT2");
    assertThat(e.readerId()).isEqualTo("R042");
    assertThat(e.messageType()).isEqualTo("CSV");
    assertThat(e.messageControlId()).isNull();
    assertThat(e.messageOrdinal()).isEqualTo(1);
    assertThat(e.eventId()).isEqualTo(RisEvent.eventId("CSV", e.accessionPseudoId(), e.placerOrderPseudoId(),
        "ORDERED", "2024-03-30T23:50:00Z"));
    assertThat(e.values()).doesNotContain("ACC1001", "MRN77", "ORD5");
  }

  @Test
  void badRowsAreQuarantinedWithTheirLineAndTheRestRead() {
    String csv = HEADER
        + "ACC1,M1,O1,,,,,,,,,2024-01-02 10:00,,,,,,,\n"
        + "ACC2,M2,O2,,,,,,,,,02/01/2024 10:00,,,,,,,\n"
        + ",M3,,,,,,,,,,2024-01-02 10:00,,,,,,,\n"
        + "ACC4,M4,O4,,,,,,,,,,,,,,,,\n"
        + "ACC5,M5\n"
        + "ACC6,M6,O6,,,,,,,,,2024-01-02 11:00,,,,,,,\n";
    List<RisMessageResult> rs = read(RisCsvMapping.load(SAMPLE), csv);
    assertThat(rs).hasSize(6);
    assertThat(rs).extracting(RisMessageResult::isQuarantined).containsExactly(false, true, true, true, true, false);
    assertThat(rs.get(1).quarantine().getMessage())
        .isEqualTo("record 2 at line 3: column OrderedAt: value is not a time in the mapping's time.format");
    assertThat(rs.get(2).quarantine().getMessage())
        .isEqualTo("record 3 at line 4: no accession or order number (columns Accession, OrderNo)");
    assertThat(rs.get(3).quarantine().reason()).isEqualTo("no event: every mapped time column is empty");
    assertThat(rs.get(4).quarantine().reason()).isEqualTo("record has 2 fields, the header 19");
    assertThat(rs.get(4).quarantine().stage()).isEqualTo(RisReadException.Stage.PARSE);
    assertThat(rs.get(5).events().get(0).eventTime()).isEqualTo(Instant.parse("2024-01-02T11:00:00Z"));
    assertThat(rs).allSatisfy(r -> {
      if (r.isQuarantined()) {
        assertThat(r.quarantine().getMessage()).doesNotContain("ACC", "M2", "M3", "M4", "M5", "02/01/2024");
      }
    });
  }

  @Test
  void longExportMapsStatusValues() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader("""
        csv.delimiter=;
        time.format=dd.MM.yyyy HH:mm
        time.zone=Europe/Berlin
        column.accession=Acc
        column.event_type=Status
        column.event_time=When
        event.Booked=SCHEDULED
        event.NoShow=NO_SHOW
        """));
    RisCsvMapping mapping = RisCsvMapping.of(p, "inline");
    List<RisMessageResult> rs = read(mapping, "Acc;Status;When\nA1;Booked;02.07.2024 08:15\nA1;NoShow;"
        + "05.07.2024 09:00\nA1;Lost;05.07.2024 09:00\n");
    assertThat(rs.get(0).events().get(0).eventType()).isEqualTo(RisEventType.SCHEDULED);
    assertThat(rs.get(0).events().get(0).eventTime()).isEqualTo(Instant.parse("2024-07-02T06:15:00Z")); // CEST
    assertThat(rs.get(1).events().get(0).eventType()).isEqualTo(RisEventType.NO_SHOW);
    assertThat(rs.get(2).quarantine().reason())
        .isEqualTo("column Status: value Lost is not in the mapping's event.<value> entries");
  }

  @Test
  void aHeaderWithoutAMappedColumnQuarantinesTheFile() {
    List<RisMessageResult> rs = read(RisCsvMapping.load(SAMPLE), "Accession,MRN\nA1,M1\n");
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).quarantine().getMessage()).isEqualTo("record 0 at line 1: header lacks the mapped column(s) "
        + "[ArrivedAt, CancelledAt, ExamCode, ExamDescription, ExamEnd, ExamStart, FinalAt, Modality, OrderNo, "
        + "OrderedAt, PatientType, PrelimAt, Priority, ReadingRadiologistId, Room, ScheduledFor, Site] (setting "
        + "ris.csv.mapping)");
  }

  @Test
  void mappingErrorsNameTheKey() {
    Properties p = new Properties();
    p.setProperty("time.ORDERD", "X");
    assertThatThrownBy(() -> RisCsvMapping.of(p, "m.properties")).hasMessageStartingWith(
        "RIS CSV mapping m.properties: time.ORDERD must name an event type, one of [ORDERED,");
    Properties q = new Properties();
    q.setProperty("column.accesion", "A");
    assertThatThrownBy(() -> RisCsvMapping.of(q, "m.properties")).hasMessageStartingWith(
        "RIS CSV mapping m.properties: column.accesion is not a mapping key");
  }

  @Test
  void theSettingChoosesTheMappingFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my-ris.properties");
    Files.writeString(file, "column.accession=Acc\ntime.FINAL_REPORT=Signed\n");
    RisCsvMapping m = RisCsvMapping.forConfig(LakeConfig.defaults().with(LakeConfig.RIS_CSV_MAPPING,
        file.toString()));
    assertThat(m.timeColumns()).containsOnlyKeys(RisEventType.FINAL_REPORT);
    assertThat(m.columns()).containsEntry("accession", "Acc");
  }
}
