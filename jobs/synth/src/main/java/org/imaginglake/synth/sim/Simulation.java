package org.imaginglake.synth.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imaginglake.synth.model.Bottleneck;
import org.imaginglake.synth.model.Department;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.ExamStatus;
import org.imaginglake.synth.model.LesionTrack;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.Radiologist;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;

/**
 * Runs the whole simulation for a seed, profile, first day and number of days: orders, outcomes (cancellations
 * 4 % and no-shows 5 % of bookings, 2 % of walk-ins cancelled), scanner queues, reading, acquisitions. Single
 * threaded and cheap (under a second for the enterprise profile); the expensive part is writing the files.
 */
public final class Simulation {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private Simulation() {}

  public static Department run(long seed, Profile profile, LocalDate firstDay, int days) {
    DepartmentFactory factory = new DepartmentFactory(seed, profile);
    List<Site> sites = factory.sites();
    ZoneId home = sites.get(0).zone();
    Instant start = firstDay.atStartOfDay(home).toInstant();
    Instant end = firstDay.plusDays(days).atStartOfDay(home).toInstant();
    Patients patients = new Patients(firstDay);
    OrderBook book = new OrderBook(seed, profile, firstDay, days, start);
    List<ExamDraft> drafts = new ArrayList<>();
    List<LesionTrack> lesions = new ArrayList<>();
    Map<String, org.imaginglake.synth.model.Patient> cohortPatients = new TreeMap<>();
    for (Site site : sites) {
      List<Cohort.Member> cohort = Cohort.members(seed, site, profile.cohortPerSite(), firstDay, days, start, patients);
      List<OrderBook.Reservation> reservations = new ArrayList<>();
      for (Cohort.Member m : cohort) {
        lesions.add(m.lesion());
        cohortPatients.put(m.lesion().trackingUid(), m.patient());
        reservations.addAll(m.reservations());
      }
      for (Scanner scanner : site.scanners()) {
        List<OrderBook.Reservation> mine = reservations.stream()
            .filter(r -> Cohort.scannerFor(site, r).equals(scanner)).toList();
        drafts.addAll(book.bookings(site, scanner, mine));
      }
      drafts.addAll(book.walkIns(site));
    }
    drafts.sort(Comparator.comparing((ExamDraft d) -> d.ordered).thenComparing(d -> d.key));
    identify(seed, drafts, patients, cohortPatients);
    for (ExamDraft d : drafts) {
      decideOutcome(seed, d);
    }
    for (Site site : sites) {
      for (Scanner scanner : site.scanners()) {
        ScannerQueue.run(seed, site, scanner, drafts.stream().filter(d -> d.scanner.equals(scanner)).toList());
      }
    }
    List<Radiologist> readers = factory.readers();
    List<ReadingRota.Shift> shifts = ReadingRota.shifts(readers, home, firstDay, days + 14);
    List<ExamDraft> performed = drafts.stream().filter(d -> d.status == ExamStatus.COMPLETED).toList();
    new ReadingRoom(seed, shifts).run(performed);
    AcquisitionPlanner planner = new AcquisitionPlanner(seed, profile.instanceScale());
    for (ExamDraft d : performed) {
      d.acquisition = planner.plan(d);
    }
    List<Exam> exams = drafts.stream().map(ExamDraft::toExam).toList();
    Radiologist night = readers.stream().filter(r -> r.shift().equals(ReadingRota.NIGHT)).findFirst().orElseThrow();
    return new Department(start, end, sites, readers, exams, lesions, List.of(nightBottleneck(night, home, sites)));
  }

  /** Accession numbers (site, order date, sequence), placer order numbers, patients, referrer, operator. */
  private static void identify(long seed, List<ExamDraft> drafts, Patients patients,
      Map<String, org.imaginglake.synth.model.Patient> cohortPatients) {
    Map<String, Integer> perSiteDay = new TreeMap<>();
    int placer = 0;
    for (ExamDraft d : drafts) {
      String prefix = d.site.code() + DAY.format(d.ordered.atZone(d.site.zone()));
      int n = perSiteDay.merge(prefix, 1, Integer::sum);
      d.accession = prefix + String.format("%05d", n);
      d.placerOrder = String.format("OP%08d", ++placer);
      Rng rng = Rng.of(seed, "identity", d.key);
      d.patient = d.lesion != null ? cohortPatients.get(d.lesion.trackingUid())
          : patients.forExam(d.site, rng, d.scanner.modality() == Modality.MG);
      d.referringPhysician = person(Rng.of(seed, "referrer", d.site.code(), rng.between(0, 11))) + "^^Dr";
      d.operator = person(Rng.of(seed, "technologist", d.site.code(), rng.between(0, 7)));
    }
  }

  private static String person(Rng rng) {
    return rng.pick(Catalog.FAMILY_NAMES) + "^" + rng.pick(rng.chance(0.5) ? Catalog.GIVEN_NAMES_F
        : Catalog.GIVEN_NAMES_M);
  }

  private static void decideOutcome(long seed, ExamDraft d) {
    Rng rng = Rng.of(seed, "outcome", d.key);
    if (d.scheduled != null) {
      if (d.lesion == null && rng.chance(0.04)) {
        d.status = ExamStatus.CANCELLED;
        long window = Duration.between(d.ordered, d.scheduled).toSeconds();
        d.cancelled = d.ordered.plusSeconds((long) (window * rng.uniform(0.1, 0.95)));
      } else if (d.lesion == null && rng.chance(0.05)) {
        d.status = ExamStatus.NO_SHOW;
      } else {
        Instant arrival = d.scheduled.plusSeconds(Math.round(60 * Math.max(-40, Math.min(25,
            -12 + 8 * rng.gaussian()))));
        d.arrived = arrival.isAfter(d.ordered) ? arrival : d.ordered.plusSeconds(60);
      }
    } else if (rng.chance(0.02)) {
      d.status = ExamStatus.CANCELLED;
      Instant cancel = d.ordered.plusSeconds(rng.between(300, 2400));
      d.cancelled = cancel.isBefore(d.arrived) ? cancel : d.ordered.plus(Duration.between(d.ordered, d.arrived)
          .dividedBy(2));
      d.arrived = null;
    }
  }

  private static Bottleneck nightBottleneck(Radiologist night, ZoneId zone, List<Site> sites) {
    return new Bottleneck("NIGHT-SINGLE-READER", "reader capacity", night.id() + " " + night.dicomName(),
        "every night 22:00-08:00 " + zone,
        "One radiologist reads for all " + sites.size() + " site(s) overnight, at half the daytime speed "
            + "(also answering the emergency department), while emergency CT and X-ray keep coming: exams completed "
            + "at night wait longer for a preliminary report than by day, and their final report waits for the "
            + "morning shift.");
  }
}
