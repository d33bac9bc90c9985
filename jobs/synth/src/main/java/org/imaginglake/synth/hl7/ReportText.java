package org.imaginglake.synth.hl7;

import java.util.List;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.sim.Rng;

/** The short report text of an exam (OBX-5): a fixed impression per exam, with the lesion size for follow-ups. */
final class ReportText {
  private static final List<String> IMPRESSIONS = List.of("No acute abnormality.",
      "No significant change compared with the prior examination.", "Findings as described; clinical correlation "
      + "advised.", "Mild degenerative changes. No fracture.", "Small effusion; otherwise normal.");

  private ReportText() {}

  static String impression(long seed, Exam e, String status) {
    String text = e.protocol().text() + ": " + Rng.of(seed, "report", e.accession()).pick(IMPRESSIONS);
    if (e.lesion() != null) {
      text += " " + e.lesion().trackingId() + " (" + e.lesion().findingSiteMeaning() + ") long axis "
          + e.lesion().diameterMmAt(e.times().started()) + " mm.";
    }
    return "C".equals(status) ? text + " Addendum: laterality corrected." : text;
  }
}
