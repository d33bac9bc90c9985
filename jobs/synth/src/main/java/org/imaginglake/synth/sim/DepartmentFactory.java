package org.imaginglake.synth.sim;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.Radiologist;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;
import org.imaginglake.synth.model.WeeklyHours;

/**
 * Builds the sites, their scanners and the reading staff for a profile. Site names are fictional. Scanner clock
 * offsets: every fifth scanner (index 2, 7, ...) runs 2 to 9 minutes fast or slow; the rest are exact.
 */
final class DepartmentFactory {
  private static final String[][] SITES = {
      {"SLH", "Sint Lucas Demo Hospital", "Lucasweg 1^^Amsterdam^^1001 AA^NL", "Europe/Amsterdam"},
      {"WHM", "Westhaven Medical Centre", "Havenkade 12^^Haarlem^^2011 AB^NL", "Europe/Amsterdam"},
      {"ODC", "Oostdam Clinic", "Damstraat 3^^Utrecht^^3511 AC^NL", "Europe/Amsterdam"},
      {"NBH", "North Brook Hospital", "1 Brook Lane^^Norwich^^NR1 1AA^GB", "Europe/London"}};
  private static final WeeklyHours OFFICE = WeeklyHours.weekdays(LocalTime.of(8, 0), LocalTime.of(17, 0));
  private static final WeeklyHours EXTENDED = WeeklyHours.weekdays(LocalTime.of(7, 30), LocalTime.of(20, 0));
  private static final WeeklyHours MR_HOURS = WeeklyHours.weekdays(LocalTime.of(7, 0), LocalTime.of(22, 0));

  private final long seed;
  private final Profile profile;

  DepartmentFactory(long seed, Profile profile) {
    this.seed = seed;
    this.profile = profile;
  }

  List<Site> sites() {
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < profile.sites(); i++) {
      String[] s = SITES[i];
      sites.add(new Site(s[0], s[1], s[2], ZoneId.of(s[3]), scanners(s[0])));
    }
    return sites;
  }

  private List<Scanner> scanners(String site) {
    List<Scanner> list = new ArrayList<>();
    add(list, site, Modality.CT, WeeklyHours.ALWAYS, true);
    if (!profile.compact()) {
      add(list, site, Modality.CT, EXTENDED, false);
    }
    add(list, site, Modality.DX, WeeklyHours.ALWAYS, true);
    add(list, site, Modality.MR, MR_HOURS, false);
    if (!profile.compact()) {
      add(list, site, Modality.MR, MR_HOURS, false);
      add(list, site, Modality.DX, OFFICE, false);
      add(list, site, Modality.CR, OFFICE, false);
      add(list, site, Modality.US, OFFICE, false);
    }
    add(list, site, Modality.US, OFFICE, false);
    add(list, site, Modality.MG, WeeklyHours.weekdays(LocalTime.of(8, 0), LocalTime.of(16, 30)), false);
    add(list, site, Modality.RF, WeeklyHours.weekdays(LocalTime.of(8, 30), LocalTime.of(16, 0)), false);
    add(list, site, Modality.NM, OFFICE, false);
    return list;
  }

  private void add(List<Scanner> list, String site, Modality m, WeeklyHours hours, boolean emergency) {
    int index = list.size();
    int sameModality = (int) list.stream().filter(s -> s.modality() == m).count() + 1;
    String id = site + "-" + m + sameModality;
    Rng rng = Rng.of(seed, "scanner", id);
    String[] device = rng.pick(Catalog.DEVICES.get(m));
    int offset = index % 5 == 2 ? (rng.chance(0.5) ? 1 : -1) * rng.between(120, 540) : 0;
    list.add(new Scanner(id, site, m, device[0], device[1], site + m + sameModality,
        String.valueOf(rng.between(10000, 99999)), "VA" + rng.between(10, 40), hours, emergency, offset));
  }

  /**
   * Readers: per site four weekday day readers and one evening reader, one weekend day reader per two sites, and
   * a single night reader for the whole enterprise — the injected bottleneck.
   */
  List<Radiologist> readers() {
    List<Radiologist> readers = new ArrayList<>();
    Rng rng = Rng.of(seed, "readers");
    int n = 0;
    for (int i = 0; i < profile.sites() * 4; i++) {
      readers.add(reader(rng, ++n, ReadingRota.DAY));
    }
    for (int i = 0; i < profile.sites(); i++) {
      readers.add(reader(rng, ++n, ReadingRota.EVENING));
    }
    for (int i = 0; i < (profile.sites() + 1) / 2; i++) {
      readers.add(reader(rng, ++n, ReadingRota.WEEKEND));
    }
    readers.add(reader(rng, ++n, ReadingRota.NIGHT));
    return readers;
  }

  private static Radiologist reader(Rng rng, int n, String shift) {
    List<String> given = rng.chance(0.5) ? Catalog.GIVEN_NAMES_F : Catalog.GIVEN_NAMES_M;
    return new Radiologist(String.format("RAD%03d", n), rng.pick(Catalog.FAMILY_NAMES), rng.pick(given), shift);
  }
}
