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

  /** One factory call, which PixelMed declares as throwing. */
  private interface Make {
    ContentItem make() throws DicomException;
  }

  private static ContentItem make(Make call) {
    try {
      return call.make();
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  ContentItem root(CodedSequenceItem concept, String templateId) {
    return make(() -> factory.makeContainerContentItem(null, null, concept, true, "DCMR", templateId));
  }

  ContentItem container(ContentItem parent, String relationship, CodedSequenceItem concept) {
    return make(() -> factory.makeContainerContentItem(parent, relationship, concept, true));
  }

  ContentItem code(ContentItem parent, String relationship, CodedSequenceItem concept, CodedSequenceItem value) {
    return make(() -> factory.makeCodeContentItem(parent, relationship, concept, value));
  }

  ContentItem num(ContentItem parent, CodedSequenceItem concept, double value, CodedSequenceItem unit) {
    return make(() -> factory.makeNumericContentItem(parent, CONTAINS, concept, Csv.plain(value), unit));
  }

  ContentItem uid(ContentItem parent, String relationship, CodedSequenceItem concept, String value) {
    return make(() -> factory.makeUIDContentItem(parent, relationship, concept, value));
  }

  ContentItem text(ContentItem parent, String relationship, CodedSequenceItem concept, String value) {
    return make(() -> factory.makeTextContentItem(parent, relationship, concept, value));
  }

  ContentItem dateTime(ContentItem parent, CodedSequenceItem concept, String value) {
    return make(() -> factory.makeDateTimeContentItem(parent, CONTAINS, concept, value));
  }

  ContentItem personName(ContentItem parent, String relationship, CodedSequenceItem concept, String value) {
    return make(() -> factory.makePersonNameContentItem(parent, relationship, concept, value));
  }

  ContentItem image(ContentItem parent, String sopClassUid, String sopInstanceUid) {
    return make(() -> factory.makeImageContentItem(parent, CONTAINS, null, sopClassUid, sopInstanceUid, 0, 0, null, null,
          null, null));
  }
}
