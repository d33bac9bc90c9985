package org.imaginglake.synth.sim;

import static org.imaginglake.synth.model.DoseTotals.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.imaginglake.synth.model.Acquisition;
import org.imaginglake.synth.model.IrradiationEvent;
import org.imaginglake.synth.model.IrradiationEvent.Kind;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.Protocol;
import org.imaginglake.synth.model.SeriesAcquisition;
import org.imaginglake.synth.model.SeriesPlan;

/**
 * Turns a performed exam into series, instance times and irradiation events. Images are acquired between 15 % and
 * 90 % of the room time, series after series, the window shared in proportion to instance counts. Dose values are
 * rounded as the reports write them (CTDIvol and DLP to 0.01, DAP to 1e-8 Gy·m², glandular dose to 0.01 mGy), so
 * totals computed from the written events are exact. RF exams add 3-6 fluoroscopy events without stored images.
 */
final class AcquisitionPlanner {
  private final long seed;
  private final double instanceScale;

  AcquisitionPlanner(long seed, double instanceScale) {
    this.seed = seed;
    this.instanceScale = instanceScale;
  }

  Acquisition plan(ExamDraft exam) {
    Rng rng = Rng.of(seed, "acquisition", exam.accession);
    Protocol p = exam.protocol;
    Modality m = exam.scanner.modality();
    List<SeriesPlan> plans = p.series();
    int[] counts = new int[plans.size()];
    int total = 0;
    for (int i = 0; i < plans.size(); i++) {
      SeriesPlan s = plans.get(i);
      int n = rng.between(s.minInstances(), s.maxInstances());
      counts[i] = s.minInstances() == s.maxInstances() ? n : Math.max(1, (int) Math.round(n * instanceScale));
      total += counts[i];
    }
    long startMs = exam.started.toEpochMilli();
    long roomMs = exam.completed.toEpochMilli() - startMs;
    long windowStart = startMs + roomMs * 15 / 100;
    long windowMs = roomMs * 75 / 100;
    List<IrradiationEvent> fluoro = new ArrayList<>();
    if (m == Modality.RF) {
      int n = rng.between(3, 6);
      for (int i = 0; i < n; i++) {
        double seconds = rng.uniform(10, 60);
        double dap = round(seconds * rng.uniform(3e-6, 7e-6), 8);
        fluoro.add(projection(exam, "fluoro/" + i, Kind.FLUOROSCOPY,
            Instant.ofEpochMilli(windowStart + windowMs * i / (n + 1)), p.kvp(), rng.uniform(1, 3),
            Math.round(seconds * 1000), dap, rng));
      }
    }
    List<SeriesAcquisition> series = new ArrayList<>();
    long done = 0;
    IrradiationEvent lastCt = null;
    for (int i = 0; i < plans.size(); i++) {
      SeriesPlan plan = plans.get(i);
      long[] times = new long[counts[i]];
      for (int k = 0; k < counts[i]; k++) {
        times[k] = windowStart + windowMs * (done + k) / total;
      }
      done += counts[i];
      List<IrradiationEvent> events = new ArrayList<>();
      String key = "series/" + (i + 1);
      Instant first = Instant.ofEpochMilli(times[0]);
      switch (plan.exposure()) {
        case CT_LOCALIZER -> lastCt = ct(exam, key, Kind.CT_LOCALIZER, first, rng.uniform(0.05, 0.2),
            rng.uniform(400, 600), rng);
        case CT_HELICAL -> lastCt = ct(exam, key, Kind.CT_HELICAL, first, rng.logNormal(p.ctdiVolMgy(), 0.25),
            p.scanLengthMm() * (1 + 0.08 * rng.gaussian()), rng);
        case CT_RECON, NONE, PROJECTION -> { }
      }
      if (plan.exposure() == SeriesPlan.Exposure.CT_LOCALIZER || plan.exposure() == SeriesPlan.Exposure.CT_HELICAL
          || plan.exposure() == SeriesPlan.Exposure.CT_RECON) {
        events.add(lastCt);
      } else if (plan.exposure() == SeriesPlan.Exposure.PROJECTION) {
        for (int k = 0; k < counts[i]; k++) {
          events.add(m == Modality.MG ? mammo(exam, key + "/" + k, Instant.ofEpochMilli(times[k]), p, rng)
              : projection(exam, key + "/" + k, Kind.PROJECTION, Instant.ofEpochMilli(times[k]), p.kvp(),
                  rng.uniform(200, 500), rng.uniform(5, 60), round(rng.logNormal(p.dapGym2PerExposure(), 0.3), 8),
                  rng));
        }
      }
      series.add(new SeriesAcquisition(i + 1, plan.description(), times, events));
    }
    return new Acquisition(series, fluoro);
  }

  private IrradiationEvent ct(ExamDraft exam, String key, Kind kind, Instant start, double ctdi, double lengthMm,
      Rng rng) {
    double ctdiVol = round(ctdi, 2);
    double length = round(lengthMm, 1);
    double dlp = round(ctdiVol * length / 10, 2);
    boolean head = "HEAD".equals(exam.protocol.bodyPart());
    double tubeCurrent = Math.round(rng.uniform(80, 350));
    return new IrradiationEvent(Uids.of(seed, "irradiation", exam.accession + "/" + key), kind, start,
        kind == Kind.CT_LOCALIZER ? 120 : exam.protocol.kvp(), tubeCurrent, Math.round(length / 50.0 * 1000),
        ctdiVol, dlp, length, head, 0, 0, 0);
  }

  private IrradiationEvent projection(ExamDraft exam, String key, Kind kind, Instant start, int kvp, double ma,
      double exposureMs, double dapGym2, Rng rng) {
    double fieldAreaM2 = rng.uniform(0.03, 0.12);
    return new IrradiationEvent(Uids.of(seed, "irradiation", exam.accession + "/" + key), kind, start, kvp,
        Math.round(ma * 10) / 10.0, Math.round(exposureMs), 0, 0, 0, false, dapGym2, round(dapGym2 / fieldAreaM2, 6),
        0);
  }

  private IrradiationEvent mammo(ExamDraft exam, String key, Instant start, Protocol p, Rng rng) {
    double agd = round(rng.logNormal(p.glandularDoseMgy(), 0.2), 2);
    return new IrradiationEvent(Uids.of(seed, "irradiation", exam.accession + "/" + key), Kind.MAMMOGRAPHY, start,
        p.kvp() + rng.between(-1, 2), Math.round(rng.uniform(80, 160)), Math.round(rng.uniform(500, 1500)), 0, 0, 0,
        false, 0, round(agd * rng.uniform(3.5, 5.5) / 1000, 6), agd);
  }
}
