package org.imaginglake.synth.testing;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StructuredReport;
import java.util.ArrayList;
import java.util.List;

/** Reads an SR file's content tree back and finds items by concept name (code value + coding scheme). */
public final class SrTree {
  private SrTree() {}

  public static ContentItem root(AttributeList list) {
    try {
      return (ContentItem) new StructuredReport(list).getRoot();
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<ContentItem> children(ContentItem parent, String value, String scheme) {
    List<ContentItem> out = new ArrayList<>();
    for (int i = 0; i < parent.getChildCount(); i++) {
      ContentItem c = (ContentItem) parent.getChildAt(i);
      if (c.contentItemNameMatchesCodeValueAndCodingSchemeDesignator(value, scheme)) {
        out.add(c);
      }
    }
    return out;
  }

  public static ContentItem child(ContentItem parent, String value, String scheme) {
    List<ContentItem> found = children(parent, value, scheme);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + scheme + " " + value + " under " + parent.getConceptNameCodeMeaning()
          + ", found " + found.size());
    }
    return found.get(0);
  }

  public static double number(ContentItem parent, String value, String scheme) {
    ContentItem item = child(parent, value, scheme);
    return Double.parseDouble(((ContentItemFactory.NumericContentItem) item).getNumericValue());
  }

  public static String unit(ContentItem parent, String value, String scheme) {
    ContentItem item = child(parent, value, scheme);
    return ((ContentItemFactory.NumericContentItem) item).getUnits().getCodeValue();
  }
}
