package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDate;
import java.time.Period;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.sim.Uids;

/**
 * The attributes every object of a study shares — patient, general study and general equipment modules — so the
 * images and the SRs of one exam carry identical patient ID, accession number, study UID and study date/time
 * (the scanner's clock at the start of the exam).
 */
final class Studies {
  private Studies() {}

  static void putPatientStudyEquipment(AttributeList list, long seed, Exam exam, ScannerClock clock) {
    ScannerClock.Reading start = clock.at(exam.times().started());
    Dicom.put(list, TagFromName.SpecificCharacterSet, "ISO_IR 100");
    Dicom.put(list, TagFromName.PatientName, exam.patient().dicomName());
    Dicom.put(list, TagFromName.PatientID, exam.patient().id());
    Dicom.put(list, TagFromName.PatientBirthDate, exam.patient().birthDate().toString().replace("-", ""));
    Dicom.put(list, TagFromName.PatientSex, exam.patient().sex());
    Dicom.put(list, TagFromName.PatientAge, age(exam.patient().birthDate(), start.local().toLocalDate()));
    Dicom.put(list, TagFromName.StudyInstanceUID, Uids.study(seed, exam.accession()));
    Dicom.put(list, TagFromName.StudyDate, start.da());
    Dicom.put(list, TagFromName.StudyTime, start.tm());
    Dicom.put(list, TagFromName.StudyID, exam.accession().substring(exam.accession().length() - 5));
    Dicom.put(list, TagFromName.AccessionNumber, exam.accession());
    Dicom.put(list, TagFromName.StudyDescription, exam.protocol().text());
    Dicom.put(list, TagFromName.ReferringPhysicianName, exam.referringPhysician());
    Dicom.put(list, TagFromName.OperatorsName, exam.operator());
    Dicom.put(list, TagFromName.Manufacturer, exam.scanner().manufacturer());
    Dicom.put(list, TagFromName.ManufacturerModelName, exam.scanner().model());
    Dicom.put(list, TagFromName.StationName, exam.scanner().stationName());
    Dicom.put(list, TagFromName.DeviceSerialNumber, exam.scanner().serialNumber());
    Dicom.put(list, TagFromName.SoftwareVersions, exam.scanner().softwareVersion());
    Dicom.put(list, TagFromName.InstitutionName, exam.site().institutionName());
    Dicom.put(list, TagFromName.InstitutionAddress, exam.site().address());
  }

  /** Age string (PS3.5 AS) on a date, e.g. {@code 057Y}. */
  static String age(LocalDate birth, LocalDate on) {
    return String.format("%03dY", Period.between(birth, on).getYears());
  }
}
