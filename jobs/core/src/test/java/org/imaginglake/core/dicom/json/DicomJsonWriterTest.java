package org.imaginglake.core.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FloatSingleAttribute;
import com.pixelmed.dicom.LongTextAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UnsignedVeryLongAttribute;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Real files from ../shared/data read with PixelMed, written as DICOM JSON, parsed back with Jackson. */
class DicomJsonWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;
  private static final Path DATA = Path.of(Objects.requireNonNull(System.getProperty("imaginglake.shared.data"),
      "System property imaginglake.shared.data is not set: run the tests through Maven (the parent pom sets it)"));
  private static final Path PYDICOM = DATA.resolve("dicom/pydicom_debian");
  private static final Path RDSR = DATA.resolve("rdsr/openrem");
  private static final String PIXEL_GROUP = key(TagFromName.PixelData).substring(0, 4);
  private static final Pattern HEX_KEY = Pattern.compile("[0-9A-F]{8}");
  private static final Pattern VR = Pattern.compile("[A-Z]{2}");
  /** Not in PixelMed's TagFromName; used for VRs (FL, UV) whose edge cases no real file here has. */
  private static final AttributeTag FRAME_RATE = DICTIONARY.getTagFromName("RecommendedDisplayFrameRateInFloat");
  private static final AttributeTag SELECTOR_UV = DICTIONARY.getTagFromName("SelectorUVValue");

  @Test
  void ctImageHeaderHasValuesTypedByVrAndNoPixelDataOrMetaInformation() throws Exception {
    AttributeList list = read(PYDICOM.resolve("test_files/CT_small.dcm"));
    JsonNode json = toJsonNode(list);

    assertThat(json.at("/00080060/vr").asText()).isEqualTo("CS");
    assertThat(json.at("/00080060/Value/0").asText()).isEqualTo("CT");
    JsonNode spacing = json.at("/00280030/Value");
    double[] expectedSpacing = list.get(TagFromName.PixelSpacing).getDoubleValues();
    assertThat(spacing).as("PixelSpacing has two DS values").hasSize(2);
    assertThat(spacing.get(0).isNumber()).isTrue();
    assertThat(spacing.get(0).doubleValue()).isEqualTo(expectedSpacing[0]);
    assertThat(spacing.get(1).doubleValue()).isEqualTo(expectedSpacing[1]);
    assertThat(json.at("/00180050/Value/0").isNumber()).as("SliceThickness (DS)").isTrue();
    assertThat(json.at("/00280010/Value/0").intValue()).isEqualTo(list.get(TagFromName.Rows).getIntegerValues()[0]);
    assertThat(json.at("/00280120/vr").asText()).isEqualTo("SS");
    assertThat(json.at("/00280120/Value/0").intValue()).as("negative SS PixelPaddingValue")
        .isEqualTo(list.get(TagFromName.PixelPaddingValue).getShortValues()[0]).isNegative();
    assertThat(json.at("/00080008/Value")).extracting(JsonNode::asText).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
    assertThat(json.get("00080050")).as("empty AccessionNumber has a VR and no Value")
        .hasToString("{\"vr\":\"SH\"}");

    assertThat(list.get(TagFromName.PixelData)).as("the read stopped before PixelData").isNull();
    assertThat(list.get(TagFromName.TransferSyntaxUID)).as("PixelMed has the meta information").isNotNull();
    assertThat(fieldNames(json)).noneMatch(k -> k.startsWith("0002") || k.startsWith("7FE0") || k.endsWith("0000"));
  }

  @Test
  void privateElementsAppearWithTheirCreator() throws Exception {
    AttributeList list = read(PYDICOM.resolve("test_files/CT_small.dcm"));
    JsonNode json = toJsonNode(list);

    assertThat(json.at("/00090010/Value/0").asText()).isEqualTo("GEMS_IDEN_01");
    assertThat(json.at("/00091001/Value/0").asText())
        .isEqualTo(list.get(new AttributeTag(0x0009, 0x1001)).getSingleStringValueOrNull());
    int privateElements = 0;
    for (Attribute a : list.values()) {
      AttributeTag tag = a.getTag();
      if (tag.isPrivate() && !tag.isPrivateCreator() && !isBulk(a)) {
        privateElements++;
        assertThat(json.has(key(tag))).as("%s", tag).isTrue();
        assertThat(json.has(DicomJsonWriter.key(tag.getGroup(), tag.getElement() >> 8))).as("creator of %s", tag)
            .isTrue();
      }
    }
    assertThat(privateElements).isGreaterThan(50);
  }

  @Test
  void rdsrContentTreeIsNestedAndNumericValuesMatchPixelMed() throws Exception {
    AttributeList list = read(RDSR.resolve("CT-RDSR-Siemens-Multi-1.dcm"));
    JsonNode json = toJsonNode(list);

    JsonNode content = json.at("/0040A730");
    assertThat(content.get("vr").asText()).isEqualTo("SQ");
    assertThat(content.get("Value").isArray()).isTrue();
    assertThat(content.at("/Value/0/0040A043/Value/0/00080100/Value/0").asText()).isEqualTo("121058");

    List<NumItem> nums = new ArrayList<>();
    collectNums(list, "", nums);
    assertThat(nums).as("NUM items in the SR tree").hasSizeGreaterThan(10);
    for (NumItem num : nums) {
      JsonNode item = json.at(num.pointer());
      assertThat(item.at("/0040A043/Value/0/00080100/Value/0").asText()).as(num.pointer()).isEqualTo(num.code());
      assertThat(item.at("/0040A043/Value/0/00080102/Value/0").asText()).as(num.pointer()).isEqualTo(num.scheme());
      JsonNode value = item.at("/0040A300/Value/0/0040A30A/Value/0");
      assertThat(value.isNumber()).as(num.pointer()).isTrue();
      assertThat(value.doubleValue()).as(num.pointer()).isEqualTo(num.value());
    }
    assertThat(nums).as("a DLP (113838, DCM) among them")
        .anyMatch(n -> n.code().equals("113838") && n.scheme().equals("DCM"));
  }

  @Test
  void decimalsThatAreNoNumbersAreKeptAsStrings() throws Exception {
    AttributeList list = read(RDSR.resolve("CT-RDSR-Toshiba_MultiValSD.dcm"));
    List<NumItem> nums = new ArrayList<>();
    collectNums(list, "", nums);
    JsonNode json = toJsonNode(list);

    List<String> strings = new ArrayList<>();
    for (NumItem num : nums) {
      JsonNode value = json.at(num.pointer() + "/0040A300/Value/0/0040A30A/Value/0");
      if (value.isTextual()) {
        strings.add(value.asText());
      } else {
        assertThat(value.doubleValue()).as(num.pointer()).isEqualTo(num.value());
      }
    }
    assertThat(strings).as("Toshiba writes two standard deviations in one DS").contains("10.50/ 15.00");

    JsonNode badIs = toJsonNode(read(PYDICOM.resolve("test_files/badVR.dcm"))).at("/00280008");
    assertThat(badIs.toString()).as("NumberOfFrames IS '1A'").isEqualTo("{\"vr\":\"IS\",\"Value\":[\"1A\"]}");
  }

  @Test
  void personNamesSplitIntoAlphabeticIdeographicAndPhonetic() throws Exception {
    // Expected names as documented in charset_files/FileInfo.txt (pydicom's test_charset.py)
    JsonNode chinese = toJsonNode(read(PYDICOM.resolve("charset_files/chrX1.dcm"))).at("/00100010");
    assertThat(chinese.get("vr").asText()).isEqualTo("PN");
    assertThat(chinese.at("/Value/0/Alphabetic").asText()).isEqualTo("Wang^XiaoDong");
    assertThat(chinese.at("/Value/0/Ideographic").asText()).isEqualTo("王^小東");
    assertThat(chinese.at("/Value/0").has("Phonetic")).as("empty third group left out").isFalse();

    JsonNode json = toJsonNode(read(PYDICOM.resolve("charset_files/chrH31.dcm")));
    assertThat(json.at("/00100010/Value/0").toString()).isEqualTo(
        "{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}");
    assertThat(json.at("/00080005/Value").toString()).as("empty first SpecificCharacterSet value")
        .isEqualTo("[null,\"ISO 2022 IR 87\"]");
  }

  @Test
  void shortBinaryIsInlineLittleEndianEvenFromABigEndianFile() throws Exception {
    AttributeList list = read(DATA.resolve("dicom/pydicom_data/OBXXXX1A_expb.dcm"));
    JsonNode lut = toJsonNode(list).at("/00281201");
    short[] expected = list.get(TagFromName.RedPaletteColorLookupTableData).getShortValues();

    assertThat(lut.get("vr").asText()).isEqualTo("OW");
    assertThat(lut.has("Value")).isFalse();
    byte[] bytes = Base64.getDecoder().decode(lut.get("InlineBinary").asText());
    short[] actual = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(actual);
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void attributeTagValuesAreEightHexDigits() throws Exception {
    AttributeList list = read(DATA.resolve("dicom/dicomparser/encapsulated/CT0012.not_fragmented_bot_rle.dcm"));
    JsonNode json = toJsonNode(list);
    AttributeList item = SequenceAttribute.getAttributeListFromSelectedItemWithinSequence(
        (SequenceAttribute) list.get(TagFromName.DimensionIndexSequence), 0);
    AttributeTag pointer = ((AttributeTagAttribute) item.get(TagFromName.DimensionIndexPointer))
        .getAttributeTagValues()[0];

    assertThat(json.at("/00209222/Value/0/00209165").toString()).isEqualTo("{\"vr\":\"AT\",\"Value\":[\""
        + String.format("%04X%04X", pointer.getGroup(), pointer.getElement()) + "\"]}");
  }

  @Test
  void editedValuesFollowTheRulesRealFilesDoNotExercise() throws Exception {
    AttributeList list = read(PYDICOM.resolve("test_files/CT_small.dcm"));
    FloatSingleAttribute frameRate = new FloatSingleAttribute(FRAME_RATE);
    frameRate.addValue(Float.NaN);
    list.put(frameRate);
    DecimalStringAttribute windowCenter = new DecimalStringAttribute(TagFromName.WindowCenter);
    for (String v : new String[] {"+1.5", " .5", "", "0040.0", "1e2 ", "0.48828125"}) {
      windowCenter.addValue(v);
    }
    list.put(windowCenter);
    LongTextAttribute comments = new LongTextAttribute(TagFromName.ImageComments);
    comments.addValue("  indented\\not a delimiter  ");
    list.put(comments);
    UnsignedVeryLongAttribute selector = new UnsignedVeryLongAttribute(SELECTOR_UV);
    selector.addValue(-1L);
    list.put(selector);
    OtherWordAttribute overlay = new OtherWordAttribute(TagFromName.OverlayData);
    overlay.setValues(new short[DicomJsonWriter.MAX_INLINE_BINARY_BYTES / 2 + 1]);
    list.put(overlay);

    String json = DicomJsonWriter.toJson(list);
    assertThat(json).contains(entry(FRAME_RATE, "{\"vr\":\"FL\",\"Value\":[null]}"))
        .contains(entry(TagFromName.WindowCenter, "{\"vr\":\"DS\",\"Value\":[1.5,0.5,null,40.0,1e2,0.48828125]}"))
        .contains(entry(TagFromName.ImageComments, "{\"vr\":\"LT\",\"Value\":[\"  indented\\\\not a delimiter\"]}"))
        .contains(entry(SELECTOR_UV, "{\"vr\":\"UV\",\"Value\":[18446744073709551615]}"))
        .as("OW over the inline limit is bulk data, left out").doesNotContain(key(TagFromName.OverlayData));
    assertThat(MAPPER.readTree(json).isObject()).isTrue();
  }

  @Test
  void everyReadableFileGivesOrderedJsonWithoutPixelDataMetaOrGroupLengths() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Stream.concat(Files.walk(DATA.resolve("dicom")), Files.walk(DATA.resolve("rdsr")))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    int written = 0;
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      AttributeList list;
      try {
        list = read(f);
      } catch (IOException | DicomException rejected) {
        continue; // not DICOM, or too broken for PixelMed: no header to write
      }
      if (list.isEmpty()) {
        continue; // PixelMed gives an empty list for some non-DICOM files
      }
      JsonNode json = toJsonNode(list);
      collectProblems(json, f.toString(), problems);
      List<String> expected = new ArrayList<>();
      for (Attribute a : list.values()) {
        AttributeTag t = a.getTag();
        if (!t.isGroupLength() && !t.isFileMetaInformationGroup() && !key(t).startsWith(PIXEL_GROUP) && !isBulk(a)) {
          expected.add(key(t));
        }
      }
      if (!fieldNames(json).equals(expected)) {
        problems.add(f + ": keys " + fieldNames(json) + " where PixelMed's list gives " + expected);
      }
      written++;
    }
    assertThat(problems).isEmpty();
    System.out.printf("DicomJsonWriterTest: %d of %d files written as DICOM JSON%n", written, files.size());
    assertThat(written).isGreaterThanOrEqualTo(300);
  }

  @Test
  void decimalStringsInJsonSyntaxAreRecognised() {
    assertThat(List.of("0", "-0", "12", "-1.5", "0.48828125", "1e2", "1.5E-3", "-7e+09"))
        .allMatch(DicomJsonStrings::isJsonNumber);
    assertThat(List.of("", "-", "+1", ".5", "1.", "007", "1e", "1e+", "NaN", "Infinity", "0x10", "1,5", "1.5d"))
        .noneMatch(DicomJsonStrings::isJsonNumber);
  }

  /** Prints, does not assert: timing on a shared build machine is no pass/fail signal. */
  @Test
  void timePerHeader() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Path f : List.of(PYDICOM.resolve("test_files/MR_small.dcm"), PYDICOM.resolve("test_files/CT_small.dcm"),
        RDSR.resolve("CT-RDSR-Siemens-Multi-1.dcm"))) {
      AttributeList list = read(f);
      int n = 2_000;
      long chars = 0;
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 6; round++) { // the first rounds warm up the JIT; the best is the steady state
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          chars += DicomJsonWriter.toJson(list).length();
        }
        best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e3 / n);
      }
      System.out.printf("DicomJsonWriterTest: %s (%d bytes): %d JSON chars in %.1f µs (thread CPU time)%n",
          f.getFileName(), Files.size(f), chars / (6L * n), best);
    }
  }

  /**
   * Adds a line to problems for each break of the shape, at every depth: keys are eight upper-case hex digits in
   * strictly ascending order, outside groups 0002 and 7FE0 and not group lengths; each attribute has a VR, a non-empty
   * Value array or none, and inline binary of at most the limit. (Plain checks: AssertJ per attribute is too slow for
   * the whole corpus.)
   */
  private static void collectProblems(JsonNode object, String where, List<String> problems) {
    long previous = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode attribute = e.getValue();
      if (!HEX_KEY.matcher(key).matches() || key.startsWith("0002") || key.startsWith(PIXEL_GROUP)
          || key.endsWith("0000") || Long.parseLong(key, 16) <= previous) {
        problems.add(where + ": key " + key + " after " + Long.toHexString(previous));
        continue;
      }
      previous = Long.parseLong(key, 16);
      String vr = attribute.path("vr").asText();
      JsonNode values = attribute.get("Value");
      JsonNode inline = attribute.get("InlineBinary");
      int inlineBytes = inline == null ? 0 : Base64.getDecoder().decode(inline.asText()).length;
      if (!VR.matcher(vr).matches() || values != null && (!values.isArray() || values.isEmpty())
          || inlineBytes > DicomJsonWriter.MAX_INLINE_BINARY_BYTES) {
        problems.add(where + ": " + key + " " + attribute);
      }
      if (vr.equals("SQ") && values != null) {
        values.forEach(item -> collectProblems(item, where + " " + key, problems));
      }
    }
  }

  private record NumItem(String pointer, String code, String scheme, double value) {}

  /** Every NUM content item: its JSON pointer, concept name code and PixelMed's own reading of NumericValue. */
  private static void collectNums(AttributeList list, String pointer, List<NumItem> out) {
    if (!(list.get(TagFromName.ContentSequence) instanceof SequenceAttribute content)) {
      return;
    }
    for (int i = 0; i < content.getNumberOfItems(); i++) {
      AttributeList item = content.getItem(i).getAttributeList();
      String itemPointer = pointer + "/0040A730/Value/" + i;
      if (Attribute.getSingleStringValueOrEmptyString(item, TagFromName.ValueType).equals("NUM")) {
        AttributeList concept = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(item,
            TagFromName.ConceptNameCodeSequence);
        AttributeList measured = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(item,
            TagFromName.MeasuredValueSequence);
        if (concept != null && measured != null) {
          double value = Attribute.getSingleDoubleValueOrDefault(measured, TagFromName.NumericValue, Double.NaN);
          out.add(new NumItem(itemPointer, Attribute.getSingleStringValueOrEmptyString(concept, TagFromName.CodeValue),
              Attribute.getSingleStringValueOrEmptyString(concept, TagFromName.CodingSchemeDesignator), value));
        }
      }
      collectNums(item, itemPointer, out);
    }
  }

  private static boolean isBulk(Attribute a) {
    byte[] vr = a.getVR();
    boolean binary = ValueRepresentation.isOtherByteOrWordVR(vr) || ValueRepresentation.isOtherFloatVR(vr)
        || ValueRepresentation.isOtherDoubleVR(vr) || ValueRepresentation.isOtherLongVR(vr)
        || ValueRepresentation.isOtherVeryLongVR(vr) || ValueRepresentation.isUnknownVR(vr);
    return binary && !(a instanceof SequenceAttribute) && a.getVL() > DicomJsonWriter.MAX_INLINE_BINARY_BYTES;
  }

  private static String key(AttributeTag tag) {
    return DicomJsonWriter.key(tag.getGroup(), tag.getElement());
  }

  private static String entry(AttributeTag tag, String attributeJson) {
    return "\"" + key(tag) + "\":" + attributeJson;
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode toJsonNode(AttributeList list) throws IOException {
    return MAPPER.readTree(DicomJsonWriter.toJson(list));
  }

  private static AttributeList read(Path path) throws IOException, DicomException {
    File f = path.toFile();
    AttributeList list = new AttributeList();
    try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(new FileInputStream(f)))) {
      list.read(in, TagFromName.PixelData);
    }
    return list;
  }
}
