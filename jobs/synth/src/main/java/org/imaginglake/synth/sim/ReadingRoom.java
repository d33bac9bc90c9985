package org.imaginglake.synth.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.Radiologist;

/**
 * Discrete-event simulation of reading. Completed exams join one worklist for all sites, ordered by priority and
 * then completion time. A reader on shift and idle takes the head of the worklist and writes the preliminary report
 * after a log-normal reading time per modality (twice as long for the night reader, who also takes the
 * emergency department's calls); a reader finishes the current exam after the shift ends but takes
 * no new one. The final report follows 5-60 minutes later by the same reader, except night reads, which a day
 * reader signs after 08:00. Two percent of final reports are corrected 2-30 hours later.
 */
final class ReadingRoom {
  static final Map<Modality, Double> READ_MINUTES = Map.of(Modality.CT, 10.0, Modality.MR, 13.0, Modality.DX, 2.5,
      Modality.CR, 2.5, Modality.US, 5.0, Modality.MG, 4.0, Modality.RF, 6.0, Modality.NM, 8.0);
  /** The night reader also answers the emergency department's calls: each read takes this much longer. */
  static final double NIGHT_SLOWDOWN = 2.0;
  private static final Comparator<ExamDraft> WORKLIST = Comparator.<ExamDraft>comparingInt(e -> e.priority.ordinal())
      .thenComparing(e -> e.completed).thenComparing(e -> e.key);

  private final long seed;
  private final List<ReadingRota.Shift> shifts;
  private final Map<String, List<ReadingRota.Shift>> shiftsByReader = new java.util.TreeMap<>();

  ReadingRoom(long seed, List<ReadingRota.Shift> shifts) {
    this.seed = seed;
    this.shifts = shifts;
    for (ReadingRota.Shift s : shifts) {
      shiftsByReader.computeIfAbsent(s.reader().id(), k -> new ArrayList<>()).add(s);
    }
  }

  private record Event(Instant time, int seq, ExamDraft exam) {
  }

  void run(List<ExamDraft> performed) {
    PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparing(Event::time).thenComparingInt(Event::seq));
    int seq = 0;
    for (ExamDraft e : performed.stream().sorted(Comparator.comparing((ExamDraft d) -> d.completed)
        .thenComparing(d -> d.key)).toList()) {
      events.add(new Event(e.completed, seq++, e));
    }
    for (ReadingRota.Shift s : shifts) {
      events.add(new Event(s.start(), seq++, null));
    }
    TreeSet<ExamDraft> worklist = new TreeSet<>(WORKLIST);
    List<Radiologist> readers = shifts.stream().map(ReadingRota.Shift::reader).distinct()
        .sorted(Comparator.comparing(Radiologist::id)).toList();
    Map<Radiologist, Instant> busyUntil = new java.util.TreeMap<>(Comparator.comparing(Radiologist::id));
    while (!events.isEmpty()) {
      Event ev = events.poll();
      if (ev.exam() != null) {
        worklist.add(ev.exam());
      }
      for (Radiologist r : readers) {
        if (worklist.isEmpty()) {
          break;
        }
        Instant free = busyUntil.getOrDefault(r, Instant.MIN);
        if (free.isAfter(ev.time()) || !onShift(r, ev.time())) {
          continue;
        }
        ExamDraft exam = worklist.pollFirst();
        Rng rng = Rng.of(seed, "read", exam.key);
        double minutes = Math.max(0.5, rng.logNormal(READ_MINUTES.get(exam.scanner.modality()), 0.5))
            * (r.shift().equals(ReadingRota.NIGHT) ? NIGHT_SLOWDOWN : 1);
        exam.reader = r;
        exam.preliminary = ev.time().plusSeconds(Math.round(minutes * 60));
        busyUntil.put(r, exam.preliminary);
        events.add(new Event(exam.preliminary, seq++, null));
        sign(exam, rng);
      }
    }
  }

  private boolean onShift(Radiologist r, Instant t) {
    for (ReadingRota.Shift s : shiftsByReader.get(r.id())) {
      if (s.covers(t)) {
        return true;
      }
    }
    return false;
  }

  private void sign(ExamDraft exam, Rng rng) {
    if (exam.reader.shift().equals(ReadingRota.NIGHT)) {
      ReadingRota.Shift morning = shifts.stream()
          .filter(s -> !s.reader().shift().equals(ReadingRota.NIGHT) && s.start().isAfter(exam.preliminary))
          .findFirst().orElseThrow();
      List<ReadingRota.Shift> same = shifts.stream().filter(s -> s.start().equals(morning.start())).toList();
      exam.signer = rng.pick(same).reader();
      exam.finalized = morning.start().plus(Duration.ofMinutes(rng.between(5, 150)));
    } else {
      exam.signer = exam.reader;
      exam.finalized = exam.preliminary.plus(Duration.ofMinutes(rng.between(5, 60)));
    }
    if (rng.chance(0.02)) {
      exam.corrected = exam.finalized.plus(Duration.ofMinutes(rng.between(120, 1800)));
    }
  }
}
