package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import org.imaginglake.synth.truth.Csv;

/**
 * A thin layer over PixelMed's {@link ContentItemFactory} that builds an SR content tree with fewer arguments and
 * turns its checked exceptions into unchecked ones (a failure here is a bug, not an input problem).
 */
final class ContentTree {
  static final String CONTAINS = "CONTAINS";
  static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
  static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";
  static final String HAS_PROPERTIES = "HAS PROPERTIES";

  private final ContentItemFactory factory = new ContentItemFactory();

  ContentItem root(CodedSequenceItem concept, String templateId) {
    try {
      return factory.makeContainerContentItem(null, null, concept, true, "DCMR", templateId);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem container(ContentItem parent, String relationship, CodedSequenceItem concept) {
    try {
      return factory.makeContainerContentItem(parent, relationship, concept, true);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem code(ContentItem parent, String relationship, CodedSequenceItem concept, CodedSequenceItem value) {
    try {
      return factory.makeCodeContentItem(parent, relationship, concept, value);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem num(ContentItem parent, CodedSequenceItem concept, double value, CodedSequenceItem unit) {
    try {
      return factory.makeNumericContentItem(parent, CONTAINS, concept, Csv.plain(value), unit);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem uid(ContentItem parent, String relationship, CodedSequenceItem concept, String value) {
    try {
      return factory.makeUIDContentItem(parent, relationship, concept, value);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem text(ContentItem parent, String relationship, CodedSequenceItem concept, String value) {
    try {
      return factory.makeTextContentItem(parent, relationship, concept, value);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem dateTime(ContentItem parent, CodedSequenceItem concept, String value) {
    try {
      return factory.makeDateTimeContentItem(parent, CONTAINS, concept, value);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem personName(ContentItem parent, String relationship, CodedSequenceItem concept, String value) {
    try {
      return factory.makePersonNameContentItem(parent, relationship, concept, value);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem image(ContentItem parent, String sopClassUid, String sopInstanceUid) {
    try {
      return factory.makeImageContentItem(parent, CONTAINS, null, sopClassUid, sopInstanceUid, 0, 0, null, null,
          null, null);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }
}
