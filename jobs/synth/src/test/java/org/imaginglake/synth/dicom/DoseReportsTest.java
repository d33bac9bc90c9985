package org.imaginglake.synth.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.imaginglake.synth.testing.SrTree.child;
import static org.imaginglake.synth.testing.SrTree.children;
import static org.imaginglake.synth.testing.SrTree.number;
import static org.imaginglake.synth.testing.SrTree.unit;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imaginglake.synth.testing.CsvTable;
import org.imaginglake.synth.testing.GeneratedDepartment;
import org.imaginglake.synth.testing.SrTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dose reports read back by concept code: template structure, and accumulated = sum of events = truth. */
class DoseReportsTest {
  private static Map<String, Map<String, String>> truth;
  private static List<Path> reports;

  @BeforeAll
  static void load() {
    truth = CsvTable.read(GeneratedDepartment.dir().resolve("ground_truth/dose_totals.csv")).stream()
        .collect(Collectors.toMap(r -> r.get("accession_number"), Function.identity()));
    reports = GeneratedDepartment.files("dicom", "S999/I00001.dcm");
  }

  @Test
  void ctDoseReportsFollowTid10011AndAccumulateTheirEvents() throws Exception {
    int checked = 0;
    for (Path f : reports) {
      AttributeList list = DicomFilesTest.read(f);
      if (!DicomFilesTest.s(list, TagFromName.Modality).equals("SR") || !isCt(f)) {
        continue;
      }
      assertThat(DicomFilesTest.s(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.88.67");
      assertThat(templateId(list)).isEqualTo("10011");
      ContentItem root = SrTree.root(list);
      assertThat(root.contentItemNameMatchesCodeValueAndCodingSchemeDesignator("113701", "DCM")).isTrue();
      double total = number(child(root, "113811", "DCM"), "113813", "DCM");
      assertThat(unit(child(root, "113811", "DCM"), "113813", "DCM")).isEqualTo("mGy.cm");
      List<ContentItem> events = children(root, "113819", "DCM");
      double sum = 0;
      for (ContentItem e : events) {
        assertThat(child(e, "113769", "DCM").getSingleStringValueOrNull()).startsWith("2.25.");
        assertThat(children(e, "123014", "DCM")).hasSize(1);
        assertThat(children(e, "113820", "DCM")).hasSize(1);
        ContentItem params = child(e, "113822", "DCM");
        assertThat(number(params, "113825", "DCM")).isGreaterThan(0);
        assertThat(number(params, "113824", "DCM")).isGreaterThan(0);
        assertThat(number(child(params, "113831", "DCM"), "113733", "DCM")).isBetween(70.0, 140.0);
        assertThat(number(child(params, "113831", "DCM"), "113734", "DCM")).isGreaterThan(0);
        ContentItem dose = child(e, "113829", "DCM");
        assertThat(number(dose, "113830", "DCM")).isGreaterThan(0);
        assertThat(children(dose, "113835", "DCM")).hasSize(1);
        sum += number(dose, "113838", "DCM");
      }
      Map<String, String> t = truth.get(DicomFilesTest.s(list, TagFromName.AccessionNumber));
      assertThat(events).hasSize(Integer.parseInt(t.get("irradiation_events")));
      assertThat(total).as("accumulated DLP of %s", f).isCloseTo(sum, within(0.006));
      assertThat(total).isEqualTo(Double.parseDouble(t.get("ct_dlp_total_mgycm")));
      checked++;
    }
    assertThat(checked).isGreaterThan(3);
  }

  @Test
  void projectionDoseReportsFollowTid10001AndAccumulateTheirEvents() throws Exception {
    int checked = 0;
    boolean sawFluoro = false;
    for (Path f : reports) {
      AttributeList list = DicomFilesTest.read(f);
      if (isCt(f)) {
        continue;
      }
      assertThat(templateId(list)).isEqualTo("10001");
      ContentItem root = SrTree.root(list);
      assertThat(child(root, "121058", "DCM").getConceptValue()).contains("Projection X-Ray");
      assertThat(child(child(root, "113705", "DCM"), "110180", "DCM").getSingleStringValueOrNull())
          .isEqualTo(DicomFilesTest.s(list, TagFromName.StudyInstanceUID));
      ContentItem accumulated = child(root, "113702", "DCM");
      double dapTotal = number(accumulated, "113722", "DCM");
      assertThat(unit(accumulated, "113722", "DCM")).isEqualTo("Gy.m2");
      List<ContentItem> events = children(root, "113706", "DCM");
      double dapSum = 0;
      double doseRpSum = 0;
      double fluoroSeconds = 0;
      for (ContentItem e : events) {
        assertThat(child(e, "113769", "DCM").getSingleStringValueOrNull()).startsWith("2.25.");
        assertThat(child(e, "111526", "DCM").getSingleStringValueOrNull()).hasSize(23);
        dapSum += number(e, "122130", "DCM");
        doseRpSum += number(e, "113738", "DCM");
        assertThat(number(e, "113733", "DCM")).isBetween(50.0, 150.0);
        assertThat(unit(e, "113824", "DCM")).isEqualTo("ms");
        ContentItem type = child(e, "113721", "DCM");
        if (type.getConceptValue().contains("Fluoroscopy")) {
          fluoroSeconds += number(e, "113824", "DCM") / 1000;
        }
      }
      Map<String, String> t = truth.get(DicomFilesTest.s(list, TagFromName.AccessionNumber));
      assertThat(dapTotal).isCloseTo(dapSum, within(1e-7)).isEqualTo(Double.parseDouble(t.get("dap_total_gym2")));
      assertThat(number(accumulated, "113725", "DCM")).isCloseTo(doseRpSum, within(1e-5));
      if (!children(accumulated, "113730", "DCM").isEmpty()) {
        sawFluoro = true;
        assertThat(number(accumulated, "113730", "DCM")).isCloseTo(fluoroSeconds, within(0.1))
            .isEqualTo(Double.parseDouble(t.get("fluoro_time_total_s")));
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(3);
    assertThat(sawFluoro).as("an RF report with fluoroscopy totals").isTrue();
  }

  private static boolean isCt(Path f) throws Exception {
    Path image = f.getParent().getParent().resolve("S001/I00001.dcm");
    return DicomFilesTest.s(DicomFilesTest.read(image), TagFromName.Modality).equals("CT");
  }

  static String templateId(AttributeList list) {
    SequenceAttribute seq = (SequenceAttribute) list.get(TagFromName.ContentTemplateSequence);
    return DicomFilesTest.s(seq.getItem(0).getAttributeList(), TagFromName.TemplateIdentifier);
  }
}
