package org.imaginglake.synth.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.PipeParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imaginglake.synth.model.Department;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.truth.Csv;

/**
 * Writes the RIS events: {@code hl7/<site>/<local date>.hl7} holds that site's messages of that day in time order,
 * each encoded by HAPI's PipeParser (segments end with CR) and followed by one LF, so messages are separated by
 * CR LF; {@code ris/workflow_events.csv} holds the same events, one row each (columns in
 * docs/synthetic-department.md).
 */
public final class RisExport {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private RisExport() {}

  /** Writes both and returns the number of messages. */
  public static int write(long seed, Department dept, Path out) {
    List<WorkflowEvent> events = WorkflowEvent.of(dept.exams());
    Hl7Messages messages = new Hl7Messages(seed);
    Map<Path, Writer> files = new TreeMap<>();
    try (HapiContext context = new DefaultHapiContext();
        Csv csv = new Csv(out.resolve("ris").resolve("workflow_events.csv"), "control_id", "event_type",
            "hl7_message_type", "event_time_local", "event_time_utc", "site", "accession_number",
            "placer_order_number", "patient_id", "procedure_code", "procedure_text", "modality", "priority",
            "patient_class", "resource", "scheduled_time_local", "reader_id", "report_status", "hl7_file")) {
      PipeParser parser = context.getPipeParser();
      for (WorkflowEvent ev : events) {
        Exam e = ev.exam();
        String relative = "hl7/" + e.site().code() + "/" + DAY.format(ev.time().atZone(e.site().zone())) + ".hl7";
        Writer w = files.computeIfAbsent(out.resolve(relative), RisExport::open);
        w.write(parser.encode(messages.build(ev)));
        w.write('\n');
        csv.row(ev.controlId(), ev.type(), ev.type().messageType(), local(ev.time(), e), ev.time(), e.site().code(),
            e.accession(), e.placerOrder(), e.patient().id(), e.protocol().code(), e.protocol().text(),
            e.scanner().modality(), e.priority(), e.patientClass(), e.scanner().id(),
            e.times().scheduled() == null ? null : local(e.times().scheduled(), e), reader(ev), status(ev.type()),
            relative);
      }
      for (Writer w : files.values()) {
        w.close();
      }
      return events.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (HL7Exception e) {
      throw new IllegalStateException("cannot encode an HL7 message: " + e.getMessage(), e);
    }
  }

  private static Writer open(Path file) {
    try {
      Files.createDirectories(file.getParent());
      return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String local(java.time.Instant t, Exam e) {
    return Csv.local(t, e.site().zone());
  }

  private static String reader(WorkflowEvent ev) {
    return switch (ev.type()) {
      case PRELIMINARY_REPORT -> ev.exam().reader().id();
      case FINAL_REPORT, CORRECTED_REPORT -> ev.exam().signer().id();
      default -> null;
    };
  }

  private static String status(EventType type) {
    return switch (type) {
      case PRELIMINARY_REPORT -> "P";
      case FINAL_REPORT -> "F";
      case CORRECTED_REPORT -> "C";
      default -> null;
    };
  }
}
