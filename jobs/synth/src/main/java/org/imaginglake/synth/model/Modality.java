package org.imaginglake.synth.model;

import com.pixelmed.dicom.SOPClass;

/**
 * The modalities the department runs, with the storage SOP class their images are written as and whether their
 * images carry X-ray dose attributes.
 */
public enum Modality {
  CT(SOPClass.CTImageStorage, true),
  MR(SOPClass.MRImageStorage, false),
  CR(SOPClass.ComputedRadiographyImageStorage, true),
  DX(SOPClass.DigitalXRayImageStorageForPresentation, true),
  US(SOPClass.UltrasoundImageStorage, false),
  MG(SOPClass.DigitalMammographyXRayImageStorageForPresentation, true),
  RF(SOPClass.XRayRadioFlouroscopicImageStorage, true),
  NM(SOPClass.NuclearMedicineImageStorage, false);

  private final String sopClassUid;
  private final boolean xray;

  Modality(String sopClassUid, boolean xray) {
    this.sopClassUid = sopClassUid;
    this.xray = xray;
  }

  public String sopClassUid() {
    return sopClassUid;
  }

  /** True for modalities that irradiate (their headers carry kVp and a dose quantity). */
  public boolean xray() {
    return xray;
  }

  /** True when the study also gets an X-Ray Radiation Dose SR (CT: TID 10011; DX and RF: TID 10001). */
  public boolean hasDoseReport() {
    return this == CT || this == DX || this == RF;
  }
}
