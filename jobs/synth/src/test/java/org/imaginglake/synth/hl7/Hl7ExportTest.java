package org.imaginglake.synth.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imaginglake.synth.testing.CsvTable;
import org.imaginglake.synth.testing.GeneratedDepartment;
import org.junit.jupiter.api.Test;

/** Every message parses with HAPI (default validation) and says what its CSV row says. */
class Hl7ExportTest {
  @Test
  void everyMessageParsesAndMatchesItsCsvRow() throws Exception {
    Path dir = GeneratedDepartment.dir();
    Map<String, Map<String, String>> rows = CsvTable.read(dir.resolve("ris/workflow_events.csv")).stream()
        .collect(Collectors.toMap(r -> r.get("control_id"), Function.identity()));
    Map<String, Map<String, String>> exams = CsvTable.read(dir.resolve("ground_truth/exams.csv")).stream()
        .collect(Collectors.toMap(r -> r.get("accession_number"), Function.identity()));
    Set<String> controlIds = new HashSet<>();
    Map<String, Integer> triggers = new HashMap<>();
    try (HapiContext context = new DefaultHapiContext()) {
      PipeParser parser = context.getPipeParser();
      for (Path file : GeneratedDepartment.files("hl7", ".hl7")) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        for (String encoded : text.split("\n")) {
          Message m = parser.parse(encoded);
          assertThat(m.getClass().getName()).startsWith("ca.uhn.hl7v2.model.v251.message.");
          Terser t = new Terser(m);
          String controlId = t.get("/MSH-10");
          assertThat(controlIds.add(controlId)).as("unique MSH-10 %s", controlId).isTrue();
          Map<String, String> row = rows.get(controlId);
          assertThat(row).as("CSV row of %s", controlId).isNotNull();
          String type = t.get("/MSH-9-1") + "^" + t.get("/MSH-9-2");
          assertThat(type).isEqualTo(row.get("hl7_message_type"));
          assertThat(dir.relativize(file).toString()).isEqualTo(row.get("hl7_file"));
          assertThat(t.get("/MSH-7")).isEqualTo(row.get("event_time_local").replaceAll("[-:T]", ""));
          assertThat(t.get("/.PID-3-1")).isEqualTo(row.get("patient_id"));
          triggers.merge(type, 1, Integer::sum);
          String accession = switch (t.get("/MSH-9-1")) {
            case "SIU" -> t.get("/SCH-2-1");
            case "ADT" -> null;
            default -> t.get("/.ORC-3-1");
          };
          if (accession != null) {
            assertThat(accession).isEqualTo(row.get("accession_number"));
            assertThat(exams.get(accession).get("patient_id")).isEqualTo(t.get("/.PID-3-1"));
          }
          checkEventFields(t, row);
        }
      }
    }
    assertThat(controlIds).hasSize(rows.size()).hasSize(GeneratedDepartment.summary().hl7Messages());
    assertThat(triggers.keySet()).containsExactlyInAnyOrder("ORM^O01", "OMI^O23", "SIU^S12", "SIU^S26",
        "ADT^A10", "ORU^R01");
  }

  private static void checkEventFields(Terser t, Map<String, String> row) throws Exception {
    switch (row.get("event_type")) {
      case "ORDERED" -> assertThat(t.get("/.ORC-1")).isEqualTo("NW");
      case "CANCELLED" -> assertThat(List.of(t.get("/.ORC-1"), t.get("/.ORC-5"))).containsExactly("CA", "CA");
      case "EXAM_STARTED" -> assertThat(t.get("/.ORC-5")).isEqualTo("IP");
      case "EXAM_COMPLETED" -> assertThat(t.get("/.ORC-5")).isEqualTo("CM");
      case "PROCEDURE_SCHEDULED" -> assertThat(t.get("/.IPC-1-1")).isEqualTo(row.get("accession_number"));
      case "PRELIMINARY_REPORT", "FINAL_REPORT", "CORRECTED_REPORT" -> {
        assertThat(t.get("/.OBR-25")).isEqualTo(row.get("report_status"));
        assertThat(t.get("/.OBR-32-1-1")).isEqualTo(row.get("reader_id"));
      }
      case "ARRIVED" -> assertThat(t.get("/EVN-1")).isEqualTo("A10");
      case "NO_SHOW" -> assertThat(t.get("/SCH-25-1")).isEqualTo("Noshow");
      default -> assertThat(t.get("/SCH-25-1")).isEqualTo("Booked");
    }
  }
}
