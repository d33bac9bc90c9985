package org.imaginglake.synth.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.imaginglake.synth.testing.CsvTable;
import org.imaginglake.synth.testing.GeneratedDepartment;
import org.junit.jupiter.api.Test;

/** The ground truth is consistent with itself and with the RIS events. */
class GroundTruthTest {
  private static final Path TRUTH = GeneratedDepartment.dir().resolve("ground_truth");

  @Test
  void everyExamsStagesAreOrdered() {
    List<Map<String, String>> exams = CsvTable.read(TRUTH.resolve("exams.csv"));
    assertThat(exams).hasSize(GeneratedDepartment.summary().orders());
    for (Map<String, String> e : exams) {
      List<Instant> stages = new ArrayList<>();
      for (String c : List.of("ordered_utc", "arrived_utc", "started_utc", "completed_utc", "preliminary_utc",
          "final_utc", "corrected_utc")) {
        if (!e.get(c).isEmpty()) {
          stages.add(Instant.parse(e.get(c)));
        }
      }
      assertThat(stages).as(e.get("accession_number")).isSortedAccordingTo(Comparator.naturalOrder());
      boolean done = e.get("status").equals("COMPLETED");
      assertThat(e.get("final_utc").isEmpty()).isEqualTo(!done);
      assertThat(e.get("cancelled")).isEqualTo(Boolean.toString(e.get("status").equals("CANCELLED")));
      assertThat(e.get("no_show")).isEqualTo(Boolean.toString(e.get("status").equals("NO_SHOW")));
    }
  }

  @Test
  void busyIntervalsDoNotOverlapAndUtilizationIsBusyMinutesOverSixty() {
    Map<String, List<Map<String, String>>> busy = CsvTable.read(TRUTH.resolve("busy_intervals.csv")).stream()
        .collect(Collectors.groupingBy(r -> r.get("scanner_id")));
    for (List<Map<String, String>> intervals : busy.values()) {
      for (int i = 1; i < intervals.size(); i++) {
        assertThat(Instant.parse(intervals.get(i).get("start_utc")))
            .isAfterOrEqualTo(Instant.parse(intervals.get(i - 1).get("end_utc")));
      }
    }
    for (Map<String, String> h : CsvTable.read(TRUTH.resolve("utilization_hourly.csv"))) {
      Instant from = Instant.parse(h.get("hour_start_utc"));
      Instant to = from.plusSeconds(3600);
      double minutes = 0;
      for (Map<String, String> b : busy.getOrDefault(h.get("scanner_id"), List.of())) {
        Instant s = Instant.parse(b.get("start_utc"));
        Instant e = Instant.parse(b.get("end_utc"));
        Instant lo = s.isAfter(from) ? s : from;
        Instant hi = e.isBefore(to) ? e : to;
        if (lo.isBefore(hi)) {
          minutes += (hi.toEpochMilli() - lo.toEpochMilli()) / 60000.0;
        }
      }
      double busyMinutes = Double.parseDouble(h.get("busy_minutes"));
      assertThat(busyMinutes).isCloseTo(minutes, within(0.001)).isBetween(0.0, 60.0);
      assertThat(Double.parseDouble(h.get("utilization"))).isCloseTo(busyMinutes / 60, within(0.0001));
    }
  }

  @Test
  void workflowEventsAreTheExamsStages() {
    Map<String, Map<String, String>> exams = CsvTable.read(TRUTH.resolve("exams.csv")).stream()
        .collect(Collectors.toMap(r -> r.get("accession_number"), r -> r));
    for (Map<String, String> ev : CsvTable.read(GeneratedDepartment.dir().resolve("ris/workflow_events.csv"))) {
      Map<String, String> e = exams.get(ev.get("accession_number"));
      String column = switch (ev.get("event_type")) {
        case "ORDERED" -> "ordered_utc";
        case "ARRIVED" -> "arrived_utc";
        case "EXAM_STARTED" -> "started_utc";
        case "EXAM_COMPLETED" -> "completed_utc";
        case "PRELIMINARY_REPORT" -> "preliminary_utc";
        case "FINAL_REPORT" -> "final_utc";
        case "CORRECTED_REPORT" -> "corrected_utc";
        case "CANCELLED" -> "cancelled_utc";
        default -> null;
      };
      if (column != null) {
        assertThat(ev.get("event_time_utc")).as("%s %s", ev.get("event_type"), e.get("accession_number"))
            .isEqualTo(e.get(column));
      }
      assertThat(ev.get("patient_id")).isEqualTo(e.get("patient_id"));
    }
  }

  @Test
  void bottleneckShowsInTheTruth() {
    Map<String, String> b = CsvTable.read(TRUTH.resolve("bottlenecks.csv")).get(0);
    assertThat(b.get("bottleneck_id")).isEqualTo("NIGHT-SINGLE-READER");
    assertThat(Double.parseDouble(b.get("median_wait_minutes_in_window")))
        .isGreaterThan(Double.parseDouble(b.get("median_wait_minutes_outside_window")));
  }
}
