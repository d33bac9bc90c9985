package org.imaginglake.synth.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imaginglake.synth.model.Patient;
import org.imaginglake.synth.model.Site;

/**
 * Hands out patients: new ones with unique 8-digit MRNs, or (12 % of orders) a patient the site has seen before,
 * so some patients have several studies. Must be called in a fixed order for determinism (the simulation calls
 * it in order of order time).
 */
final class Patients {
  private static final double RETURNING = 0.12;
  private final LocalDate today;
  private final Map<String, List<Patient>> seenBySite = new HashMap<>();
  private int next;

  Patients(LocalDate today) {
    this.today = today;
  }

  /** A patient for an exam; {@code female} restricts to women (mammography). */
  Patient forExam(Site site, Rng rng, boolean female) {
    List<Patient> seen = seenBySite.computeIfAbsent(site.code(), k -> new ArrayList<>());
    if (!seen.isEmpty() && rng.chance(RETURNING)) {
      Patient p = seen.get(rng.between(0, seen.size() - 1));
      if (!female || p.sex().equals("F")) {
        return p;
      }
    }
    return newPatient(site, rng, female);
  }

  Patient newPatient(Site site, Rng rng, boolean female) {
    String sex = female || rng.chance(0.5) ? "F" : "M";
    int age = female ? rng.between(40, 75) : (int) Math.max(1, Math.min(97, 57 + 19 * rng.gaussian()));
    LocalDate birth = today.minusYears(age).minusDays(rng.between(0, 364));
    List<String> given = sex.equals("F") ? Catalog.GIVEN_NAMES_F : Catalog.GIVEN_NAMES_M;
    String id = String.format("%08d", 20_000_000 + 37L * next++ + rng.between(0, 36));
    Patient p = new Patient(id, rng.pick(Catalog.FAMILY_NAMES), rng.pick(given), birth, sex);
    seenBySite.computeIfAbsent(site.code(), k -> new ArrayList<>()).add(p);
    return p;
  }
}
