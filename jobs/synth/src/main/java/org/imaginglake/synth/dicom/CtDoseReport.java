package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dose.CTAcquisitionParameters;
import com.pixelmed.dose.CTDose;
import com.pixelmed.dose.CTDoseAcquisition;
import com.pixelmed.dose.CTPhantomType;
import com.pixelmed.dose.CTScanType;
import com.pixelmed.dose.CommonDoseObserverContext;
import com.pixelmed.dose.RecordingDeviceObserverContext;
import com.pixelmed.dose.ScanRange;
import com.pixelmed.dose.ScopeOfDoseAccummulation;
import java.nio.file.Path;
import java.util.List;
import org.imaginglake.synth.model.DoseTotals;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.IrradiationEvent;
import org.imaginglake.synth.model.SeriesAcquisition;
import org.imaginglake.synth.sim.Uids;
import org.imaginglake.synth.truth.Csv;

/**
 * The CT Radiation Dose SR (TID 10011, X-Ray Radiation Dose SR Storage) of a CT study, built with PixelMed's
 * {@link CTDose}: one CT Acquisition (TID 10013) per irradiation event with its UID, target region, acquisition
 * type, scanning length, exposure time, kVp, tube current, CTDIvol, DLP and phantom, and the accumulated DLP
 * (TID 10012) equal to the sum of the events' DLPs.
 */
final class CtDoseReport {
  static final int SERIES_NUMBER = 999;

  private CtDoseReport() {}

  static long write(long seed, Exam exam, Path file) {
    try {
      String studyUid = Uids.study(seed, exam.accession());
      ScannerClock clock = new ScannerClock(exam.scanner(), exam.site().zone());
      List<IrradiationEvent> events = exam.acquisition().events();
      CTDose dose = new CTDose(ScopeOfDoseAccummulation.STUDY, studyUid,
          clock.at(exam.times().started()).dtWithOffset(), clock.at(exam.times().completed()).dtWithOffset(),
          exam.protocol().text());
      for (IrradiationEvent e : events) {
        dose.addAcquisition(acquisition(exam, studyUid, e));
      }
      dose.setDLPTotal(Csv.plain(DoseTotals.of(events).dlpMgyCm()));
      CommonDoseObserverContext observer = new CommonDoseObserverContext();
      observer.setRecordingDeviceObserverContext(new RecordingDeviceObserverContext(
          Uids.of(seed, "device", exam.scanner().id()), exam.scanner().stationName(), exam.scanner().manufacturer(),
          exam.scanner().model(), exam.scanner().serialNumber(), exam.site().institutionName()));
      dose.setObserverContext(observer);
      AttributeList content = dose.getStructuredReport().getAttributeList();
      return SrDocuments.write(seed, exam, content, SOPClass.XRayRadiationDoseSRStorage, SERIES_NUMBER,
          "Dose Report", exam.times().completed(), false, file);
    } catch (DicomException e) {
      throw new IllegalStateException("cannot build the CT dose report of " + exam.accession() + ": " + e, e);
    }
  }

  private static CTDoseAcquisition acquisition(Exam exam, String studyUid, IrradiationEvent e) throws DicomException {
    boolean localizer = e.kind() == IrradiationEvent.Kind.CT_LOCALIZER;
    CTScanType type = localizer ? CTScanType.LOCALIZER : CTScanType.HELICAL;
    String seriesNumber = Integer.toString(seriesOf(exam, e));
    double half = e.scanLengthMm() / 2;
    CTDoseAcquisition a = new CTDoseAcquisition(studyUid, true, seriesNumber, type,
        new ScanRange("S", Csv.plain(half), "I", Csv.plain(half)), Csv.plain(e.ctdiVolMgy()),
        Csv.plain(e.dlpMgyCm()), e.headPhantom() ? CTPhantomType.HEAD16 : CTPhantomType.BODY32);
    a.setAcquisitionParameters(new CTAcquisitionParameters(e.key(), type,
        SrCodes.code(exam.protocol().region().code(), "SCT", exam.protocol().region().meaning()),
        exam.protocol().text(), null, Csv.plain(e.exposureTimeMs() / 1000), Csv.plain(e.scanLengthMm()),
        localizer ? null : "0.625", localizer ? null : "40", localizer ? null : "0.984", Integer.toString(e.kvp()),
        Csv.plain(e.tubeCurrentMa()), Csv.plain(e.tubeCurrentMa()), localizer ? null : "0.5"));
    return a;
  }

  private static int seriesOf(Exam exam, IrradiationEvent e) {
    for (SeriesAcquisition s : exam.acquisition().series()) {
      if (s.events().contains(e)) {
        return s.number();
      }
    }
    throw new IllegalStateException("event without series: " + e.key());
  }
}
