package org.imaginglake.synth.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imaginglake.synth.model.LesionTrack;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.PatientClass;
import org.imaginglake.synth.model.Priority;
import org.imaginglake.synth.model.Protocol;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;

/**
 * Creates the orders: booked appointments (outpatients, some routine inpatients) in a slot grid per scanner and
 * day, reserved follow-up slots for the longitudinal cohort, and walk-in orders (emergency and inpatient) as a
 * Poisson process per site, modality and hour. Walk-ins get their arrival here; bookings get theirs later.
 */
final class OrderBook {
  static final Map<Modality, Integer> SLOT_MINUTES = Map.of(Modality.CT, 15, Modality.MR, 30, Modality.DX, 10,
      Modality.CR, 10, Modality.US, 20, Modality.MG, 15, Modality.RF, 30, Modality.NM, 45);
  private static final double BOOKING_FILL = 0.72;
  /** Walk-in rates per hour: emergency by day (08-22) and night, inpatient on weekdays 08-18. */
  private static final Map<Modality, double[]> WALK_IN_RATES = Map.of(Modality.CT, new double[] {0.7, 0.35, 0.35},
      Modality.DX, new double[] {1.2, 0.5, 0.5}, Modality.MR, new double[] {0, 0, 0.12},
      Modality.US, new double[] {0, 0, 0.35}, Modality.RF, new double[] {0, 0, 0.04},
      Modality.NM, new double[] {0, 0, 0.04});

  private final long seed;
  private final Profile profile;
  private final Instant periodStart;
  private final LocalDate firstDay;
  private final int days;

  OrderBook(long seed, Profile profile, LocalDate firstDay, int days, Instant periodStart) {
    this.seed = seed;
    this.profile = profile;
    this.firstDay = firstDay;
    this.days = days;
    this.periodStart = periodStart;
  }

  /** A follow-up CT the cohort needs on a given day: which lesion and which time point. */
  record Reservation(LesionTrack lesion, int timepoint, LocalDate date) {
  }

  List<ExamDraft> bookings(Site site, Scanner scanner, List<Reservation> reservations) {
    List<ExamDraft> drafts = new ArrayList<>();
    int slot = SLOT_MINUTES.get(scanner.modality());
    for (int d = 0; d < days; d++) {
      LocalDate date = firstDay.plusDays(d);
      boolean bookable = date.getDayOfWeek().getValue() <= 5
          && (scanner.hours().allDay() || scanner.hours().days().contains(date.getDayOfWeek()));
      List<Reservation> today = reservations.stream().filter(r -> r.date().equals(date)).toList();
      if (!bookable && today.isEmpty()) {
        continue;
      }
      LocalTime open = scanner.hours().allDay() ? LocalTime.of(8, 0) : scanner.hours().open();
      LocalTime close = scanner.hours().allDay() ? LocalTime.of(17, 0) : scanner.hours().close();
      double fill = bookable ? (scanner.emergency() ? 0.3 : BOOKING_FILL) * profile.volumeScale() : 0;
      Rng rng = Rng.of(seed, "book", scanner.id(), date);
      int i = 0;
      for (ZonedDateTime t = date.atTime(open).atZone(site.zone());
          !t.toLocalTime().plusMinutes(slot).isAfter(close) && t.toLocalDate().equals(date);
          t = t.plusMinutes(slot), i++) {
        String key = "B/" + scanner.id() + "/" + date + "/" + i;
        boolean reservedSlot = t.toLocalTime().isAfter(LocalTime.of(9, 59)) && !today.isEmpty();
        if (reservedSlot) {
          Reservation r = today.get(0);
          today = today.subList(1, today.size());
          ExamDraft draft = booked(key, site, scanner, Catalog.CT_FOLLOW_UP, Priority.ROUTINE, PatientClass.OUTPATIENT,
              t.toInstant(), rng);
          draft.lesion = r.lesion();
          draft.lesionTimepoint = r.timepoint();
          drafts.add(draft);
        } else if (rng.chance(fill)) {
          PatientClass pc = rng.chance(0.1) ? PatientClass.INPATIENT : PatientClass.OUTPATIENT;
          drafts.add(booked(key, site, scanner, rng.pick(Catalog.protocols(scanner.modality())), Priority.ROUTINE, pc,
              t.toInstant(), rng));
        }
      }
    }
    return drafts;
  }

  private ExamDraft booked(String key, Site site, Scanner scanner, Protocol protocol, Priority priority,
      PatientClass pc, Instant scheduled, Rng rng) {
    Instant ordered = scheduled.minus(Duration.ofDays(rng.between(1, 21)))
        .minus(Duration.ofMinutes(rng.between(0, 600)));
    if (ordered.isBefore(periodStart)) {
      long window = Duration.between(periodStart, scheduled).toSeconds();
      ordered = periodStart.plusSeconds((long) (window * rng.uniform(0.05, 0.5)));
    }
    return new ExamDraft(key, site, scanner, protocol, priority, pc, ordered, scheduled);
  }

  List<ExamDraft> walkIns(Site site) {
    List<ExamDraft> drafts = new ArrayList<>();
    long hours = (long) days * 24;
    for (Modality m : Modality.values()) {
      double[] rates = WALK_IN_RATES.get(m);
      List<Scanner> scanners = site.scanners().stream().filter(s -> s.modality() == m).toList();
      if (rates == null || scanners.isEmpty()) {
        continue;
      }
      for (long h = 0; h < hours; h++) {
        Instant hourStart = periodStart.plus(Duration.ofHours(h));
        ZonedDateTime local = hourStart.atZone(site.zone());
        boolean day = local.getHour() >= 8 && local.getHour() < 22;
        boolean weekday = local.getDayOfWeek().getValue() <= 5;
        boolean inpatientHours = local.getHour() >= 8 && local.getHour() < 18;
        double ed = (day ? rates[0] : rates[1]) * profile.volumeScale();
        double inpatient = inpatientHours ? rates[2] * (weekday ? 1 : 0.3) * profile.volumeScale() : 0;
        Rng rng = Rng.of(seed, "walk-in", site.code(), m, h);
        walkInsOfHour(drafts, rng, site, scanners, PatientClass.EMERGENCY, ed, hourStart, h);
        walkInsOfHour(drafts, rng, site, scanners, PatientClass.INPATIENT, inpatient, hourStart, h);
      }
    }
    return drafts;
  }

  private void walkInsOfHour(List<ExamDraft> drafts, Rng rng, Site site, List<Scanner> scanners, PatientClass pc,
      double rate, Instant hourStart, long h) {
    int n = rate > 0 ? rng.poisson(rate) : 0;
    for (int i = 0; i < n; i++) {
      Instant ordered = hourStart.plusSeconds(rng.between(0, 3599));
      Priority priority = pc == PatientClass.EMERGENCY
          ? (rng.chance(0.55) ? Priority.STAT : Priority.URGENT)
          : (rng.chance(0.3) ? Priority.URGENT : Priority.ROUTINE);
      Scanner scanner = pc == PatientClass.EMERGENCY
          ? scanners.stream().filter(Scanner::emergency).findFirst().orElse(scanners.get(0))
          : rng.pick(scanners.stream().filter(s -> !s.emergency()).toList().isEmpty() ? scanners
              : scanners.stream().filter(s -> !s.emergency()).toList());
      List<Protocol> protocols = Catalog.protocols(scanner.modality());
      Protocol protocol = pc == PatientClass.EMERGENCY && protocols.size() >= 3
          ? rng.pick(protocols.subList(0, 3), 0.5, 0.3, 0.2) : rng.pick(protocols);
      String key = "W/" + site.code() + "/" + scanner.modality() + "/" + pc.hl7Code() + "/" + h + "/" + i;
      ExamDraft draft = new ExamDraft(key, site, scanner, protocol, priority, pc, ordered, null);
      int delayMinutes = switch (priority) {
        case STAT -> rng.between(5, 15);
        case URGENT -> rng.between(15, 60);
        case ROUTINE -> rng.between(30, 240);
      };
      draft.arrived = scanner.hours().nextOpenAt(ordered.plus(Duration.ofMinutes(delayMinutes)), site.zone());
      drafts.add(draft);
    }
  }
}
