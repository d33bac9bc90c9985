package org.imaginglake.synth.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.imaginglake.synth.model.Department;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.ExamStatus;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.PatientClass;
import org.imaginglake.synth.model.Priority;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.StageTimes;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static final Department DEPT = Simulation.run(7, Profile.DEPARTMENT, Profile.DEPARTMENT.defaultStart(),
      Profile.DEPARTMENT.defaultDays());

  @Test
  void everyExamsStagesAreOrdered() {
    for (Exam e : DEPT.exams()) {
      StageTimes t = e.times();
      List<Instant> stages = new ArrayList<>();
      for (Instant i : new Instant[] {t.ordered(), t.arrived(), t.started(), t.completed(), t.preliminary(),
          t.finalized(), t.corrected()}) {
        if (i != null) {
          stages.add(i);
        }
      }
      assertThat(stages).as("stages of %s", e.accession()).isSortedAccordingTo(Comparator.naturalOrder());
      if (t.scheduled() != null) {
        assertThat(t.ordered()).as("ordered before scheduled: %s", e.accession()).isBefore(t.scheduled());
      }
      switch (e.status()) {
        case COMPLETED -> assertThat(t.finalized()).as("final report of %s", e.accession()).isNotNull();
        case CANCELLED -> assertThat(t.cancelled()).isAfter(t.ordered()).isNotNull();
        case NO_SHOW -> assertThat(t.arrived()).isNull();
      }
    }
  }

  @Test
  void busyIntervalsOfAScannerNeverOverlapAndStartWhileOpen() {
    for (var site : DEPT.sites()) {
      for (Scanner s : site.scanners()) {
        List<Exam> exams = DEPT.exams().stream().filter(e -> e.performed() && e.scanner().equals(s))
            .sorted(Comparator.comparing(e -> e.times().started())).toList();
        assertThat(exams).as("exams on %s", s.id()).isNotEmpty();
        for (int i = 1; i < exams.size(); i++) {
          assertThat(exams.get(i).times().started()).as("%s after %s", exams.get(i).accession(),
              exams.get(i - 1).accession()).isAfterOrEqualTo(exams.get(i - 1).times().completed());
        }
        for (Exam e : exams) {
          assertThat(s.hours().isOpenAt(e.times().started(), site.zone())).as("%s starts while open",
              e.accession()).isTrue();
        }
      }
    }
  }

  @Test
  void hasTheMixTheIssueAsksFor() {
    Map<ExamStatus, Long> byStatus = DEPT.exams().stream()
        .collect(Collectors.groupingBy(Exam::status, Collectors.counting()));
    assertThat(byStatus.keySet()).containsExactlyInAnyOrder(ExamStatus.values());
    assertThat(DEPT.exams().stream().map(Exam::priority).distinct()).containsExactlyInAnyOrder(Priority.values());
    assertThat(DEPT.exams().stream().map(Exam::patientClass).distinct())
        .containsExactlyInAnyOrder(PatientClass.values());
    assertThat(DEPT.exams().stream().filter(Exam::performed).map(e -> e.scanner().modality()).distinct())
        .containsExactlyInAnyOrder(Modality.values());
    assertThat(DEPT.sites().stream().flatMap(s -> s.scanners().stream()).filter(s -> s.clockOffsetSeconds() != 0))
        .isNotEmpty();
    assertThat(DEPT.exams().stream().filter(e -> e.times().corrected() != null)).isNotEmpty();
    assertThat(DEPT.exams().stream().filter(e -> e.lesion() != null && e.performed()).count())
        .isGreaterThanOrEqualTo(2L * DEPT.lesions().size());
  }

  @Test
  void sameSeedSameDepartment() {
    Department again = Simulation.run(7, Profile.DEPARTMENT, Profile.DEPARTMENT.defaultStart(),
        Profile.DEPARTMENT.defaultDays());
    assertThat(again.exams()).hasSameSizeAs(DEPT.exams());
    for (int i = 0; i < DEPT.exams().size(); i++) {
      Exam a = DEPT.exams().get(i);
      Exam b = again.exams().get(i);
      assertThat(b.accession()).isEqualTo(a.accession());
      assertThat(b.times()).isEqualTo(a.times());
      assertThat(b.patient()).isEqualTo(a.patient());
    }
  }

  @Test
  void nightReadsWaitLongerThanDayReads() {
    List<Double> night = new ArrayList<>();
    List<Double> day = new ArrayList<>();
    for (Exam e : DEPT.exams()) {
      if (e.performed()) {
        int hour = e.times().completed().atZone(DEPT.sites().get(0).zone()).getHour();
        double wait = (e.times().preliminary().toEpochMilli() - e.times().completed().toEpochMilli()) / 60000.0;
        (hour >= 22 || hour < 8 ? night : day).add(wait);
      }
    }
    double nightMean = night.stream().mapToDouble(d -> d).average().orElseThrow();
    double dayMean = day.stream().mapToDouble(d -> d).average().orElseThrow();
    assertThat(nightMean).isGreaterThan(2 * dayMean);
  }
}
