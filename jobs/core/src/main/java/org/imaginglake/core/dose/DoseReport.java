package org.imaginglake.core.dose;

import java.util.List;

/**
 * What one SR document says about dose. {@code kind} says which template was recognised; a radiopharmaceutical report
 * is recognised and carries no X-ray events. {@code problems} lists values that were present but not used, each in
 * words (unknown units, text where a number belongs).
 *
 * @param modality the header's Modality (0008,0060), usually SR
 * @param contentModality the modality the content describes: CT for TID 10011; for TID 10001 MG (procedure reported
 *     is mammography, or glandular dose is stated), else RF (a fluoroscopy event, fluoroscopy time or fluoroscopy
 *     DAP above zero; angiography included, as OpenREM does), else DX; for a radiopharmaceutical report the header's
 *     modality unless it is SR, then NM; null for a document that is no dose report
 * @param ctDlpTotalMgyCm the CT Dose Length Product Total the report states (TID 10012)
 * @param agdLeftMgy accumulated average glandular dose, left breast (TID 10005)
 */
public record DoseReport(
    Kind kind,
    String sopInstanceUid,
    String studyInstanceUid,
    String modality,
    String contentModality,
    List<DoseEvent> events,
    Double ctDlpTotalMgyCm,
    List<PlaneAccumulation> planes,
    Double agdLeftMgy,
    Double agdRightMgy,
    List<String> problems) {

  /** The template a document was recognised as. */
  public enum Kind {
    /** X-Ray Radiation Dose Report with CT acquisitions (TID 10011). */
    CT,
    /** X-Ray Radiation Dose Report with projection irradiation events (TID 10001: DX, CR, RF, XA, MG). */
    PROJECTION,
    /** Radiopharmaceutical Radiation Dose Report (TID 10021): not X-ray dose. */
    RADIOPHARMACEUTICAL,
    /** An SR that is not a dose report (other root concept). */
    NOT_DOSE
  }

  /** Sum of the events' DLP in mGy·cm, or null when no event states one. */
  public Double eventsDlpSumMgyCm() {
    return events.stream().map(DoseEvent::dlpMgyCm).filter(v -> v != null).reduce(Double::sum).orElse(null);
  }
}
