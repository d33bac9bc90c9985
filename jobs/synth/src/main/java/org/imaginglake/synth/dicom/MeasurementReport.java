package org.imaginglake.synth.dicom;

import static org.imaginglake.synth.dicom.ContentTree.CONTAINS;
import static org.imaginglake.synth.dicom.ContentTree.HAS_CONCEPT_MOD;
import static org.imaginglake.synth.dicom.ContentTree.HAS_OBS_CONTEXT;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.SOPClass;
import java.nio.file.Path;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.LesionTrack;
import org.imaginglake.synth.model.SeriesAcquisition;
import org.imaginglake.synth.sim.Uids;

/**
 * The TID 1500 Imaging Measurement Report (Comprehensive SR) of a longitudinal patient's follow-up CT: language,
 * person observer (the reading radiologist), procedure, time point, an image library pointing at the first
 * image of the measured series, and one measurement group (TID 1501) with the lesion's Tracking Identifier and
 * Tracking Unique Identifier, finding and finding site, long-axis diameter (mm) and volume (mm3) — the values of
 * the lesion's true trajectory at the exam's start.
 */
final class MeasurementReport {
  static final int SERIES_NUMBER = 900;

  private MeasurementReport() {}

  static long write(long seed, Exam exam, Path file) {
    LesionTrack lesion = exam.lesion();
    ContentTree t = new ContentTree();
    ContentItem root = t.root(SrCodes.IMAGING_MEASUREMENT_REPORT, "1500");
    t.code(root, HAS_CONCEPT_MOD, SrCodes.LANGUAGE, SrCodes.ENGLISH_US);
    t.code(root, HAS_OBS_CONTEXT, SrCodes.OBSERVER_TYPE, SrCodes.PERSON);
    t.personName(root, HAS_OBS_CONTEXT, SrCodes.PERSON_OBSERVER_NAME, exam.reader().dicomName());
    t.code(root, HAS_CONCEPT_MOD, SrCodes.PROCEDURE_REPORTED, SrCodes.COMPUTED_TOMOGRAPHY);
    t.text(root, HAS_OBS_CONTEXT, SrCodes.TIME_POINT, "T" + exam.lesionTimepoint());
    SeriesAcquisition measured = exam.acquisition().series().get(1);
    ContentItem library = t.container(root, CONTAINS, SrCodes.IMAGE_LIBRARY);
    ContentItem group = t.container(library, CONTAINS, SrCodes.IMAGE_LIBRARY_GROUP);
    t.image(group, exam.scanner().modality().sopClassUid(),
        Uids.instance(seed, exam.accession(), measured.number(), 1));
    ContentItem measurements = t.container(root, CONTAINS, SrCodes.IMAGING_MEASUREMENTS);
    ContentItem lesionGroup = t.container(measurements, CONTAINS, SrCodes.MEASUREMENT_GROUP);
    t.text(lesionGroup, HAS_OBS_CONTEXT, SrCodes.TRACKING_IDENTIFIER, lesion.trackingId());
    t.uid(lesionGroup, HAS_OBS_CONTEXT, SrCodes.TRACKING_UNIQUE_IDENTIFIER, lesion.trackingUid());
    t.code(lesionGroup, CONTAINS, SrCodes.FINDING, SrCodes.LESION);
    t.code(lesionGroup, HAS_CONCEPT_MOD, SrCodes.FINDING_SITE,
        SrCodes.code(lesion.findingSiteCode(), "SCT", lesion.findingSiteMeaning()));
    t.num(lesionGroup, SrCodes.LONG_AXIS, lesion.diameterMmAt(exam.times().started()), SrCodes.MILLIMETER);
    t.num(lesionGroup, SrCodes.VOLUME, lesion.volumeMm3At(exam.times().started()), SrCodes.CUBIC_MILLIMETER);
    return SrDocuments.write(seed, exam, SrDocuments.contentOf(root), SOPClass.ComprehensiveSRStorage, SERIES_NUMBER,
        "Measurement Report", exam.times().preliminary(), true, file);
  }
}
