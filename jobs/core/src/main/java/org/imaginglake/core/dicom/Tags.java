package org.imaginglake.core.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;

/**
 * Tags that Debian's PixelMed build has no {@code TagFromName} constant for (its generated class carries about 800
 * of the dictionary's keywords), looked up by DICOM keyword in PixelMed's dictionary once, at class load. A keyword
 * the dictionary does not know fails here, at start-up, not in the middle of a run.
 */
public final class Tags {
  public static final AttributeTag KVP = byKeyword("KVP");
  public static final AttributeTag CTDI_VOL = byKeyword("CTDIvol");
  public static final AttributeTag AREA_DOSE_PRODUCT = byKeyword("ImageAndFluoroscopyAreaDoseProduct");
  public static final AttributeTag ENTRANCE_DOSE_DGY = byKeyword("EntranceDose");
  public static final AttributeTag ENTRANCE_DOSE_MGY = byKeyword("EntranceDoseInmGy");
  public static final AttributeTag ORGAN_DOSE_DGY = byKeyword("OrganDose");
  public static final AttributeTag EXPOSURE_TIME_MS = byKeyword("ExposureTime");
  public static final AttributeTag EXPOSURE_TIME_IN_MS = byKeyword("ExposureTimeInms");
  public static final AttributeTag IRRADIATION_EVENT_UID = byKeyword("IrradiationEventUID");
  public static final AttributeTag IMAGE_LATERALITY = byKeyword("ImageLaterality");

  private Tags() {}

  public static AttributeTag byKeyword(String keyword) {
    AttributeTag tag = AttributeList.getDictionary().getTagFromName(keyword);
    if (tag == null) {
      throw new IllegalStateException("PixelMed's dictionary has no keyword " + keyword);
    }
    return tag;
  }
}
