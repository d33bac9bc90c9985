package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;

/**
 * The coded concepts the generated SRs use, as PS3.16 defines them (code value, coding scheme designator, code
 * meaning): DCM for DICOM's own concepts, SCT for SNOMED CT, UCUM for units.
 */
public final class SrCodes {
  // Projection X-ray dose report, TID 10001 / 10002 / 10003 / 10004 / 10007
  public static final CodedSequenceItem XRAY_RADIATION_DOSE_REPORT = dcm("113701", "X-Ray Radiation Dose Report");
  public static final CodedSequenceItem PROCEDURE_REPORTED = dcm("121058", "Procedure reported");
  public static final CodedSequenceItem PROJECTION_XRAY = dcm("113704", "Projection X-Ray");
  public static final CodedSequenceItem OBSERVER_TYPE = dcm("121005", "Observer Type");
  public static final CodedSequenceItem DEVICE = dcm("121007", "Device");
  public static final CodedSequenceItem DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID");
  public static final CodedSequenceItem DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name");
  public static final CodedSequenceItem DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer");
  public static final CodedSequenceItem DEVICE_OBSERVER_MODEL_NAME = dcm("121015", "Device Observer Model Name");
  public static final CodedSequenceItem SCOPE_OF_ACCUMULATION = dcm("113705", "Scope of Accumulation");
  public static final CodedSequenceItem STUDY = dcm("113014", "Study");
  public static final CodedSequenceItem STUDY_INSTANCE_UID = dcm("110180", "Study Instance UID");
  public static final CodedSequenceItem ACCUMULATED_XRAY_DOSE_DATA = dcm("113702", "Accumulated X-Ray Dose Data");
  public static final CodedSequenceItem ACQUISITION_PLANE = dcm("113764", "Acquisition Plane");
  public static final CodedSequenceItem SINGLE_PLANE = dcm("113622", "Single Plane");
  public static final CodedSequenceItem DOSE_AREA_PRODUCT_TOTAL = dcm("113722", "Dose Area Product Total");
  public static final CodedSequenceItem DOSE_RP_TOTAL = dcm("113725", "Dose (RP) Total");
  public static final CodedSequenceItem FLUORO_DAP_TOTAL = dcm("113726", "Fluoro Dose Area Product Total");
  public static final CodedSequenceItem FLUORO_DOSE_RP_TOTAL = dcm("113728", "Fluoro Dose (RP) Total");
  public static final CodedSequenceItem TOTAL_FLUORO_TIME = dcm("113730", "Total Fluoro Time");
  public static final CodedSequenceItem ACQUISITION_DAP_TOTAL = dcm("113727", "Acquisition Dose Area Product Total");
  public static final CodedSequenceItem ACQUISITION_DOSE_RP_TOTAL = dcm("113729", "Acquisition Dose (RP) Total");
  public static final CodedSequenceItem TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES =
      dcm("113731", "Total Number of Radiographic Frames");
  public static final CodedSequenceItem REFERENCE_POINT_DEFINITION = dcm("113780", "Reference Point Definition");
  public static final CodedSequenceItem RP_30CM_IN_FRONT = dcm("113861", "30cm in Front of Image Input Surface");
  public static final CodedSequenceItem IRRADIATION_EVENT_XRAY_DATA = dcm("113706", "Irradiation Event X-Ray Data");
  public static final CodedSequenceItem IRRADIATION_EVENT_UID = dcm("113769", "Irradiation Event UID");
  public static final CodedSequenceItem DATETIME_STARTED = dcm("111526", "DateTime Started");
  public static final CodedSequenceItem IRRADIATION_EVENT_TYPE = dcm("113721", "Irradiation Event Type");
  public static final CodedSequenceItem STATIONARY_ACQUISITION = dcm("113611", "Stationary Acquisition");
  public static final CodedSequenceItem FLUOROSCOPY = code("44491008", "SCT", "Fluoroscopy");
  public static final CodedSequenceItem TARGET_REGION = dcm("123014", "Target Region");
  public static final CodedSequenceItem DOSE_AREA_PRODUCT = dcm("122130", "Dose Area Product");
  public static final CodedSequenceItem DOSE_RP = dcm("113738", "Dose (RP)");
  public static final CodedSequenceItem KVP = dcm("113733", "KVP");
  public static final CodedSequenceItem XRAY_TUBE_CURRENT = dcm("113734", "X-Ray Tube Current");
  public static final CodedSequenceItem EXPOSURE_TIME = dcm("113824", "Exposure Time");
  // CT dose report, TID 10011 (written by PixelMed's CTDose; read back by these codes)
  public static final CodedSequenceItem CT_ACCUMULATED_DOSE_DATA = dcm("113811", "CT Accumulated Dose Data");
  public static final CodedSequenceItem CT_DLP_TOTAL = dcm("113813", "CT Dose Length Product Total");
  public static final CodedSequenceItem CT_ACQUISITION = dcm("113819", "CT Acquisition");
  public static final CodedSequenceItem CT_DOSE = dcm("113829", "CT Dose");
  public static final CodedSequenceItem MEAN_CTDIVOL = dcm("113830", "Mean CTDIvol");
  public static final CodedSequenceItem DLP = dcm("113838", "DLP");
  // Measurement report, TID 1500 / 1501
  public static final CodedSequenceItem IMAGING_MEASUREMENT_REPORT = dcm("126000", "Imaging Measurement Report");
  public static final CodedSequenceItem LANGUAGE = dcm("121049", "Language of Content Item and Descendants");
  public static final CodedSequenceItem ENGLISH_US = code("en-US", "RFC5646", "English (United States)");
  public static final CodedSequenceItem PERSON = dcm("121006", "Person");
  public static final CodedSequenceItem PERSON_OBSERVER_NAME = dcm("121008", "Person Observer Name");
  public static final CodedSequenceItem IMAGE_LIBRARY = dcm("111028", "Image Library");
  public static final CodedSequenceItem IMAGE_LIBRARY_GROUP = dcm("126200", "Image Library Group");
  public static final CodedSequenceItem IMAGING_MEASUREMENTS = dcm("126010", "Imaging Measurements");
  public static final CodedSequenceItem MEASUREMENT_GROUP = dcm("125007", "Measurement Group");
  public static final CodedSequenceItem TRACKING_IDENTIFIER = dcm("112039", "Tracking Identifier");
  public static final CodedSequenceItem TRACKING_UNIQUE_IDENTIFIER = dcm("112040", "Tracking Unique Identifier");
  public static final CodedSequenceItem FINDING = dcm("121071", "Finding");
  public static final CodedSequenceItem LESION = code("52988006", "SCT", "Lesion");
  public static final CodedSequenceItem FINDING_SITE = code("363698007", "SCT", "Finding Site");
  public static final CodedSequenceItem LONG_AXIS = code("103339001", "SCT", "Long Axis");
  public static final CodedSequenceItem VOLUME = code("118565006", "SCT", "Volume");
  public static final CodedSequenceItem TIME_POINT = dcm("126070", "Subject Time Point Identifier");
  public static final CodedSequenceItem COMPUTED_TOMOGRAPHY = code("77477000", "SCT", "Computed Tomography X-Ray");
  // Units (UCUM)
  public static final CodedSequenceItem GY_M2 = ucum("Gy.m2", "Gy.m2");
  public static final CodedSequenceItem GY = ucum("Gy", "Gy");
  public static final CodedSequenceItem SECONDS = ucum("s", "s");
  public static final CodedSequenceItem MILLISECONDS = ucum("ms", "ms");
  public static final CodedSequenceItem KILOVOLT = ucum("kV", "kV");
  public static final CodedSequenceItem MILLIAMPERE = ucum("mA", "mA");
  public static final CodedSequenceItem NO_UNITS = ucum("1", "no units");
  public static final CodedSequenceItem MILLIMETER = ucum("mm", "mm");
  public static final CodedSequenceItem CUBIC_MILLIMETER = ucum("mm3", "mm3");

  private SrCodes() {}

  public static CodedSequenceItem code(String value, String scheme, String meaning) {
    try {
      return new CodedSequenceItem(value, scheme, meaning);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CodedSequenceItem dcm(String value, String meaning) {
    return code(value, "DCM", meaning);
  }

  private static CodedSequenceItem ucum(String value, String meaning) {
    return code(value, "UCUM", meaning);
  }
}
