package org.imaginglake.core.dose;

import java.util.List;

/**
 * Concept codes of the dose templates of DICOM PS3.16 (TID 10001–10005, 10011–10014, 10021). Checked against the
 * code names that 41 real vendor reports carry (dsrdump with concept name codes). SNOMED concepts appear with the
 * retired SRT designator in older reports and as SCT in newer ones; both are listed where a value matters.
 */
final class DoseCodes {
  private DoseCodes() {}

  static final String DCM = "DCM";

  // Document roots
  static final Code XRAY_DOSE_REPORT = Code.of("113701", DCM);
  static final Code RADIOPHARMACEUTICAL_DOSE_REPORT = Code.of("113500", DCM);

  // Context
  static final Code PROCEDURE_REPORTED = Code.of("121058", DCM);
  static final List<Code> MAMMOGRAPHY = List.of(Code.of("P5-40010", "SRT"), Code.of("71651007", "SCT"));
  static final List<Code> FLUOROSCOPY = List.of(Code.of("P5-06000", "SRT"), Code.of("44491008", "SCT"));
  static final Code STUDY_INSTANCE_UID = Code.of("110180", DCM);
  static final Code IRRADIATION_EVENT_UID = Code.of("113769", DCM);
  static final Code ACQUISITION_PROTOCOL = Code.of("125203", DCM);
  static final Code TARGET_REGION = Code.of("123014", DCM);

  // CT: TID 10011 / 10012 / 10013 / 10014
  static final Code CT_ACCUMULATED = Code.of("113811", DCM);
  static final Code CT_DLP_TOTAL = Code.of("113813", DCM);
  static final Code TOTAL_NUMBER_OF_EVENTS = Code.of("113812", DCM);
  static final Code CT_ACQUISITION = Code.of("113819", DCM);
  static final Code CT_ACQUISITION_TYPE = Code.of("113820", DCM);
  static final Code CT_ACQUISITION_PARAMETERS = Code.of("113822", DCM);
  static final Code CT_SOURCE_PARAMETERS = Code.of("113831", DCM);
  static final Code CT_DOSE = Code.of("113829", DCM);
  static final Code MEAN_CTDIVOL = Code.of("113830", DCM);
  static final Code DLP = Code.of("113838", DCM);
  static final Code CTDIW_PHANTOM_TYPE = Code.of("113835", DCM);
  static final Code SCANNING_LENGTH = Code.of("113825", DCM);
  /** Size Specific Dose Estimation (CP 1525); no sample report carries it, code not verified against a file. */
  static final Code SSDE = Code.of("113930", DCM);

  // Projection X-ray: TID 10001 / 10002 / 10003 / 10005
  static final Code ACCUMULATED_XRAY = Code.of("113702", DCM);
  static final Code IRRADIATION_EVENT_XRAY = Code.of("113706", DCM);
  static final Code ACQUISITION_PLANE = Code.of("113764", DCM);
  static final Code IRRADIATION_EVENT_TYPE = Code.of("113721", DCM);
  static final Code DAP = Code.of("122130", DCM);
  static final Code DOSE_RP = Code.of("113738", DCM);
  static final Code AGD = Code.of("111631", DCM);
  static final Code ACCUMULATED_AGD = Code.of("111637", DCM);
  static final Code DAP_TOTAL = Code.of("113722", DCM);
  static final Code DOSE_RP_TOTAL = Code.of("113725", DCM);
  static final Code FLUORO_DAP_TOTAL = Code.of("113726", DCM);
  static final Code ACQUISITION_DAP_TOTAL = Code.of("113727", DCM);
  static final Code FLUORO_DOSE_RP_TOTAL = Code.of("113728", DCM);
  static final Code ACQUISITION_DOSE_RP_TOTAL = Code.of("113729", DCM);
  static final Code TOTAL_FLUORO_TIME = Code.of("113730", DCM);
  static final Code TOTAL_ACQUISITION_TIME = Code.of("113855", DCM);
  static final Code IRRADIATION_DURATION = Code.of("113742", DCM);

  // Shared acquisition parameters
  static final Code KVP = Code.of("113733", DCM);
  static final Code TUBE_CURRENT = Code.of("113734", DCM);
  static final Code EXPOSURE_TIME = Code.of("113824", DCM);
  /** An older "Exposure Time" code that some projection reports still send. */
  static final Code EXPOSURE_TIME_OLD = Code.of("113735", DCM);

  // Laterality (concept name and values), SRT and SCT
  static final List<Code> LATERALITY = List.of(Code.of("G-C171", "SRT"), Code.of("272741003", "SCT"));
  static final List<Code> ANATOMICAL_STRUCTURE = List.of(Code.of("T-D0005", "SRT"), Code.of("91723000", "SCT"));
  static final List<Code> LEFT = List.of(Code.of("G-A101", "SRT"), Code.of("7771000", "SCT"),
      Code.of("T-04030", "SRT"), Code.of("80248007", "SCT"));
  static final List<Code> RIGHT = List.of(Code.of("G-A100", "SRT"), Code.of("24028007", "SCT"),
      Code.of("T-04020", "SRT"), Code.of("73056007", "SCT"));
  static final List<Code> BOTH = List.of(Code.of("G-A102", "SRT"), Code.of("51440002", "SCT"),
      Code.of("T-04080", "SRT"), Code.of("63762007", "SCT"));

  static boolean anyIs(List<Code> codes, Code c) {
    return c != null && codes.stream().anyMatch(c::is);
  }
}
