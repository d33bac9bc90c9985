package org.imaginglake.synth.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imaginglake.synth.testing.SrTree.child;
import static org.imaginglake.synth.testing.SrTree.number;
import static org.imaginglake.synth.testing.SrTree.unit;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imaginglake.synth.testing.CsvTable;
import org.imaginglake.synth.testing.GeneratedDepartment;
import org.imaginglake.synth.testing.SrTree;
import org.junit.jupiter.api.Test;

/** Every lesion time point of the truth has a TID 1500 report with exactly the true size and tracking UID. */
class MeasurementReportTest {
  @Test
  void measurementReportsHoldTheTrueTrajectory() throws Exception {
    Path dir = GeneratedDepartment.dir();
    List<Map<String, String>> points = CsvTable.read(dir.resolve("ground_truth/lesion_measurements.csv"));
    assertThat(points).hasSizeGreaterThanOrEqualTo(6);
    for (Map<String, String> p : points) {
      List<Path> found = GeneratedDepartment.files("dicom", p.get("accession_number") + "/S900/I00001.dcm");
      assertThat(found).as("report of %s", p.get("accession_number")).hasSize(1);
      AttributeList list = DicomFilesTest.read(found.get(0));
      assertThat(DicomFilesTest.s(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.88.33");
      assertThat(DoseReportsTest.templateId(list)).isEqualTo("1500");
      assertThat(DicomFilesTest.s(list, TagFromName.PatientID)).isEqualTo(p.get("patient_id"));
      ContentItem root = SrTree.root(list);
      assertThat(root.contentItemNameMatchesCodeValueAndCodingSchemeDesignator("126000", "DCM")).isTrue();
      assertThat(child(root, "126070", "DCM").getSingleStringValueOrNull()).isEqualTo("T" + p.get("timepoint"));
      ContentItem group = child(child(root, "126010", "DCM"), "125007", "DCM");
      assertThat(child(group, "112039", "DCM").getSingleStringValueOrNull()).isEqualTo("Lesion 1");
      assertThat(child(group, "112040", "DCM").getSingleStringValueOrNull()).isEqualTo(p.get("tracking_uid"));
      assertThat(number(group, "103339001", "SCT")).isEqualTo(Double.parseDouble(p.get("long_axis_mm")));
      assertThat(unit(group, "103339001", "SCT")).isEqualTo("mm");
      assertThat(number(group, "118565006", "SCT")).isEqualTo(Double.parseDouble(p.get("volume_mm3")));
      assertThat(unit(group, "118565006", "SCT")).isEqualTo("mm3");
    }
  }

  @Test
  void trajectoriesGrowStayOrShrinkAsRecorded() {
    Path dir = GeneratedDepartment.dir();
    List<Map<String, String>> lesions = CsvTable.read(dir.resolve("ground_truth/lesions.csv"));
    List<Map<String, String>> points = CsvTable.read(dir.resolve("ground_truth/lesion_measurements.csv"));
    assertThat(lesions.stream().map(l -> l.get("trajectory")))
        .containsExactlyInAnyOrder("GROWING", "STABLE", "SHRINKING");
    for (Map<String, String> l : lesions) {
      List<Double> sizes = points.stream().filter(p -> p.get("tracking_uid").equals(l.get("tracking_uid")))
          .map(p -> Double.parseDouble(p.get("long_axis_mm"))).toList();
      assertThat(sizes).hasSizeGreaterThanOrEqualTo(2);
      switch (l.get("trajectory")) {
        case "GROWING" -> assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(sizes.get(0));
        case "SHRINKING" -> assertThat(sizes.get(sizes.size() - 1)).isLessThan(sizes.get(0));
        default -> assertThat(sizes).containsOnly(sizes.get(0));
      }
    }
  }
}
