package org.imaginglake.synth.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imaginglake.core.dicom.Tags.byKeyword;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imaginglake.synth.testing.CsvTable;
import org.imaginglake.synth.testing.GeneratedDepartment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every generated file is a valid Part-10 file PixelMed reads, with the ground truth's identifiers and times. */
class DicomFilesTest {
  private static List<Path> files;
  private static Map<String, Map<String, String>> exams;
  private static Map<String, Map<String, String>> scanners;

  @BeforeAll
  static void load() {
    files = GeneratedDepartment.files("dicom", ".dcm");
    Path truth = GeneratedDepartment.dir().resolve("ground_truth");
    exams = CsvTable.read(truth.resolve("exams.csv")).stream()
        .collect(Collectors.toMap(r -> r.get("accession_number"), Function.identity()));
    scanners = CsvTable.read(truth.resolve("scanners.csv")).stream()
        .collect(Collectors.toMap(r -> r.get("station_name"), Function.identity()));
  }

  @Test
  void everyFileIsPart10WithConsistentMetaAndUniqueUids() throws Exception {
    assertThat(files).hasSize((int) GeneratedDepartment.summary().instances());
    Set<String> uids = new HashSet<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        byte[] head = in.readNBytes(132);
        assertThat(new String(head, 128, 4, StandardCharsets.US_ASCII)).as("magic of %s", f).isEqualTo("DICM");
      }
      AttributeList list = read(f);
      assertThat(s(list, TagFromName.MediaStorageSOPClassUID)).isEqualTo(s(list, TagFromName.SOPClassUID));
      assertThat(s(list, TagFromName.MediaStorageSOPInstanceUID)).isEqualTo(s(list, TagFromName.SOPInstanceUID));
      assertThat(s(list, TagFromName.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.1");
      assertThat(s(list, TagFromName.SOPInstanceUID)).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
      assertThat(uids.add(s(list, TagFromName.SOPInstanceUID))).as("unique UID in %s", f).isTrue();
      Map<String, String> exam = exams.get(s(list, TagFromName.AccessionNumber));
      assertThat(exam).as("exam of %s", f).isNotNull();
      assertThat(s(list, TagFromName.PatientID)).isEqualTo(exam.get("patient_id"));
      assertThat(s(list, TagFromName.StudyInstanceUID)).isEqualTo(exam.get("study_instance_uid"));
      for (String keyword : List.of("PatientName", "PatientBirthDate", "PatientSex", "PatientAge", "Manufacturer",
          "ManufacturerModelName", "StationName", "DeviceSerialNumber", "InstitutionName", "StudyDescription",
          "ReferringPhysicianName", "OperatorsName", "StudyDate", "StudyTime", "SeriesDate", "SeriesTime",
          "ContentDate", "ContentTime", "TimezoneOffsetFromUTC")) {
        assertThat(s(list, byKeyword(keyword))).as("%s in %s", keyword, f).isNotEmpty();
      }
    }
  }

  @Test
  void imagesCarryTheirModalitysDoseAndAcquisitionAttributes() throws Exception {
    Set<String> seen = new HashSet<>();
    for (Path f : files) {
      AttributeList list = read(f);
      String modality = s(list, TagFromName.Modality);
      seen.add(modality);
      if (modality.equals("SR")) {
        continue;
      }
      assertThat(s(list, byKeyword("AcquisitionDateTime"))).hasSize(18);
      assertThat(s(list, TagFromName.BodyPartExamined)).isNotEmpty();
      assertThat(s(list, TagFromName.ProtocolName)).isEqualTo(exams.get(s(list, TagFromName.AccessionNumber))
          .get("procedure_text"));
      switch (modality) {
        case "CT" -> {
          assertThat(d(list, "CTDIvol")).isGreaterThan(0);
          assertThat(d(list, "KVP")).isBetween(70.0, 140.0);
        }
        case "DX", "CR", "RF" -> assertThat(d(list, "ImageAndFluoroscopyAreaDoseProduct")).isGreaterThan(0);
        case "MG" -> {
          assertThat(d(list, "OrganDose")).isBetween(0.001, 0.1);
          assertThat(d(list, "EntranceDoseInmGy")).isGreaterThan(0);
          assertThat(s(list, byKeyword("ImageLaterality"))).isIn("L", "R");
        }
        case "MR" -> assertThat(d(list, "MagneticFieldStrength")).isIn(1.5, 3.0);
        default -> { }
      }
    }
    assertThat(seen).contains("CT", "MR", "DX", "US", "MG", "RF", "NM", "SR");
  }

  /** StudyDate/StudyTime with TimezoneOffsetFromUTC is the true start plus the scanner's clock offset. */
  @Test
  void scannerClockOffsetAndDaylightSavingAreInTheWrittenTimes() throws Exception {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS");
    Set<String> offsets = new HashSet<>();
    Set<Long> clockOffsets = new HashSet<>();
    Set<String> studies = new HashSet<>();
    for (Path file : files) {
      AttributeList list = read(file);
      if (!studies.add(s(list, TagFromName.StudyInstanceUID))) {
        continue;
      }
      String offset = s(list, byKeyword("TimezoneOffsetFromUTC"));
      offsets.add(offset);
      Instant written = LocalDateTime.parse(s(list, TagFromName.StudyDate) + s(list, TagFromName.StudyTime), f)
          .toInstant(ZoneOffset.of(offset));
      Map<String, String> exam = exams.get(s(list, TagFromName.AccessionNumber));
      long expected = Long.parseLong(scanners.get(s(list, TagFromName.StationName)).get("clock_offset_seconds"));
      long actual = written.getEpochSecond() - Instant.parse(exam.get("started_utc")).getEpochSecond();
      assertThat(actual).as("clock offset in %s", file).isEqualTo(expected);
      clockOffsets.add(actual);
    }
    assertThat(offsets).as("both sides of the DST change").containsExactlyInAnyOrder("+0100", "+0200");
    assertThat(clockOffsets).as("a scanner whose clock is off").anyMatch(o -> o != 0);
  }

  static AttributeList read(Path f) throws Exception {
    AttributeList list = new AttributeList();
    list.read(f.toString(), TagFromName.PixelData);
    return list;
  }

  static String s(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag);
  }

  static double d(AttributeList list, String keyword) throws IOException {
    return Attribute.getSingleDoubleValueOrDefault(list, byKeyword(keyword), Double.NaN);
  }
}
