package org.imaginglake.synth.truth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.imaginglake.synth.model.Bottleneck;
import org.imaginglake.synth.model.Department;
import org.imaginglake.synth.model.DoseTotals;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.ExamStatus;
import org.imaginglake.synth.model.LesionTrack;
import org.imaginglake.synth.model.Radiologist;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;
import org.imaginglake.synth.model.StageTimes;
import org.imaginglake.synth.sim.Uids;

/**
 * Writes {@code ground_truth/}: scanners (with clock offsets), busy intervals, hourly utilization, exams with their
 * true stage times, readers, the injected bottleneck with its measured effect, dose totals per study, and the
 * lesion trajectories with every measured time point. Columns are documented in docs/synthetic-department.md.
 */
public final class GroundTruthWriter {
  private final long seed;
  private final Department dept;
  private final Path dir;

  public GroundTruthWriter(long seed, Department dept, Path outDir) {
    this.seed = seed;
    this.dept = dept;
    this.dir = outDir.resolve("ground_truth");
  }

  public void write() {
    scanners();
    busyAndUtilization();
    exams();
    readers();
    bottlenecks();
    doseTotals();
    lesions();
  }

  private void scanners() {
    try (Csv csv = new Csv(dir.resolve("scanners.csv"), "scanner_id", "site", "institution_name", "time_zone",
        "modality", "manufacturer", "manufacturer_model_name", "station_name", "device_serial_number",
        "operating_hours", "emergency", "clock_offset_seconds")) {
      for (Site site : dept.sites()) {
        for (Scanner s : site.scanners()) {
          csv.row(s.id(), site.code(), site.institutionName(), site.zone(), s.modality(), s.manufacturer(), s.model(),
              s.stationName(), s.serialNumber(), s.hours().describe(), s.emergency(), s.clockOffsetSeconds());
        }
      }
    }
  }

  private void busyAndUtilization() {
    try (Csv busy = new Csv(dir.resolve("busy_intervals.csv"), "scanner_id", "accession_number", "start_utc",
        "end_utc", "busy_minutes");
        Csv util = new Csv(dir.resolve("utilization_hourly.csv"), "scanner_id", "hour_start_utc", "hour_start_local",
            "in_operating_hours", "busy_minutes", "utilization")) {
      for (Site site : dept.sites()) {
        for (Scanner s : site.scanners()) {
          List<Exam> exams = new ArrayList<>(dept.exams().stream()
              .filter(e -> e.performed() && e.scanner().equals(s)).toList());
          exams.sort(Comparator.comparing(e -> e.times().started()));
          for (Exam e : exams) {
            busy.row(s.id(), e.accession(), e.times().started(), e.times().completed(),
                Math.round(minutes(e.times().started(), e.times().completed()) * 1000) / 1000.0);
          }
          for (Instant h = dept.start(); h.isBefore(dept.end()); h = h.plus(Duration.ofHours(1))) {
            Instant hourEnd = h.plus(Duration.ofHours(1));
            double busyMinutes = 0;
            for (Exam e : exams) {
              Instant from = max(h, e.times().started());
              Instant to = min(hourEnd, e.times().completed());
              if (from.isBefore(to)) {
                busyMinutes += minutes(from, to);
              }
            }
            busyMinutes = Math.round(busyMinutes * 1000) / 1000.0;
            util.row(s.id(), h, Csv.local(h, site.zone()), s.hours().isOpenAt(h, site.zone()), busyMinutes,
                Math.round(busyMinutes / 60 * 10000) / 10000.0);
          }
        }
      }
    }
  }

  private void exams() {
    try (Csv csv = new Csv(dir.resolve("exams.csv"), "accession_number", "placer_order_number", "patient_id", "site",
        "scanner_id", "modality", "procedure_code", "procedure_text", "priority", "patient_class", "status",
        "ordered_utc", "scheduled_utc", "arrived_utc", "started_utc", "completed_utc", "preliminary_utc", "final_utc",
        "corrected_utc", "cancelled_utc", "cancelled", "no_show", "reader_id", "signer_id", "study_instance_uid",
        "series_count", "instance_count")) {
      for (Exam e : dept.exams()) {
        StageTimes t = e.times();
        csv.row(e.accession(), e.placerOrder(), e.patient().id(), e.site().code(), e.scanner().id(),
            e.scanner().modality(), e.protocol().code(), e.protocol().text(), e.priority(), e.patientClass(),
            e.status(), t.ordered(), t.scheduled(), t.arrived(), t.started(), t.completed(), t.preliminary(),
            t.finalized(), t.corrected(), t.cancelled(), e.status() == ExamStatus.CANCELLED,
            e.status() == ExamStatus.NO_SHOW, e.reader() == null ? null : e.reader().id(),
            e.signer() == null ? null : e.signer().id(), e.performed() ? Uids.study(seed, e.accession()) : null,
            e.performed() ? e.acquisition().series().size() : 0, e.performed() ? e.acquisition().instanceCount() : 0);
      }
    }
  }

  private void readers() {
    try (Csv csv = new Csv(dir.resolve("readers.csv"), "reader_id", "name", "shift")) {
      for (Radiologist r : dept.readers()) {
        csv.row(r.id(), r.dicomName(), r.shift());
      }
    }
  }

  /** The bottleneck with its measured effect: median minutes from completion to preliminary, in and out of it. */
  private void bottlenecks() {
    ZoneId zone = dept.sites().get(0).zone();
    List<Double> night = new ArrayList<>();
    List<Double> day = new ArrayList<>();
    for (Exam e : dept.exams()) {
      if (e.performed()) {
        int hour = e.times().completed().atZone(zone).getHour();
        (hour >= 22 || hour < 8 ? night : day).add(minutes(e.times().completed(), e.times().preliminary()));
      }
    }
    try (Csv csv = new Csv(dir.resolve("bottlenecks.csv"), "bottleneck_id", "kind", "resource", "window",
        "description", "exams_in_window", "median_wait_minutes_in_window", "exams_outside_window",
        "median_wait_minutes_outside_window")) {
      for (Bottleneck b : dept.bottlenecks()) {
        csv.row(b.id(), b.kind(), b.resource(), b.window(), b.description(), night.size(), median(night), day.size(),
            median(day));
      }
    }
  }

  private void doseTotals() {
    try (Csv csv = new Csv(dir.resolve("dose_totals.csv"), "study_instance_uid", "accession_number", "modality",
        "irradiation_events", "ct_dlp_total_mgycm", "ct_ctdivol_max_mgy", "dap_total_gym2", "dose_rp_total_gy",
        "fluoro_dap_total_gym2", "fluoro_time_total_s", "acquisition_dap_total_gym2", "glandular_dose_total_mgy")) {
      for (Exam e : dept.exams()) {
        if (!e.performed() || !e.scanner().modality().xray()) {
          continue;
        }
        DoseTotals d = DoseTotals.of(e.acquisition().events());
        csv.row(Uids.study(seed, e.accession()), e.accession(), e.scanner().modality(), d.events(), d.dlpMgyCm(),
            d.ctdiVolMaxMgy(), d.dapGym2(), d.doseRpGy(), d.fluoroDapGym2(), d.fluoroTimeS(), d.acquisitionDapGym2(),
            d.glandularDoseMgy());
      }
    }
  }

  private void lesions() {
    try (Csv tracks = new Csv(dir.resolve("lesions.csv"), "patient_id", "tracking_id", "tracking_uid", "trajectory",
        "growth_rate_per_day", "baseline_utc", "baseline_long_axis_mm", "finding_site_code", "finding_site");
        Csv points = new Csv(dir.resolve("lesion_measurements.csv"), "patient_id", "tracking_uid", "timepoint",
            "accession_number", "study_instance_uid", "measured_utc", "days_since_baseline", "long_axis_mm",
            "volume_mm3")) {
      for (LesionTrack l : dept.lesions()) {
        tracks.row(l.patientId(), l.trackingId(), l.trackingUid(), l.trajectory(), l.ratePerDay(), l.baseline(),
            l.baselineMm(), l.findingSiteCode(), l.findingSiteMeaning());
      }
      dept.exams().stream().filter(e -> e.lesion() != null && e.performed())
          .sorted(Comparator.comparing((Exam e) -> e.lesion().trackingUid()).thenComparingInt(Exam::lesionTimepoint))
          .forEach(e -> {
            Instant t = e.times().started();
            points.row(e.patient().id(), e.lesion().trackingUid(), e.lesionTimepoint(), e.accession(),
                Uids.study(seed, e.accession()), t,
                Math.round(Duration.between(e.lesion().baseline(), t).toSeconds() / 864.0) / 100.0,
                e.lesion().diameterMmAt(t), e.lesion().volumeMm3At(t));
          });
    }
  }

  static double minutes(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 60000.0;
  }

  private static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Math.round(m * 10) / 10.0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
