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

  private Tags() {}

  public static AttributeTag byKeyword(String keyword) {
    AttributeTag tag = AttributeList.getDictionary().getTagFromName(keyword);
    if (tag == null) {
      throw new IllegalStateException("PixelMed's dictionary has no keyword " + keyword);
    }
    return tag;
  }
}
