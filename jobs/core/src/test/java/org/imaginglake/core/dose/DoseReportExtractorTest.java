package org.imaginglake.core.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.imaginglake.core.dose.DoseReport.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden-file tests on the 41 OpenREM RDSRs. Every expected value was read from the file with DCMTK, not from this
 * parser: {@code dsrdump -Ec -Er -Ev -Ee -Dv +Pc +Pl <file>} (add {@code -Ei} for CT-RDSR-SpectrumDynamics, whose
 * empty code items stop dsrdump otherwise). Units converted by hand: Gy.m2 = 1e5 dGy.cm2, Gy = 1000 mGy.
 */
class DoseReportExtractorTest {
  static final Path RDSR = Path.of(System.getProperty("imaginglake.shared.data", "../../../shared/data"), "rdsr",
      "openrem");
  static final DoseReportExtractor EXTRACTOR = new DoseReportExtractor();
  static final Offset<Double> EPS = within(1e-9);

  static DoseReport extract(String name) throws Exception {
    AttributeList list = new AttributeList();
    try (InputStream in = new BufferedInputStream(new FileInputStream(RDSR.resolve(name).toFile()))) {
      list.read(new DicomInputStream(in), TagFromName.PixelData);
    }
    return EXTRACTOR.extract(list);
  }

  static void assertClose(Double actual, Double expected, String what) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat(actual).as(what).isNotNull();
      assertThat(actual).as(what).isCloseTo(expected, within(Math.abs(expected) * 1e-9 + 1e-12));
    }
  }

  /**
   * One row per file: kind, events (count of (113819, DCM) or (113706, DCM) containers in the dump), CT DLP total
   * (113813), and for projection the first plane's DAP total (113722), dose RP total (113725), total fluoro time
   * (113730), accumulated AGD (111637) left and right.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", textBlock = """
      CT-ESR-GE_Optima.dcm,                    CT,          6,  415.82,  -,               -,                -,     -,     -
      CT-ESR-GE_VCT.dcm,                       CT,         27, 2002.39,  -,               -,                -,     -,     -
      CT-RDSR-GEPixelMed.dcm,                  CT,          2,  586.34,  -,               -,                -,     -,     -
      CT-RDSR-Philips_BigBore4DCT.dcm,         CT,          1,  541.1,   -,               -,                -,     -,     -
      CT-RDSR-Siemens-Continued-1.dcm,         CT,          2,   60.17,  -,               -,                -,     -,     -
      CT-RDSR-Siemens-Continued-2.dcm,         CT,          2,   56.44,  -,               -,                -,     -,     -
      CT-RDSR-Siemens-Multi-1.dcm,             CT,          1,    7.46,  -,               -,                -,     -,     -
      CT-RDSR-Siemens-Multi-2.dcm,             CT,          2,   77.27,  -,               -,                -,     -,     -
      CT-RDSR-Siemens-Multi-3.dcm,             CT,          3,  236.09,  -,               -,                -,     -,     -
      CT-RDSR-Siemens_Flash-QA-DS.dcm,         CT,          9, 1590,     -,               -,                -,     -,     -
      CT-RDSR-Siemens_Flash-TAP-SS.dcm,        CT,          4,  724.52,  -,               -,                -,     -,     -
      CT-RDSR-SpectrumDynamics.dcm,            CT,          5,  187.339, -,               -,                -,     -,     -
      CT-RDSR-ToshibaPixelMed.dcm,             CT,          3,  349.70,  -,               -,                -,     -,     -
      CT-RDSR-Toshiba_DoseCheck.dcm,           CT,          2,  502.40,  -,               -,                -,     -,     -
      CT-RDSR-Toshiba_MultiValSD.dcm,          CT,          3,  136.90,  -,               -,                -,     -,     -
      NM-CT-RDSR-Siemens.dcm,                  CT,          2,  667.72,  -,               -,                -,     -,     -
      DX-RDSR-Canon_CXDI.dcm,                  PROJECTION,  1,  -,       1.07E-05,        -,                -,     -,     -
      DX-RDSR-Canon_CXDI_noDAP.dcm,            PROJECTION,  2,  -,       -,               -,                -,     -,     -
      DX-RDSR-Carestream_DRXEvolution.dcm,     PROJECTION,  5,  -,       0.00000580999970,0.00029927175492, -,     -,     -
      Dual-RDSR-DX.dcm,                        PROJECTION,  1,  -,       0.0000023900,    0,                0,     -,     -
      Dual-RDSR-RF.dcm,                        PROJECTION,  4,  -,       0.0000021200,    0.00010,          4,     -,     -
      MG-RDSR-GEPristina-2D.dcm,               PROJECTION,  8,  -,       -,               -,                -,     0,     9.68
      MG-RDSR-GEPristina-DBT.dcm,              PROJECTION,  1,  -,       -,               -,                -,     0,     1.09
      MG-RDSR-Giotto-DBT.dcm,                  PROJECTION,  4,  -,       -,               -,                -,     4.842, 4.422
      MG-RDSR-Hologic_2D.dcm,                  PROJECTION,  2,  -,       -,               -,                -,     1.30,  1.28
      MG-RDSR-Hologic_mix.dcm,                 PROJECTION,  7,  -,       -,               -,                -,     0.87,  2.71
      RF-No-kVp-and-others.dcm,                PROJECTION, 20,  -,       2.954178618e-05, 1.313381045e-03,  19.4,  -,     -
      RF-Pat-Orientation-Modifier-Missing.dcm, PROJECTION,316,  -,       0.046881,        7.68897349461299, 2827,  -,     -
      RF-RDSR-Canon-Alphenix-rotational.dcm,   PROJECTION, 49,  -,       0.0003152200,    0.012722,         70,    -,     -
      RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm,  PROJECTION, 18,  -,       0.00126596,      0.030573,         111,   -,     -
      RF-RDSR-Eurocolumbus.dcm,                PROJECTION,  4,  -,       0.000009,        0.000394,         0,     -,     -
      RF-RDSR-GE-OECEliteMiniView.dcm,         PROJECTION, 22,  -,       1.3316568E-6,    2.2034578E-4,     11.18, -,     -
      RF-RDSR-GE.dcm,                          PROJECTION,  8,  -,       0.00024126,      0.01173170,       72.46, -,     -
      RF-RDSR-Philips_Allura.dcm,              PROJECTION,  3,  -,       0.00015356864017,0.00427128035068, 13,    -,     -
      RF-RDSR-Philips_Azurion.dcm,             PROJECTION, 89,  -,       0.00247409,      0.54837,          567.922,-,    -
      RF-RDSR-Siemens-Zee.dcm,                 PROJECTION,  8,  -,       1.6e-005,        0.00252,          28,    -,     -
      RF-RDSR-Siemens-Zee_adjusted.dcm,        PROJECTION,  8,  -,       1.6e-005,        0.00252,          28,    -,     -
      NM-RRDSR-Siemens.dcm,                    RADIOPHARMACEUTICAL, 0, -, -,              -,                -,     -,     -
      NM-RRDSR-Siemens-Extended.dcm,           RADIOPHARMACEUTICAL, 0, -, -,              -,                -,     -,     -
      ESR_non-dose.dcm,                        NOT_DOSE,    0,  -,       -,               -,                -,     -,     -
      RF-ESR-Siemens-Varic.dcm,                NOT_DOSE,    0,  -,       -,               -,                -,     -,     -
      """)
  void everyFileGivesItsKindAndTotals(String file, Kind kind, int events, Double dlpTotal, Double dap, Double doseRp,
      Double fluoroTime, Double agdLeft, Double agdRight) throws Exception {
    DoseReport r = extract(file);
    assertThat(r.kind()).as("kind").isEqualTo(kind);
    assertThat(r.events()).as("events").hasSize(events);
    assertClose(r.ctDlpTotalMgyCm(), dlpTotal, "CT DLP total");
    PlaneAccumulation plane = r.planes().isEmpty() ? null : r.planes().get(0);
    assertClose(plane == null ? null : plane.dapTotalGyM2(), dap, "DAP total");
    assertClose(plane == null ? null : plane.doseRpTotalGy(), doseRp, "dose RP total");
    assertClose(plane == null ? null : plane.totalFluoroTimeS(), fluoroTime, "total fluoro time");
    assertClose(r.agdLeftMgy(), agdLeft, "AGD left");
    assertClose(r.agdRightMgy(), agdRight, "AGD right");
    assertThat(r.events()).as("every event has its UID").allSatisfy(e ->
        assertThat(e.irradiationEventUid()).isNotBlank());
  }

  /**
   * The modality the content describes, whatever the header says (SR for all of these). Expected: OpenREM's own file
   * names (CT-, DX-, MG-, RF-, NM-), which were given by the people who exported them; NM-CT is the CT part of a SPECT-CT,
   * and the "Dual" pair comes from one room used both ways: in the dump, the DX report has only a Stationary
   * Acquisition with 0 s fluoroscopy, the RF report two Fluoroscopy events and 4 s.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", textBlock = """
      CT-ESR-GE_Optima.dcm, CT
      CT-RDSR-Siemens-Multi-2.dcm, CT
      NM-CT-RDSR-Siemens.dcm, CT
      DX-RDSR-Canon_CXDI.dcm, DX
      DX-RDSR-Canon_CXDI_noDAP.dcm, DX
      DX-RDSR-Carestream_DRXEvolution.dcm, DX
      Dual-RDSR-DX.dcm, DX
      Dual-RDSR-RF.dcm, RF
      MG-RDSR-GEPristina-2D.dcm, MG
      MG-RDSR-GEPristina-DBT.dcm, MG
      MG-RDSR-Giotto-DBT.dcm, MG
      MG-RDSR-Hologic_2D.dcm, MG
      MG-RDSR-Hologic_mix.dcm, MG
      RF-No-kVp-and-others.dcm, RF
      RF-Pat-Orientation-Modifier-Missing.dcm, RF
      RF-RDSR-Canon-Alphenix-rotational.dcm, RF
      RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm, RF
      RF-RDSR-Eurocolumbus.dcm, RF
      RF-RDSR-GE-OECEliteMiniView.dcm, RF
      RF-RDSR-GE.dcm, RF
      RF-RDSR-Philips_Allura.dcm, RF
      RF-RDSR-Philips_Azurion.dcm, RF
      RF-RDSR-Siemens-Zee.dcm, RF
      NM-RRDSR-Siemens.dcm, NM
      NM-RRDSR-Siemens-Extended.dcm, NM
      ESR_non-dose.dcm, -
      """)
  void modalityComesFromTheContentNotTheHeader(String file, String modality) throws Exception {
    DoseReport r = extract(file);
    assertThat(r.contentModality()).isEqualTo(modality);
  }

  @Test
  void everyFileInTheFolderIsInTheTable() throws Exception {
    try (Stream<Path> files = Files.list(RDSR)) {
      assertThat(files.filter(p -> p.toString().endsWith(".dcm")).count()).isEqualTo(41);
    }
  }

  @Test
  void siemensCtEventValues() throws Exception {
    // dsrdump: second CT Acquisition of CT-RDSR-Siemens-Multi-2
    DoseEvent e = extract("CT-RDSR-Siemens-Multi-2.dcm").events().get(1);
    assertThat(e.irradiationEventUid()).isEqualTo("1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.5.0");
    assertThat(e.protocol()).isEqualTo("4DCT");
    assertThat(e.eventKind().is(Code.of("P5-08001", "SRT"))).isTrue();
    assertThat(e.targetRegion().is(Code.of("T-D3000", "SRT"))).isTrue();
    assertThat(e.ctdiVolMgy()).isCloseTo(8.13, EPS);
    assertThat(e.dlpMgyCm()).isCloseTo(69.81, EPS);
    assertThat(e.exposureTimeS()).isCloseTo(26.91, EPS);
    assertThat(e.scanningLengthMm()).isCloseTo(92, EPS);
    assertThat(e.kvp()).isCloseTo(120, EPS);
    assertThat(e.tubeCurrentMa()).isCloseTo(22, EPS);
    assertThat(e.phantomType().is(Code.of("113691", "DCM"))).isTrue();
  }

  @Test
  void continuedSiemensReportsShareTheStudyAndNotTheEvents() throws Exception {
    DoseReport a = extract("CT-RDSR-Siemens-Continued-1.dcm");
    DoseReport b = extract("CT-RDSR-Siemens-Continued-2.dcm");
    assertThat(a.studyInstanceUid()).isEqualTo(b.studyInstanceUid())
        .isEqualTo("1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.5.0");
    assertThat(a.events()).extracting(DoseEvent::irradiationEventUid).containsExactly(
        "1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.6.0",
        "1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.7.0");
    assertThat(b.events()).extracting(DoseEvent::irradiationEventUid).containsExactly(
        "1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.11.0",
        "1.3.6.1.4.1.5962.99.1.64928122.996247427.1524778350970.12.0");
  }

  @Test
  void multiPartSiemensReportsRepeatEarlierEvents() throws Exception {
    // Multi-3 contains the events of Multi-1 and Multi-2 again: merging must go by Irradiation Event UID.
    List<String> one = extract("CT-RDSR-Siemens-Multi-1.dcm").events().stream()
        .map(DoseEvent::irradiationEventUid).toList();
    List<String> three = extract("CT-RDSR-Siemens-Multi-3.dcm").events().stream()
        .map(DoseEvent::irradiationEventUid).toList();
    assertThat(three).containsAll(one).hasSize(3);
  }

  @Test
  void geEnhancedSrWithMgycmUnits() throws Exception {
    // dsrdump: fifth CT Acquisition of CT-ESR-GE_VCT, DLP written as "mGycm"
    DoseEvent e = extract("CT-ESR-GE_VCT.dcm").events().get(4);
    assertThat(e.irradiationEventUid()).isEqualTo("1.3.6.1.4.1.5962.99.1.2026073515.1319176460.1479494856107.20.0");
    assertThat(e.ctdiVolMgy()).isCloseTo(32.83, EPS);
    assertThat(e.dlpMgyCm()).isCloseTo(16.41, EPS);
  }

  @Test
  void toshibaMultiValuedNumberDoesNotStopTheReport() throws Exception {
    DoseReport r = extract("CT-RDSR-Toshiba_MultiValSD.dcm");
    DoseEvent last = r.events().get(2);
    assertThat(last.ctdiVolMgy()).isCloseTo(3.20, EPS);
    assertThat(last.dlpMgyCm()).isCloseTo(136.90, EPS);
    assertThat(r.eventsDlpSumMgyCm()).isCloseTo(136.90, within(1e-6));
  }

  @Test
  void canonDapInDgyCm2AndDoseRpInMgy() throws Exception {
    // dsrdump: first event DAP 1.323 dGy.cm2, Dose (RP) 0.384 mGy, Exposure Time 580.000019 ms, KVP 85
    DoseEvent e = extract("RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm").events().get(0);
    assertThat(e.irradiationEventUid()).isEqualTo("1.3.6.1.4.1.5962.99.1.2317982913.1735696156.1578571013313.4.0");
    assertThat(e.dapGyM2()).isCloseTo(1.323e-5, within(1e-15));
    assertThat(e.doseRpGy()).isCloseTo(0.000384, within(1e-15));
    assertThat(e.exposureTimeS()).isCloseTo(0.580000019, within(1e-12));
    assertThat(e.kvp()).isCloseTo(85, EPS);
    assertThat(e.eventKind().is(Code.of("P5-06000", "SRT"))).isTrue();
    assertThat(e.acquisitionPlane().is(Code.of("113622", "DCM"))).isTrue();
  }

  @Test
  void hologicMammographyEvent() throws Exception {
    // dsrdump: first event of MG-RDSR-Hologic_2D: AGD 1.30 mGy, left breast, 28 kV, 100 mA, 854 ms
    DoseEvent e = extract("MG-RDSR-Hologic_2D.dcm").events().get(0);
    assertThat(e.agdMgy()).isCloseTo(1.30, EPS);
    assertThat(e.laterality()).isEqualTo("L");
    assertThat(e.kvp()).isCloseTo(28, EPS);
    assertThat(e.tubeCurrentMa()).isCloseTo(100, EPS);
    assertThat(e.exposureTimeS()).isCloseTo(0.854, EPS);
  }

  @Test
  void geFluoroscopyUnitsWithSchemeUcmAreRead() throws Exception {
    // dsrdump: first event of RF-RDSR-GE: Dose Area Product 0.00002206 (Gy.m2,UCM), Dose (RP) 0.00107252 (Gy,UCM)
    DoseReport r = extract("RF-RDSR-GE.dcm");
    assertThat(r.events()).allSatisfy(e -> assertThat(e.dapGyM2()).isNotNull());
    assertThat(r.events().get(0).dapGyM2()).isCloseTo(0.00002206, within(1e-15));
    assertThat(r.events().get(0).doseRpGy()).isCloseTo(0.00107252, within(1e-15));
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void multiValuedKvpIsNotUsedAndSaysWhy() throws Exception {
    // dsrdump: Eurocolumbus writes one KVP per pulse ("0\85\85\68...") in a NUM item, which has VM 1
    DoseReport r = extract("RF-RDSR-Eurocolumbus.dcm");
    assertThat(r.events().get(0).kvp()).isNull();
    assertThat(r.events().get(0).dapGyM2()).isNotNull();
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("113733").contains("not a single number"));
  }

  @Test
  void reportsWithoutUnusableValues() throws Exception {
    // every other file has units this reader knows and single numbers where dose values belong
    try (Stream<Path> files = Files.list(RDSR)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
        String name = p.getFileName().toString();
        DoseReport r = extract(name);
        if (r.kind() == Kind.CT || r.kind() == Kind.PROJECTION) {
          if (!name.equals("RF-RDSR-Eurocolumbus.dcm")) {
            assertThat(r.problems()).as(name).isEmpty();
          }
        }
      }
    }
  }

  @Test
  void emptyDataSetIsRefusedWithAReason() {
    assertThatThrownBy(() -> EXTRACTOR.extract(new AttributeList()))
        .isInstanceOf(DoseReportException.class)
        .hasMessageContaining("not a structured report")
        .extracting(t -> ((DoseReportException) t).stage()).isEqualTo(DoseReportException.Stage.STRUCTURE);
  }
}
