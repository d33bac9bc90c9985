package org.imaginglake.synth.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.imaginglake.synth.model.LesionTrack;
import org.imaginglake.synth.model.LesionTrack.Trajectory;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.Patient;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;

/**
 * The longitudinal cohort of a site: patients with one tracked lesion each, followed up by CT two to four times in
 * the period at equal intervals. Trajectories rotate growing, stable, shrinking; growth rates are drawn per lesion
 * (growing 0.4-2 %/day, shrinking 0.4-1.5 %/day). Weekday follow-ups go to the site's scheduled CT, weekend ones to
 * the emergency CT.
 */
final class Cohort {
  /** A cohort patient and the follow-up slots reserved for them. */
  record Member(Patient patient, LesionTrack lesion, List<OrderBook.Reservation> reservations) {
  }

  private Cohort() {}

  static List<Member> members(long seed, Site site, int count, LocalDate firstDay, int days, Instant baseline,
      Patients patients) {
    List<Member> members = new ArrayList<>();
    Trajectory[] trajectories = Trajectory.values();
    for (int i = 0; i < count; i++) {
      Rng rng = Rng.of(seed, "cohort", site.code(), i);
      Patient patient = patients.newPatient(site, rng, false);
      Trajectory trajectory = trajectories[i % trajectories.length];
      double rate = switch (trajectory) {
        case GROWING -> rng.uniform(0.004, 0.02);
        case STABLE -> 0.0;
        case SHRINKING -> -rng.uniform(0.004, 0.015);
      };
      boolean lung = rng.chance(0.5);
      LesionTrack lesion = new LesionTrack(patient.id(), "Lesion 1", Uids.lesion(seed, site.code(), i), trajectory,
          rate, Math.round(rng.uniform(8, 35) * 10) / 10.0, baseline, lung ? "39607008" : "10200004",
          lung ? "Lung" : "Liver");
      int timepoints = Math.min(days, rng.between(2, 4));
      int interval = Math.max(1, (days - 1) / Math.max(1, timepoints - 1));
      int offset = rng.between(0, Math.max(0, days - 1 - interval * (timepoints - 1)));
      List<OrderBook.Reservation> reservations = new ArrayList<>();
      for (int t = 0; t < timepoints; t++) {
        reservations.add(new OrderBook.Reservation(lesion, t + 1, firstDay.plusDays(offset + (long) t * interval)));
      }
      members.add(new Member(patient, lesion, reservations));
    }
    return members;
  }

  /** The CT a reservation goes to: the scheduled CT on weekdays when there is one, else the emergency CT. */
  static Scanner scannerFor(Site site, OrderBook.Reservation r) {
    List<Scanner> cts = site.scanners().stream().filter(s -> s.modality() == Modality.CT).toList();
    boolean weekday = r.date().getDayOfWeek().getValue() <= 5;
    return cts.stream().filter(s -> weekday != s.emergency()).findFirst().orElse(cts.get(0));
  }
}
