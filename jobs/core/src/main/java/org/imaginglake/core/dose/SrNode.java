package org.imaginglake.core.dose;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.imaginglake.core.dicom.Tags;

/**
 * One SR content item read straight from the data set (not through PixelMed's content item classes, which give up on
 * items that vendors encode loosely): value type, concept name, the value fields the dose templates use, children.
 * Values are kept as written; numbers are parsed by the caller, so an invalid number in an item nobody asks for (a
 * Toshiba "10.50/ 15.00") costs nothing. Cost: one pass over the Content Sequence tree, sharing PixelMed's values.
 */
final class SrNode {
  static final AttributeTag VALUE_TYPE = Tags.byKeyword("ValueType");
  static final AttributeTag CONCEPT_NAME = Tags.byKeyword("ConceptNameCodeSequence");
  static final AttributeTag CONTENT_SEQUENCE = Tags.byKeyword("ContentSequence");
  static final AttributeTag MEASURED_VALUE = Tags.byKeyword("MeasuredValueSequence");
  static final AttributeTag NUMERIC_VALUE = Tags.byKeyword("NumericValue");
  static final AttributeTag UNITS = Tags.byKeyword("MeasurementUnitsCodeSequence");
  static final AttributeTag CONCEPT_CODE = Tags.byKeyword("ConceptCodeSequence");
  static final AttributeTag UID = Tags.byKeyword("UID");
  static final AttributeTag TEXT_VALUE = Tags.byKeyword("TextValue");
  static final AttributeTag CODE_VALUE = Tags.byKeyword("CodeValue");
  static final AttributeTag LONG_CODE_VALUE = Tags.byKeyword("LongCodeValue");
  static final AttributeTag CODING_SCHEME = Tags.byKeyword("CodingSchemeDesignator");
  static final AttributeTag CODE_MEANING = Tags.byKeyword("CodeMeaning");

  final String valueType;
  final Code concept;
  final AttributeList item;
  final List<SrNode> children;

  private SrNode(String valueType, Code concept, AttributeList item, List<SrNode> children) {
    this.valueType = valueType;
    this.concept = concept;
    this.item = item;
    this.children = children;
  }

  /** The document root: the data set itself is the root content item. */
  static SrNode root(AttributeList dataSet) {
    return of(dataSet);
  }

  private static SrNode of(AttributeList item) {
    List<SrNode> children = new ArrayList<>();
    for (AttributeList child : items(item, CONTENT_SEQUENCE)) {
      children.add(of(child));
    }
    return new SrNode(string(item, VALUE_TYPE), firstCode(item, CONCEPT_NAME), item, List.copyOf(children));
  }

  boolean is(Code c) {
    return c.is(concept);
  }

  /** The direct children with concept {@code c}. */
  List<SrNode> all(Code c) {
    return children.stream().filter(n -> n.is(c)).toList();
  }

  Optional<SrNode> first(Code c) {
    return children.stream().filter(n -> n.is(c)).findFirst();
  }

  Optional<SrNode> first(Predicate<SrNode> p) {
    return children.stream().filter(p).findFirst();
  }

  /** The first item with concept {@code c} anywhere below this one, depth first. */
  Optional<SrNode> find(Code c) {
    for (SrNode n : children) {
      if (n.is(c)) {
        return Optional.of(n);
      }
      Optional<SrNode> below = n.find(c);
      if (below.isPresent()) {
        return below;
      }
    }
    return Optional.empty();
  }

  String text() {
    return string(item, TEXT_VALUE);
  }

  String uid() {
    return string(item, UID);
  }

  Code codeValue() {
    return firstCode(item, CONCEPT_CODE);
  }

  /** The numeric value as written (may be multi-valued or invalid), or null. */
  String numericText() {
    List<AttributeList> mv = items(item, MEASURED_VALUE);
    if (mv.isEmpty()) {
      return null;
    }
    Attribute a = mv.get(0).get(NUMERIC_VALUE);
    if (a == null) {
      return null;
    }
    String raw = a.getDelimitedStringValuesOrEmptyString();
    return raw == null || raw.isBlank() ? null : raw.strip();
  }

  Code units() {
    List<AttributeList> mv = items(item, MEASURED_VALUE);
    return mv.isEmpty() ? null : firstCode(mv.get(0), UNITS);
  }

  static String string(AttributeList list, AttributeTag tag) {
    String v = Attribute.getSingleStringValueOrNull(list.get(tag));
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  static List<AttributeList> items(AttributeList list, AttributeTag tag) {
    Attribute a = list.get(tag);
    if (!(a instanceof SequenceAttribute seq)) {
      return List.of();
    }
    List<AttributeList> out = new ArrayList<>(seq.getNumberOfItems());
    for (int i = 0; i < seq.getNumberOfItems(); i++) {
      SequenceItem it = seq.getItem(i);
      if (it != null && it.getAttributeList() != null) {
        out.add(it.getAttributeList());
      }
    }
    return out;
  }

  /** The first item of a code sequence that has a code value and scheme (some vendors send empty extra items). */
  static Code firstCode(AttributeList list, AttributeTag sequence) {
    for (AttributeList c : items(list, sequence)) {
      String value = string(c, CODE_VALUE);
      if (value == null) {
        value = string(c, LONG_CODE_VALUE);
      }
      String scheme = string(c, CODING_SCHEME);
      if (value != null && scheme != null) {
        int bracket = scheme.indexOf('[');
        return new Code(value, bracket > 0 ? scheme.substring(0, bracket) : scheme, string(c, CODE_MEANING));
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return valueType + " " + concept;
  }
}
