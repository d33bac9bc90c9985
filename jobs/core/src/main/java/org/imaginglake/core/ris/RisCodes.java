package org.imaginglake.core.ris;

import java.util.Locale;
import java.util.Map;

/**
 * Normalised priority and patient-class values, so that HL7 codes (tables 0027/0485 and 0004) and CSV exports give
 * the same words. A code not in the tables is kept, upper-cased, so nothing is lost and new codes show up in
 * queries.
 */
final class RisCodes {
  private static final Map<String, String> PRIORITY = Map.ofEntries(
      Map.entry("S", "STAT"), Map.entry("STAT", "STAT"),
      Map.entry("A", "URGENT"), Map.entry("ASAP", "URGENT"), Map.entry("U", "URGENT"), Map.entry("UR", "URGENT"),
      Map.entry("URG", "URGENT"), Map.entry("URGENT", "URGENT"),
      Map.entry("R", "ROUTINE"), Map.entry("RT", "ROUTINE"), Map.entry("ROUTINE", "ROUTINE"),
      Map.entry("P", "PREOP"), Map.entry("PREOP", "PREOP"),
      Map.entry("C", "CALLBACK"), Map.entry("CALLBACK", "CALLBACK"),
      Map.entry("T", "TIMING_CRITICAL"), Map.entry("TIMING CRITICAL", "TIMING_CRITICAL"),
      Map.entry("PRN", "AS_NEEDED"), Map.entry("AS NEEDED", "AS_NEEDED"));

  private static final Map<String, String> PATIENT_CLASS = Map.ofEntries(
      Map.entry("E", "EMERGENCY"), Map.entry("EMERGENCY", "EMERGENCY"),
      Map.entry("I", "INPATIENT"), Map.entry("INPATIENT", "INPATIENT"),
      Map.entry("O", "OUTPATIENT"), Map.entry("OUTPATIENT", "OUTPATIENT"),
      Map.entry("P", "PREADMIT"), Map.entry("PREADMIT", "PREADMIT"),
      Map.entry("R", "RECURRING"), Map.entry("RECURRING", "RECURRING"),
      Map.entry("B", "OBSTETRICS"), Map.entry("OBSTETRICS", "OBSTETRICS"),
      Map.entry("C", "COMMERCIAL"), Map.entry("COMMERCIAL", "COMMERCIAL"),
      Map.entry("N", "NOT_APPLICABLE"), Map.entry("NOT_APPLICABLE", "NOT_APPLICABLE"),
      Map.entry("U", "UNKNOWN"), Map.entry("UNKNOWN", "UNKNOWN"));

  /**
   * DICOM modality codes (PS3.3 C.7.3.1.1.1, current and common retired ones) that OBR-24 may carry; OBR-24 is the
   * diagnostic service section (HL7 table 0074), where "RAD" or "NMR" say a department, not a modality.
   */
  private static final java.util.Set<String> MODALITIES = java.util.Set.of("CR", "CT", "MR", "NM", "US", "OT", "BI",
      "DG", "ES", "LS", "PT", "RG", "TG", "XA", "RF", "RTIMAGE", "RTDOSE", "RTSTRUCT", "RTPLAN", "RTRECORD", "HC",
      "DX", "MG", "IO", "PX", "GM", "SM", "XC", "OP", "IVUS", "OCT", "BMD", "SR", "KO", "PR", "DOC", "ECG", "EPS",
      "HD", "IVOCT", "OAM", "OPM", "OPT", "OPV", "OSS", "PLAN", "POS", "REG", "RESP", "RWV", "SEG", "SMR", "STAIN",
      "TEXTUREMAP", "M3D", "LEN", "KER", "AR", "ASMT", "AU", "BDUS", "CTPROTOCOL", "DMS", "FID", "IOL", "SRF", "VA");

  private RisCodes() {}

  /** {@code code} upper-cased when it is a DICOM modality code, else null (e.g. OBR-24 "RAD"). */
  static String modality(String code) {
    if (code == null) {
      return null;
    }
    String c = code.trim().toUpperCase(Locale.ROOT);
    return MODALITIES.contains(c) ? c : null;
  }

  /** STAT, URGENT, ROUTINE, PREOP, CALLBACK, TIMING_CRITICAL, AS_NEEDED, or the code upper-cased; null if blank. */
  static String priority(String code) {
    return normalise(PRIORITY, code);
  }

  /** EMERGENCY, INPATIENT, OUTPATIENT, PREADMIT, RECURRING, OBSTETRICS, ..., or the code upper-cased. */
  static String patientClass(String code) {
    return normalise(PATIENT_CLASS, code);
  }

  private static String normalise(Map<String, String> table, String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    String key = code.strip().toUpperCase(Locale.ROOT);
    return table.getOrDefault(key, key);
  }
}
