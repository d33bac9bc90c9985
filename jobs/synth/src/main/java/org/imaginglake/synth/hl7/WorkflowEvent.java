package org.imaginglake.synth.hl7;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.StageTimes;

/**
 * One RIS event of one exam at its true time, with the control ID (MSH-10) of the message that reports it.
 * Control IDs number all events of a run in time order: {@code IL} and ten digits.
 */
public record WorkflowEvent(EventType type, Instant time, Exam exam, String controlId) {
  /** The SIU booking message follows the order by this long; the OMI then follows a minute later. */
  static final Duration BOOKING_DELAY = Duration.ofMinutes(4);
  /** A no-show is declared this long after the appointment time. */
  static final Duration NO_SHOW_AFTER = Duration.ofMinutes(30);

  /** Every event of every exam, sorted by time, then accession, then event order; numbered. */
  static List<WorkflowEvent> of(List<Exam> exams) {
    List<WorkflowEvent> events = new ArrayList<>();
    for (Exam e : exams) {
      StageTimes t = e.times();
      add(events, EventType.ORDERED, t.ordered(), e);
      Instant scheduling = t.ordered().plusSeconds(60);
      if (t.scheduled() != null) {
        add(events, EventType.APPOINTMENT_BOOKED, t.ordered().plus(BOOKING_DELAY), e);
        scheduling = t.ordered().plus(BOOKING_DELAY).plusSeconds(60);
      }
      add(events, EventType.PROCEDURE_SCHEDULED, scheduling, e);
      add(events, EventType.CANCELLED, t.cancelled(), e);
      if (t.scheduled() != null && t.arrived() == null && t.cancelled() == null) {
        add(events, EventType.NO_SHOW, t.scheduled().plus(NO_SHOW_AFTER), e);
      }
      add(events, EventType.ARRIVED, t.arrived(), e);
      add(events, EventType.EXAM_STARTED, t.started(), e);
      add(events, EventType.EXAM_COMPLETED, t.completed(), e);
      add(events, EventType.PRELIMINARY_REPORT, t.preliminary(), e);
      add(events, EventType.FINAL_REPORT, t.finalized(), e);
      add(events, EventType.CORRECTED_REPORT, t.corrected(), e);
    }
    events.sort(Comparator.comparing(WorkflowEvent::time).thenComparing(w -> w.exam().accession())
        .thenComparing(WorkflowEvent::type));
    List<WorkflowEvent> numbered = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      WorkflowEvent w = events.get(i);
      numbered.add(new WorkflowEvent(w.type(), w.time(), w.exam(), String.format("IL%010d", i + 1)));
    }
    return numbered;
  }

  private static void add(List<WorkflowEvent> events, EventType type, Instant time, Exam e) {
    if (time != null) {
      events.add(new WorkflowEvent(type, time, e, null));
    }
  }
}
