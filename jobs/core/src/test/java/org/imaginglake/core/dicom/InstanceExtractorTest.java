package org.imaginglake.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FloatDoubleAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.imaginglake.core.dicom.DicomReadException.Stage;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.imaginglake.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/** Expected values were read from the files with dcmdump (DCMTK 3.6.7). */
class InstanceExtractorTest {
  private static final Pseudonymizer KEY =
      new Pseudonymizer("unit-test-key-0123456789".getBytes(StandardCharsets.UTF_8), "test");
  private final InstanceExtractor extractor = new InstanceExtractor(KEY, ZoneId.of("UTC"));

  @Test
  void ctDoseAttributesFromTheTopLevel() throws Exception {
    // dcmdump IM-0001-0001-0001.dcm: (0018,0060) DS [140], (0018,9345) FD 9.6969696969696972
    DicomInstance i = extract(SharedData.dicom("fo_dicom/IM-0001-0001-0001.dcm"));
    assertThat(i.kvp()).isEqualTo(140.0);
    assertThat(i.ctdiVolMgy()).isEqualTo(9.6969696969696972);
    assertThat(i.bodyPartExamined()).isEqualTo("CSPINE");
  }

  @Test
  void projectionDoseFromImageHeadersInTheLakesUnits() throws Exception {
    // dcmdump DX-Im-GE_XR220-2.dcm: (0018,115e) DS [0.820000] dGy.cm2, (0018,1150) IS [11] ms
    DicomInstance dx = extract(SharedData.dicom("openrem/DX-Im-GE_XR220-2.dcm"));
    assertThat(dx.dapGyM2()).isCloseTo(8.2e-6, within(1e-15));
    assertThat(dx.exposureTimeS()).isCloseTo(0.011, within(1e-12));
    assertThat(dx.entranceDoseMgy()).isNull();
    // DX-Im-Carestream_DRX.dcm: (0018,115e) DS [0.633], (0008,3010) UI [1.3.6.1.4.1.5962.99.1.886610039...5.0]
    DicomInstance drx = extract(SharedData.dicom("openrem/DX-Im-Carestream_DRX.dcm"));
    assertThat(drx.dapGyM2()).isCloseTo(6.33e-6, within(1e-15));
    assertThat(drx.irradiationEventUid()).isEqualTo("1.3.6.1.4.1.5962.99.1.886610039.3649959.1495535261815.5.0");
    // MG-Im-GE_Seno_1_ForPresentation.dcm: (0040,0302) US 0 dGy, (0040,8302) DS [1.694] mGy, (0040,0316) DS
    // [0.00547] dGy, (0018,1150) IS [206] ms: the mGy attribute wins over the dGy one, organ dose 0.547 mGy
    DicomInstance mg = extract(SharedData.dicom("openrem/MG-Im-GE_Seno_1_ForPresentation.dcm"));
    assertThat(mg.entranceDoseMgy()).isCloseTo(1.694, within(1e-12));
    assertThat(mg.organDoseMgy()).isCloseTo(0.547, within(1e-12));
    assertThat(mg.exposureTimeS()).isCloseTo(0.206, within(1e-12));
    assertThat(mg.dapGyM2()).isNull();
    assertThat(mg.imageLaterality()).isEqualTo("L"); // (0020,0062) CS [L]
  }

  @Test
  void enhancedObjectsCarryCtdiVolInTheSharedFunctionalGroups() throws Exception {
    AttributeList exposure = new AttributeList();
    Attribute ctdi = new FloatDoubleAttribute(Tags.CTDI_VOL);
    ctdi.addValue(12.5);
    exposure.put(ctdi);
    SequenceAttribute exposureSeq = new SequenceAttribute(Tags.byKeyword("CTExposureSequence"));
    exposureSeq.addItem(exposure);
    AttributeList shared = new AttributeList();
    shared.put(exposureSeq);
    SequenceAttribute sharedSeq = new SequenceAttribute(TagFromName.SharedFunctionalGroupsSequence);
    sharedSeq.addItem(shared);
    AttributeList top = new AttributeList();
    top.put(sharedSeq);
    assertThat(InstanceExtractor.number(InstanceExtractor.findInFunctionalGroups(top, Tags.CTDI_VOL))).isEqualTo(12.5);
    assertThat(InstanceExtractor.findInFunctionalGroups(top, Tags.KVP)).isNull();
  }

  @Test
  void ageFromPatientAgeElseFromBirthDate() {
    assertThat(InstanceExtractor.ageYears("045Y", null, null)).isEqualTo(45.0);
    assertThat(InstanceExtractor.ageYears("006M", null, null)).isEqualTo(0.5);
    assertThat(InstanceExtractor.ageYears("002W", null, null)).isCloseTo(14 / 365.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(InstanceExtractor.ageYears("XYZ", LocalDate.of(2000, 1, 1), LocalDate.of(2020, 7, 1))).isEqualTo(20.5);
    assertThat(InstanceExtractor.ageYears(null, LocalDate.of(2021, 1, 1), LocalDate.of(2020, 1, 1))).isNull();
    assertThat(InstanceExtractor.ageYears(null, null, LocalDate.of(2020, 1, 1))).isNull();
  }

  @Test
  void ageIsComputedBeforeTheBirthDateIsRemoved() throws Exception {
    // dcmdump CT-RDSR-Siemens_Flash-QA-DS.dcm: PatientAge [100Y], PatientBirthDate [19130611]
    DicomInstance i = extract(SharedData.rdsr("openrem/CT-RDSR-Siemens_Flash-QA-DS.dcm"));
    assertThat(i.patientAgeYears()).isEqualTo(100.0);
    assertThat(i.headerJson()).doesNotContain("19130611");
    assertThat(i.patientPseudoId()).isEqualTo(KEY.pseudonym(Namespace.PATIENT_ID, "qaz9876543"));
  }

  @Test
  void instanceWithoutStudyUidIsRefusedAtValidateStage() {
    assertThatThrownBy(() -> extract(SharedData.dicom("pydicom_debian/test_files/priv_SQ.dcm")))
        .isInstanceOfSatisfying(DicomReadException.class, e -> {
          assertThat(e.stage()).isEqualTo(Stage.VALIDATE);
          assertThat(e.reason()).contains("Study Instance UID (0020,000D)");
        });
  }

  private DicomInstance extract(Path f) throws Exception {
    DicomHeader h;
    try (InputStream in = Files.newInputStream(f)) {
      h = new DicomHeaderReader(64L << 20).read(in);
    }
    return extractor.extract(h, new SourceFile(f.toUri().toString(), Files.size(f), Instant.EPOCH), "run", Instant.EPOCH);
  }
}
