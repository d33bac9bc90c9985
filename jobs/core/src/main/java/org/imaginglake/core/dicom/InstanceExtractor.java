package org.imaginglake.core.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import org.imaginglake.core.dicom.DicomReadException.Stage;
import org.imaginglake.core.dicom.json.DicomJsonWriter;
import org.imaginglake.core.privacy.HeaderDeidentifier;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;

/**
 * Turns a read header into a {@link DicomInstance}: typed columns, pseudonyms, then de-identification of the header
 * in place and its DICOM JSON. The order matters: pseudonyms and age are taken from the raw values first, and the
 * JSON is written only after {@link HeaderDeidentifier} has removed what must never be stored.
 *
 * <p>An instance without SOP Instance, Study Instance or Series Instance UID cannot be placed in the lake and is
 * refused with stage {@code validate}. Thread-safe; one per executor task is typical.
 */
public final class InstanceExtractor {
  private static final double DAYS_PER_YEAR = 365.25;
  /** 1 dGy·cm² = 0.1 Gy × 1e-4 m². */
  static final double DGY_CM2_TO_GY_M2 = 1e-5;
  static final double DGY_TO_MGY = 100;

  private final Pseudonymizer pseudonymizer;
  private final HeaderDeidentifier deidentifier;
  private final ZoneId siteZone;

  public InstanceExtractor(Pseudonymizer pseudonymizer, ZoneId siteZone) {
    this.pseudonymizer = pseudonymizer;
    this.deidentifier = new HeaderDeidentifier(pseudonymizer);
    this.siteZone = siteZone;
  }

  public DicomInstance extract(DicomHeader header, SourceFile source, String runId, Instant ingestedAt)
      throws DicomReadException {
    AttributeList a = header.attributes();
    String sopInstanceUid = first(s(a, TagFromName.SOPInstanceUID), s(a, TagFromName.MediaStorageSOPInstanceUID));
    String sopClassUid = first(s(a, TagFromName.SOPClassUID), s(a, TagFromName.MediaStorageSOPClassUID));
    String studyUid = s(a, TagFromName.StudyInstanceUID);
    String seriesUid = s(a, TagFromName.SeriesInstanceUID);
    requirePresent(header, sopInstanceUid, "SOP Instance UID (0008,0018)");
    requirePresent(header, studyUid, "Study Instance UID (0020,000D)");
    requirePresent(header, seriesUid, "Series Instance UID (0020,000E)");

    String tzText = s(a, TagFromName.TimezoneOffsetFromUTC);
    ZoneOffset tzOffset = DicomDateTimes.parseOffset(tzText);
    ZoneId zone = tzOffset != null ? tzOffset : siteZone;

    LocalDate studyDate = DicomDateTimes.parseDate(s(a, TagFromName.StudyDate));
    LocalTime studyTime = DicomDateTimes.parseTime(s(a, TagFromName.StudyTime));
    Instant acquisition = DicomDateTimes.parseDateTime(s(a, TagFromName.AcquisitionDateTime), zone);
    if (acquisition == null) {
      acquisition = dateAndTime(a, TagFromName.AcquisitionDate, TagFromName.AcquisitionTime, zone);
    }

    String patientPseudoId = pseudonymizer.pseudonym(Namespace.PATIENT_ID, s(a, TagFromName.PatientID));
    String accessionPseudoId = pseudonymizer.pseudonym(Namespace.ACCESSION_NUMBER, s(a, TagFromName.AccessionNumber));
    Double ageYears = ageYears(s(a, TagFromName.PatientAge), DicomDateTimes.parseDate(s(a, TagFromName.PatientBirthDate)),
        studyDate);

    try {
      deidentifier.apply(a);
    } catch (IllegalArgumentException e) {
      throw new DicomReadException(Stage.DEIDENTIFY, header.kind(), "cannot be de-identified, so it is not stored: "
          + e.getMessage(), e);
    }
    String json = DicomJsonWriter.toJson(a);

    return new DicomInstance(
        sopInstanceUid,
        sopClassUid,
        studyUid,
        seriesUid,
        s(a, TagFromName.Modality),
        studyDate,
        DicomDateTimes.formatTime(studyTime),
        DicomDateTimes.combine(studyDate, studyTime, zone),
        dateAndTime(a, TagFromName.SeriesDate, TagFromName.SeriesTime, zone),
        acquisition,
        dateAndTime(a, TagFromName.ContentDate, TagFromName.ContentTime, zone),
        tzOffset == null ? null : tzText,
        integer(s(a, TagFromName.SeriesNumber)),
        integer(s(a, TagFromName.InstanceNumber)),
        s(a, TagFromName.StationName),
        s(a, TagFromName.Manufacturer),
        s(a, TagFromName.ManufacturerModelName),
        s(a, TagFromName.DeviceSerialNumber),
        all(a, TagFromName.SoftwareVersions),
        s(a, TagFromName.InstitutionName),
        s(a, TagFromName.InstitutionalDepartmentName),
        s(a, TagFromName.BodyPartExamined),
        s(a, TagFromName.ProtocolName),
        s(a, TagFromName.StudyDescription),
        s(a, TagFromName.SeriesDescription),
        all(a, TagFromName.ImageType),
        integer(s(a, TagFromName.NumberOfFrames)),
        header.transferSyntaxUid(),
        all(a, TagFromName.SpecificCharacterSet),
        s(a, TagFromName.PatientSex),
        ageYears,
        patientPseudoId,
        accessionPseudoId,
        number(findInFunctionalGroups(a, Tags.CTDI_VOL)),
        number(findInFunctionalGroups(a, Tags.KVP)),
        scaled(number(findInFunctionalGroups(a, Tags.AREA_DOSE_PRODUCT)), DGY_CM2_TO_GY_M2),
        entranceDoseMgy(a),
        scaled(number(findInFunctionalGroups(a, Tags.ORGAN_DOSE_DGY)), DGY_TO_MGY),
        exposureTimeS(a),
        s(a, Tags.IRRADIATION_EVENT_UID),
        s(a, Tags.IMAGE_LATERALITY),
        json,
        header.bytesRead(),
        source.path(),
        source.sizeBytes(),
        source.modifiedAt(),
        runId,
        ingestedAt);
  }

  /** Entrance Dose in mGy (0040,8302), else Entrance Dose (0040,0302), which is in dGy. */
  private static Double entranceDoseMgy(AttributeList a) {
    Double mgy = number(findInFunctionalGroups(a, Tags.ENTRANCE_DOSE_MGY));
    return mgy != null ? mgy : scaled(number(findInFunctionalGroups(a, Tags.ENTRANCE_DOSE_DGY)), DGY_TO_MGY);
  }

  /** Exposure Time in ms (0018,9328, FD, enhanced objects) else Exposure Time (0018,1150, IS, ms), in seconds. */
  private static Double exposureTimeS(AttributeList a) {
    Double ms = number(findInFunctionalGroups(a, Tags.EXPOSURE_TIME_IN_MS));
    if (ms == null) {
      ms = number(findInFunctionalGroups(a, Tags.EXPOSURE_TIME_MS));
    }
    return scaled(ms, 1e-3);
  }

  private static Double scaled(Double v, double factor) {
    return v == null ? null : v * factor;
  }

  /**
   * Age at the study in years: from Patient's Age (AS: {@code nnnD|W|M|Y}) when valid, else from birth date and
   * study date. Null when neither is known.
   */
  static Double ageYears(String patientAge, LocalDate birthDate, LocalDate studyDate) {
    if (patientAge != null && patientAge.length() == 4) {
      try {
        int n = Integer.parseInt(patientAge.substring(0, 3));
        switch (Character.toUpperCase(patientAge.charAt(3))) {
          case 'Y': return (double) n;
          case 'M': return n / 12.0;
          case 'W': return n * 7 / DAYS_PER_YEAR;
          case 'D': return n / DAYS_PER_YEAR;
          default: break;
        }
      } catch (NumberFormatException ignored) {
        // fall back to the birth date
      }
    }
    if (birthDate != null && studyDate != null && !birthDate.isAfter(studyDate)) {
      Period p = Period.between(birthDate, studyDate);
      return p.getYears() + p.getMonths() / 12.0 + p.getDays() / DAYS_PER_YEAR;
    }
    return null;
  }

  /**
   * The attribute {@code tag} at the top level, else in the Shared, else the first Per-frame Functional Groups
   * item (one level of macro sequences down), as enhanced multi-frame objects store CTDIvol and kVp.
   */
  static Attribute findInFunctionalGroups(AttributeList a, AttributeTag tag) {
    Attribute top = a.get(tag);
    if (top != null && top.getVM() > 0) {
      return top;
    }
    for (AttributeTag groups : new AttributeTag[] {
        TagFromName.SharedFunctionalGroupsSequence, TagFromName.PerFrameFunctionalGroupsSequence}) {
      AttributeList item = firstItem(a, groups);
      if (item == null) {
        continue;
      }
      for (Attribute macro : item.values()) {
        if (macro instanceof SequenceAttribute seq) {
          AttributeList inner = firstItem(seq);
          Attribute v = inner == null ? null : inner.get(tag);
          if (v != null && v.getVM() > 0) {
            return v;
          }
        }
      }
    }
    return null;
  }

  /** The first value of a numeric attribute as a double, at full precision (FD/FL binary, DS/IS text). */
  static Double number(Attribute attr) {
    if (attr == null || attr.getVM() == 0) {
      return null;
    }
    try {
      double[] v = attr.getDoubleValues();
      if (v != null && v.length > 0 && Double.isFinite(v[0])) {
        return v[0];
      }
    } catch (com.pixelmed.dicom.DicomException | RuntimeException e) {
      // fall back to the text form
    }
    return decimal(Attribute.getSingleStringValueOrNull(attr));
  }

  private static AttributeList firstItem(AttributeList a, AttributeTag tag) {
    Attribute attr = a.get(tag);
    return attr instanceof SequenceAttribute seq ? firstItem(seq) : null;
  }

  private static AttributeList firstItem(SequenceAttribute seq) {
    Iterator<SequenceItem> it = seq.iterator();
    return it.hasNext() ? it.next().getAttributeList() : null;
  }

  private static Instant dateAndTime(AttributeList a, AttributeTag date, AttributeTag time, ZoneId zone) {
    return DicomDateTimes.combine(DicomDateTimes.parseDate(s(a, date)), DicomDateTimes.parseTime(s(a, time)), zone);
  }

  private static void requirePresent(DicomHeader header, String value, String what) throws DicomReadException {
    if (value == null) {
      throw new DicomReadException(Stage.VALIDATE, header.kind(), "no " + what + ": an instance needs it to be "
          + "placed in the lake (the header may be damaged, or this is not a composite instance)", null);
    }
  }

  static String s(AttributeList a, AttributeTag tag) {
    return DicomHeaderReader.value(a, tag);
  }

  private static String all(AttributeList a, AttributeTag tag) {
    Attribute attr = a.get(tag);
    if (attr == null) {
      return null;
    }
    String v = Attribute.getDelimitedStringValuesOrNull(attr);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static Integer integer(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      Double d = decimal(v);
      return d == null || d != Math.rint(d) ? null : d.intValue();
    }
  }

  private static Double decimal(String v) {
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
