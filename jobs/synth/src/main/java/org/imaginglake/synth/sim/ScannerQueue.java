package org.imaginglake.synth.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;

/**
 * One scanner's day-to-day: whenever the scanner is free and open, the waiting patient with the highest priority
 * goes next (STAT, urgent, routine; then who became ready first). A booked patient is ready at arrival but not
 * before 15 minutes ahead of the appointment. Exams start only within operating hours and run to the end even
 * past closing. Durations are log-normal per protocol; 2-6 minutes of turnover follow each exam.
 */
final class ScannerQueue {
  private static final Duration EARLY_START = Duration.ofMinutes(15);

  private ScannerQueue() {}

  static void run(long seed, Site site, Scanner scanner, List<ExamDraft> exams) {
    List<ExamDraft> waiting = new ArrayList<>(exams.stream().filter(e -> e.arrived != null).toList());
    waiting.sort(Comparator.comparing(ScannerQueue::readyAt).thenComparing(e -> e.key));
    Instant free = Instant.MIN;
    while (!waiting.isEmpty()) {
      Instant t = free;
      Instant firstReady = readyAt(waiting.get(0));
      if (firstReady.isAfter(t)) {
        t = firstReady;
      }
      t = scanner.hours().nextOpenAt(t, site.zone());
      ExamDraft next = waiting.get(0);
      for (ExamDraft e : waiting) {
        if (readyAt(e).isAfter(t)) {
          break;
        }
        if (e.priority.ordinal() < next.priority.ordinal()) {
          next = e;
        }
      }
      waiting.remove(next);
      Rng rng = Rng.of(seed, "exam", next.key);
      double minutes = Math.max(next.protocol.medianMinutes() * 0.4,
          Math.min(next.protocol.medianMinutes() * 3, rng.logNormal(next.protocol.medianMinutes(),
              next.protocol.logSd())));
      next.started = t;
      next.completed = t.plusSeconds(Math.round(minutes * 60));
      free = next.completed.plusSeconds(rng.between(120, 360));
    }
  }

  private static Instant readyAt(ExamDraft e) {
    if (e.scheduled != null && e.scheduled.minus(EARLY_START).isAfter(e.arrived)) {
      return e.scheduled.minus(EARLY_START);
    }
    return e.arrived;
  }
}
