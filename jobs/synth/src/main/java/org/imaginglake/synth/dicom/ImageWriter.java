package org.imaginglake.synth.dicom;

import static org.imaginglake.core.dicom.Tags.byKeyword;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.IrradiationEvent;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.SeriesAcquisition;
import org.imaginglake.synth.sim.Uids;
import org.imaginglake.synth.truth.Csv;

/**
 * Writes the image series of an exam. Per series one template AttributeList carries patient, study, series,
 * equipment and pixel modules; per instance only the instance's own values change (UID, number, acquisition and
 * content times, position, dose of its irradiation event) before the list is written. Times are the scanner's
 * clock (true time plus its offset) in the site's zone, with the Timezone Offset From UTC of that moment.
 * Not thread-safe: use one writer per thread.
 */
final class ImageWriter {
  static final AttributeTag ACQUISITION_DATE_TIME = byKeyword("AcquisitionDateTime");
  static final AttributeTag TIMEZONE_OFFSET = byKeyword("TimezoneOffsetFromUTC");
  static final AttributeTag CTDI_VOL = byKeyword("CTDIvol");
  static final AttributeTag AREA_DOSE_PRODUCT = byKeyword("ImageAndFluoroscopyAreaDoseProduct");
  static final AttributeTag ORGAN_DOSE = byKeyword("OrganDose");
  static final AttributeTag ENTRANCE_DOSE_MGY = byKeyword("EntranceDoseInmGy");
  static final AttributeTag IRRADIATION_EVENT_UID = byKeyword("IrradiationEventUID");
  static final AttributeTag KVP = byKeyword("KVP");
  static final AttributeTag TUBE_CURRENT = byKeyword("XRayTubeCurrent");
  static final AttributeTag EXPOSURE_TIME = byKeyword("ExposureTime");
  static final AttributeTag EXPOSURE_MAS = byKeyword("Exposure");
  static final AttributeTag MAGNETIC_FIELD = byKeyword("MagneticFieldStrength");
  static final AttributeTag REPETITION_TIME = byKeyword("RepetitionTime");
  static final AttributeTag ECHO_TIME = byKeyword("EchoTime");
  static final AttributeTag SCANNING_SEQUENCE = byKeyword("ScanningSequence");
  static final AttributeTag SEQUENCE_VARIANT = byKeyword("SequenceVariant");
  static final AttributeTag SLICE_THICKNESS = byKeyword("SliceThickness");
  static final AttributeTag IMAGE_LATERALITY = byKeyword("ImageLaterality");
  static final AttributeTag VIEW_POSITION = byKeyword("ViewPosition");
  static final AttributeTag NUMBER_OF_FRAMES = byKeyword("NumberOfFrames");
  static final AttributeTag RESCALE_INTERCEPT = byKeyword("RescaleIntercept");
  static final AttributeTag RESCALE_SLOPE = byKeyword("RescaleSlope");
  static final AttributeTag FRAME_OF_REFERENCE_UID = byKeyword("FrameOfReferenceUID");

  private final long seed;
  private final PixelData pixels;

  ImageWriter(long seed, PixelData pixels) {
    this.seed = seed;
    this.pixels = pixels;
  }

  /** Writes one series into {@code dir}; returns the bytes written. */
  long write(Exam exam, SeriesAcquisition series, Path dir) {
    ScannerClock clock = new ScannerClock(exam.scanner(), exam.site().zone());
    AttributeList list = template(exam, series, clock);
    Modality m = exam.scanner().modality();
    boolean sliced = m == Modality.CT || m == Modality.MR;
    long bytes = 0;
    for (int i = 0; i < series.instanceCount(); i++) {
      int number = i + 1;
      Dicom.put(list, TagFromName.SOPInstanceUID, Uids.instance(seed, exam.accession(), series.number(), number));
      Dicom.put(list, TagFromName.InstanceNumber, Integer.toString(number));
      ScannerClock.Reading t = clock.at(series.instanceEpochMillis()[i]);
      Dicom.put(list, TagFromName.AcquisitionDate, t.da());
      Dicom.put(list, TagFromName.AcquisitionTime, t.tm());
      Dicom.put(list, ACQUISITION_DATE_TIME, t.dt());
      Dicom.put(list, TagFromName.ContentDate, t.da());
      Dicom.put(list, TagFromName.ContentTime, t.tm());
      Dicom.put(list, TIMEZONE_OFFSET, t.offsetFromUtc());
      if (sliced) {
        double z = -5.0 * i;
        Dicom.put(list, TagFromName.ImagePositionPatient, "-250\\-250\\" + Csv.plain(z));
        Dicom.put(list, TagFromName.SliceLocation, Csv.plain(z));
      }
      if (series.events().size() > 1) {
        putDose(list, m, series.eventOf(i));
      }
      bytes += Dicom.write(list, dir.resolve(String.format("I%05d.dcm", number)));
    }
    return bytes;
  }

  private AttributeList template(Exam exam, SeriesAcquisition series, ScannerClock clock) {
    AttributeList list = new AttributeList();
    Modality m = exam.scanner().modality();
    Studies.putPatientStudyEquipment(list, seed, exam, clock);
    Dicom.put(list, TagFromName.SOPClassUID, m.sopClassUid());
    Dicom.put(list, TagFromName.Modality, m.name());
    Dicom.put(list, TagFromName.ImageType, m == Modality.CT || m == Modality.MR ? "ORIGINAL\\PRIMARY\\AXIAL"
        : "ORIGINAL\\PRIMARY");
    Dicom.put(list, TagFromName.SeriesInstanceUID, Uids.series(seed, exam.accession(), series.number()));
    Dicom.put(list, TagFromName.SeriesNumber, Integer.toString(series.number()));
    Dicom.put(list, TagFromName.SeriesDescription, series.description());
    ScannerClock.Reading first = clock.at(series.instanceEpochMillis()[0]);
    Dicom.put(list, TagFromName.SeriesDate, first.da());
    Dicom.put(list, TagFromName.SeriesTime, first.tm());
    Dicom.put(list, TagFromName.ProtocolName, exam.protocol().text());
    Dicom.put(list, TagFromName.BodyPartExamined, exam.protocol().bodyPart());
    Dicom.put(list, TagFromName.PatientPosition, m == Modality.MG ? "" : "HFS");
    modalitySpecific(list, exam, series);
    if (!series.events().isEmpty()) {
      putDose(list, m, series.eventOf(0));
    }
    pixels.put(list, m);
    return list;
  }

  private void modalitySpecific(AttributeList list, Exam exam, SeriesAcquisition series) {
    switch (exam.scanner().modality()) {
      case CT -> {
        Dicom.put(list, FRAME_OF_REFERENCE_UID, Uids.of(seed, "frame", exam.accession()));
        Dicom.put(list, SLICE_THICKNESS, series.description().contains("mm")
            ? series.description().replaceAll(".*?([0-9.]+)mm.*", "$1") : "5");
        Dicom.put(list, RESCALE_INTERCEPT, "-1024");
        Dicom.put(list, RESCALE_SLOPE, "1");
      }
      case MR -> {
        Dicom.put(list, FRAME_OF_REFERENCE_UID, Uids.of(seed, "frame", exam.accession()));
        Dicom.put(list, MAGNETIC_FIELD, exam.scanner().model().contains("Vida") ? "3" : "1.5");
        boolean t1 = series.description().startsWith("T1");
        Dicom.put(list, REPETITION_TIME, t1 ? "550" : "4200");
        Dicom.put(list, ECHO_TIME, t1 ? "12" : "95");
        Dicom.put(list, SCANNING_SEQUENCE, "SE");
        Dicom.put(list, SEQUENCE_VARIANT, "SK\\SP");
        Dicom.put(list, SLICE_THICKNESS, "4");
      }
      case MG -> {
        Dicom.put(list, IMAGE_LATERALITY, series.description().substring(0, 1));
        Dicom.put(list, VIEW_POSITION, series.description().substring(2));
      }
      case DX, CR -> Dicom.put(list, VIEW_POSITION, series.description());
      case NM -> Dicom.put(list, NUMBER_OF_FRAMES, "1");
      case US, RF -> { }
    }
  }

  /** Dose attributes of one irradiation event, in the units the image attributes use. */
  private static void putDose(AttributeList list, Modality m, IrradiationEvent e) {
    Dicom.put(list, IRRADIATION_EVENT_UID, e.key());
    Dicom.put(list, KVP, Integer.toString(e.kvp()));
    Dicom.put(list, TUBE_CURRENT, Long.toString(Math.round(e.tubeCurrentMa())));
    Dicom.put(list, EXPOSURE_TIME, Long.toString(Math.round(e.exposureTimeMs())));
    Dicom.put(list, EXPOSURE_MAS, Long.toString(Math.max(1, Math.round(e.tubeCurrentMa() * e.exposureTimeMs() / 1000))));
    switch (m) {
      case CT -> Dicom.put(list, CTDI_VOL, e.ctdiVolMgy());
      case DX, CR, RF -> Dicom.put(list, AREA_DOSE_PRODUCT, DoseUnits.dgycm2(e.dapGym2()));
      case MG -> {
        Dicom.put(list, ORGAN_DOSE, DoseUnits.dgy(e.glandularDoseMgy()));
        Dicom.put(list, ENTRANCE_DOSE_MGY, DoseUnits.mgy(e.doseRpGy()));
      }
      default -> { }
    }
  }
}
