package org.imaginglake.synth.dicom;

import static org.imaginglake.synth.dicom.ContentTree.CONTAINS;
import static org.imaginglake.synth.dicom.ContentTree.HAS_CONCEPT_MOD;
import static org.imaginglake.synth.dicom.ContentTree.HAS_OBS_CONTEXT;
import static org.imaginglake.synth.dicom.ContentTree.HAS_PROPERTIES;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.SOPClass;
import java.nio.file.Path;
import java.util.List;
import org.imaginglake.synth.model.DoseTotals;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.IrradiationEvent;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.sim.Uids;

/**
 * The projection X-ray Radiation Dose SR (TID 10001) of a DX or RF study: device observer context (TID 1002/1004),
 * scope of accumulation = this study, accumulated dose (TID 10002 with, for RF, the fluoroscopy and acquisition
 * totals of TID 10004, for DX those of TID 10007) and one Irradiation Event X-Ray Data container (TID 10003) per
 * event with its UID, start, type, target region, DAP, dose at the reference point, kVp, tube current and
 * exposure time. PixelMed has no builder for this template, so the tree is built item by item.
 */
final class ProjectionDoseReport {
  static final int SERIES_NUMBER = 999;

  private ProjectionDoseReport() {}

  static long write(long seed, Exam exam, Path file) {
    ContentTree t = new ContentTree();
    ScannerClock clock = new ScannerClock(exam.scanner(), exam.site().zone());
    List<IrradiationEvent> events = exam.acquisition().events();
    DoseTotals totals = DoseTotals.of(events);
    ContentItem root = t.root(SrCodes.XRAY_RADIATION_DOSE_REPORT, "10001");
    t.code(root, HAS_CONCEPT_MOD, SrCodes.PROCEDURE_REPORTED, SrCodes.PROJECTION_XRAY);
    t.code(root, HAS_OBS_CONTEXT, SrCodes.OBSERVER_TYPE, SrCodes.DEVICE);
    t.uid(root, HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_UID, Uids.of(seed, "device", exam.scanner().id()));
    t.text(root, HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_NAME, exam.scanner().stationName());
    t.text(root, HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_MANUFACTURER, exam.scanner().manufacturer());
    t.text(root, HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_MODEL_NAME, exam.scanner().model());
    ContentItem scope = t.code(root, CONTAINS, SrCodes.SCOPE_OF_ACCUMULATION, SrCodes.STUDY);
    t.uid(scope, HAS_PROPERTIES, SrCodes.STUDY_INSTANCE_UID, Uids.study(seed, exam.accession()));

    ContentItem accumulated = t.container(root, CONTAINS, SrCodes.ACCUMULATED_XRAY_DOSE_DATA);
    t.code(accumulated, HAS_CONCEPT_MOD, SrCodes.ACQUISITION_PLANE, SrCodes.SINGLE_PLANE);
    t.num(accumulated, SrCodes.DOSE_AREA_PRODUCT_TOTAL, totals.dapGym2(), SrCodes.GY_M2);
    t.num(accumulated, SrCodes.DOSE_RP_TOTAL, totals.doseRpGy(), SrCodes.GY);
    if (exam.scanner().modality() == Modality.RF) {
      double fluoroDoseRp = events.stream().filter(e -> e.kind() == IrradiationEvent.Kind.FLUOROSCOPY)
          .mapToDouble(IrradiationEvent::doseRpGy).sum();
      t.num(accumulated, SrCodes.FLUORO_DAP_TOTAL, totals.fluoroDapGym2(), SrCodes.GY_M2);
      t.num(accumulated, SrCodes.FLUORO_DOSE_RP_TOTAL, DoseTotals.round(fluoroDoseRp, 6), SrCodes.GY);
      t.num(accumulated, SrCodes.TOTAL_FLUORO_TIME, totals.fluoroTimeS(), SrCodes.SECONDS);
    }
    t.num(accumulated, SrCodes.ACQUISITION_DAP_TOTAL, totals.acquisitionDapGym2(), SrCodes.GY_M2);
    double acquisitionDoseRp = events.stream().filter(e -> e.kind() == IrradiationEvent.Kind.PROJECTION)
        .mapToDouble(IrradiationEvent::doseRpGy).sum();
    t.num(accumulated, SrCodes.ACQUISITION_DOSE_RP_TOTAL, DoseTotals.round(acquisitionDoseRp, 6), SrCodes.GY);
    t.num(accumulated, SrCodes.TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES,
        events.stream().filter(e -> e.kind() == IrradiationEvent.Kind.PROJECTION).count(), SrCodes.NO_UNITS);
    t.code(accumulated, CONTAINS, SrCodes.REFERENCE_POINT_DEFINITION, SrCodes.RP_30CM_IN_FRONT);

    for (IrradiationEvent e : events) {
      ContentItem event = t.container(root, CONTAINS, SrCodes.IRRADIATION_EVENT_XRAY_DATA);
      t.code(event, CONTAINS, SrCodes.ACQUISITION_PLANE, SrCodes.SINGLE_PLANE);
      t.uid(event, CONTAINS, SrCodes.IRRADIATION_EVENT_UID, e.key());
      t.dateTime(event, SrCodes.DATETIME_STARTED, clock.at(e.started()).dtWithOffset());
      t.code(event, CONTAINS, SrCodes.IRRADIATION_EVENT_TYPE,
          e.kind() == IrradiationEvent.Kind.FLUOROSCOPY ? SrCodes.FLUOROSCOPY : SrCodes.STATIONARY_ACQUISITION);
      t.code(event, CONTAINS, SrCodes.TARGET_REGION,
          SrCodes.code(exam.protocol().region().code(), "SCT", exam.protocol().region().meaning()));
      t.num(event, SrCodes.DOSE_AREA_PRODUCT, e.dapGym2(), SrCodes.GY_M2);
      t.num(event, SrCodes.DOSE_RP, e.doseRpGy(), SrCodes.GY);
      t.num(event, SrCodes.KVP, e.kvp(), SrCodes.KILOVOLT);
      t.num(event, SrCodes.XRAY_TUBE_CURRENT, e.tubeCurrentMa(), SrCodes.MILLIAMPERE);
      t.num(event, SrCodes.EXPOSURE_TIME, e.exposureTimeMs(), SrCodes.MILLISECONDS);
    }
    return SrDocuments.write(seed, exam, SrDocuments.contentOf(root), SOPClass.XRayRadiationDoseSRStorage,
        SERIES_NUMBER, "Dose Report", exam.times().completed(), false, file);
  }
}
