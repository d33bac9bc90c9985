package org.imaginglake.core.privacy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PS3.15 Annex E Basic Profile as a table: for each attribute, what PixelMed's
 * {@code ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes} does to it with the options
 * {@link HeaderDeidentifier} uses, applied by one map look-up per attribute present.
 *
 * <p><b>Why:</b> PixelMed's implementation looks up about 400 attributes by keyword in every list it visits (every
 * sequence item of a header), which cost more than parsing the header (docs/benchmarks.md). Applying the same
 * actions from a table costs one hash look-up per attribute the header holds.
 *
 * <p><b>How the table is made:</b> once per JVM, PixelMed itself is run over a probe list holding every attribute of
 * its dictionary with a value (5,000 attributes), and over an empty list. Each attribute comes out removed (X),
 * emptied (Z), with a dummy value (D, the value PixelMed wrote) or unchanged (K, the default: not in the table);
 * what the empty list gains is what PixelMed adds to every header (Patient Identity Removed, De-identification
 * Method and its codes). So the table is PixelMed's profile by construction, not a transcription of the standard.
 * With these options PixelMed treats every sequence item like the top level, except that it does not enter Content
 * Sequence and adds its marks at the top level only; it leaves private elements, overlays and curves alone; dummies
 * replace empty values too. {@code HeaderDeidentifierCorpusTest} checks that on every header of the shared corpus
 * the table gives the same result as PixelMed.
 *
 * <p>Thread-safe and immutable once built.
 */
final class BasicProfileTable {
  /** What the profile does to one attribute that is present; keeping it is the absence of an action. */
  private enum Kind { REMOVE, EMPTY, DUMMY }

  private record Action(Kind kind, String[] dummy) {}

  /** A code PixelMed adds to De-identification Method Code Sequence. */
  record Code(String value, String scheme, String meaning) {}

  private static final class Holder {
    static final BasicProfileTable PIXELMED = derive();
  }

  private final Map<AttributeTag, Action> actions;
  private final List<Code> addedCodes;

  private BasicProfileTable(Map<AttributeTag, Action> actions, List<Code> addedCodes) {
    this.actions = actions;
    this.addedCodes = addedCodes;
  }

  /** The table of the PixelMed on the class path, built on first use (about a tenth of a second). */
  static BasicProfileTable pixelMed() {
    return Holder.PIXELMED;
  }

  /** PixelMed's call, with the options of the class comment of {@link HeaderDeidentifier}. */
  static void applyWithPixelMed(AttributeList list) throws DicomException {
    ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list, ClinicalTrialsAttributes.HandleUIDs.keep,
        false, true, true, true, true, true, ClinicalTrialsAttributes.HandleDates.keep, null, null,
        ClinicalTrialsAttributes.HandleStructuredContent.keep, false);
  }

  /**
   * Applies the profile to {@code list} and every sequence item in it except inside Content Sequence; then adds
   * Patient Identity Removed = YES and the option codes, as PixelMed does. Changed attributes are new objects (as
   * with PixelMed), so a caller can tell them from the ones it held before.
   */
  void apply(AttributeList list) throws DicomException {
    applyTo(list);
    Attribute removed = new CodeStringAttribute(TagFromName.PatientIdentityRemoved);
    removed.addValue("YES");
    list.put(removed);
    SequenceAttribute codes = new SequenceAttribute(TagFromName.DeidentificationMethodCodeSequence);
    for (Code c : addedCodes) {
      AttributeList item = new AttributeList();
      put(item, new ShortStringAttribute(TagFromName.CodeValue), c.value());
      put(item, new ShortStringAttribute(TagFromName.CodingSchemeDesignator), c.scheme());
      put(item, new LongStringAttribute(TagFromName.CodeMeaning), c.meaning());
      codes.addItem(item);
    }
    list.put(codes);
  }

  /** The codes added to every header (for tests and documentation). */
  List<Code> addedCodes() {
    return addedCodes;
  }

  /** Tags with an action, by action letter: X removed, Z emptied, D dummy value (for tests and documentation). */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Action a : actions.values()) {
      counts.merge(switch (a.kind()) {
        case REMOVE -> "X";
        case EMPTY -> "Z";
        case DUMMY -> "D";
      }, 1, Integer::sum);
    }
    return counts;
  }

  private void applyTo(AttributeList list) throws DicomException {
    for (Attribute a : list.values().toArray(new Attribute[0])) {
      AttributeTag tag = a.getTag();
      Action action = actions.get(tag);
      if (action == null) {
        if (a instanceof SequenceAttribute seq && !tag.equals(TagFromName.ContentSequence)) {
          for (Iterator<SequenceItem> it = seq.iterator(); it.hasNext(); ) {
            applyTo(it.next().getAttributeList());
          }
        }
        continue;
      }
      switch (action.kind()) {
        case REMOVE -> list.remove(tag);
        case EMPTY -> list.put(a instanceof SequenceAttribute ? new SequenceAttribute(tag)
            : AttributeFactory.newAttribute(tag, a.getVR()));
        case DUMMY -> {
          Attribute d = AttributeFactory.newAttribute(tag, a.getVR());
          for (String v : action.dummy()) {
            d.addValue(v);
          }
          list.put(d);
        }
      }
    }
  }

  private static void put(AttributeList list, Attribute a, String value) throws DicomException {
    a.addValue(value);
    list.put(a);
  }

  /** Runs PixelMed over the probe lists; see the class comment. */
  private static BasicProfileTable derive() {
    DicomDictionary dict = DicomDictionary.StandardDictionary;
    try {
      AttributeList probe = new AttributeList();
      for (Iterator<?> it = dict.getTagIterator(); it.hasNext(); ) {
        AttributeTag tag = (AttributeTag) it.next();
        Attribute a = probeAttribute(tag, dict.getValueRepresentationFromTag(tag));
        if (a != null) {
          probe.put(a);
        }
      }
      Map<AttributeTag, String> before = new HashMap<>();
      for (Attribute a : probe.values()) {
        before.put(a.getTag(), describe(a));
      }
      applyWithPixelMed(probe);

      AttributeList empty = new AttributeList();
      applyWithPixelMed(empty);
      List<Code> codes = new ArrayList<>();
      if (empty.get(TagFromName.DeidentificationMethodCodeSequence) instanceof SequenceAttribute added) {
        for (Iterator<SequenceItem> it = added.iterator(); it.hasNext(); ) {
          AttributeList c = it.next().getAttributeList();
          codes.add(new Code(Attribute.getSingleStringValueOrEmptyString(c, TagFromName.CodeValue),
              Attribute.getSingleStringValueOrEmptyString(c, TagFromName.CodingSchemeDesignator),
              Attribute.getSingleStringValueOrEmptyString(c, TagFromName.CodeMeaning)));
        }
      }

      Map<AttributeTag, Action> actions = new HashMap<>();
      for (Map.Entry<AttributeTag, String> e : before.entrySet()) {
        AttributeTag tag = e.getKey();
        if (empty.get(tag) != null) {
          continue; // what PixelMed adds itself (identity removed, method): apply puts those
        }
        Attribute after = probe.get(tag);
        if (after == null) {
          actions.put(tag, new Action(Kind.REMOVE, null));
        } else if (after instanceof SequenceAttribute seq) {
          if (seq.getNumberOfItems() == 0) {
            actions.put(tag, new Action(Kind.EMPTY, null));
          }
        } else if (after.getVM() == 0) {
          actions.put(tag, new Action(Kind.EMPTY, null));
        } else if (!describe(after).equals(e.getValue())) {
          actions.put(tag, new Action(Kind.DUMMY, after.getStringValues()));
        }
      }
      if (actions.size() < 100 || codes.isEmpty()) {
        throw new IllegalStateException("PixelMed's profile acted on only " + actions.size() + " attributes");
      }
      return new BasicProfileTable(Collections.unmodifiableMap(actions), List.copyOf(codes));
    } catch (DicomException | RuntimeException e) {
      throw new IllegalStateException("Cannot derive the de-identification profile from PixelMed ("
          + e.getMessage() + "); the PixelMed on the class path is not the one this class was written for", e);
    }
  }

  /** A value for {@code tag} that PixelMed can tell from a dummy: "PROBE" for text, a valid value otherwise. */
  private static Attribute probeAttribute(AttributeTag tag, byte[] vr) throws DicomException {
    int group = tag.getGroup();
    if (vr == null || group == 0x0002 || group == 0xFFFE || group == 0x7FE0 || tag.getElement() == 0) {
      return null;
    }
    if (ValueRepresentation.isSequenceVR(vr)) {
      SequenceAttribute seq = new SequenceAttribute(tag);
      AttributeList item = new AttributeList();
      put(item, new ShortStringAttribute(TagFromName.CodeValue), "PROBE");
      seq.addItem(item);
      return seq;
    }
    Attribute a = AttributeFactory.newAttribute(tag, vr);
    String value = ValueRepresentation.isDateVR(vr) ? "20200101"
        : ValueRepresentation.isTimeVR(vr) ? "120000"
        : ValueRepresentation.isDateTimeVR(vr) ? "20200101120000"
        : ValueRepresentation.isAgeStringVR(vr) ? "030Y"
        : ValueRepresentation.isUniqueIdentifierVR(vr) ? "1.2.3.4"
        : ValueRepresentation.isDecimalStringVR(vr) || ValueRepresentation.isIntegerStringVR(vr) ? "7"
        : "PROBE";
    try {
      a.addValue(value);
    } catch (DicomException | RuntimeException notText) {
      try {
        a.addValue(7);
      } catch (DicomException | RuntimeException notInteger) {
        return null; // binary, tag-valued and float attributes: none is identifying, and PixelMed leaves them
      }
    }
    return a;
  }

  private static String describe(Attribute a) {
    try {
      String[] v = a.getStringValues();
      return v == null ? "binary:" + a.getVL() : String.join("\\", v);
    } catch (DicomException | RuntimeException e) {
      return "binary:" + a.getVL();
    }
  }
}
