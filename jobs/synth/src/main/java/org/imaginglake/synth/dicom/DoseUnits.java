package org.imaginglake.synth.dicom;

/**
 * Unit conversions from the model's units to the image attributes' units: (0018,115E) Image and Fluoroscopy Area
 * Dose Product is in dGy·cm² (1 Gy·m² = 10⁵ dGy·cm²); (0040,0316) Organ Dose in dGy; (0040,8302) Entrance Dose in
 * mGy. Values are rounded to what a DS holds without an exponent.
 */
final class DoseUnits {
  private DoseUnits() {}

  static double dgycm2(double gym2) {
    return round(gym2 * 1e5, 4);
  }

  static double dgy(double mgy) {
    return round(mgy / 100, 5);
  }

  static double mgy(double gy) {
    return round(gy * 1000, 3);
  }

  private static double round(double v, int decimals) {
    return org.imaginglake.synth.model.DoseTotals.round(v, decimals);
  }
}
