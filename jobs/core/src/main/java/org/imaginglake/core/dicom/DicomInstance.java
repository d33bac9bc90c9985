package org.imaginglake.core.dicom;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of table {@code dicom_instances}: the columns of {@code schemas/dicom_instances.json}, in that order.
 * Identifiers are already pseudonymised and {@code headerJson} already de-identified; nothing here is a raw
 * patient identifier. Units are in the names (mGy, kV, years, bytes).
 */
public record DicomInstance(
    String sopInstanceUid,
    String sopClassUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    String modality,
    LocalDate studyDate,
    String studyTime,
    Instant studyDatetime,
    Instant seriesDatetime,
    Instant acquisitionDatetime,
    Instant contentDatetime,
    String timezoneOffsetFromUtc,
    Integer seriesNumber,
    Integer instanceNumber,
    String stationName,
    String manufacturer,
    String manufacturerModelName,
    String deviceSerialNumber,
    String softwareVersions,
    String institutionName,
    String institutionalDepartmentName,
    String bodyPartExamined,
    String protocolName,
    String studyDescription,
    String seriesDescription,
    String imageType,
    Integer numberOfFrames,
    String transferSyntaxUid,
    String specificCharacterSet,
    String patientSex,
    Double patientAgeYears,
    String patientPseudoId,
    String accessionPseudoId,
    Double ctdiVolMgy,
    Double kvp,
    Double dapGyM2,
    Double entranceDoseMgy,
    Double organDoseMgy,
    Double exposureTimeS,
    String irradiationEventUid,
    String imageLaterality,
    String headerJson,
    long headerBytesRead,
    String sourcePath,
    long sourceSizeBytes,
    Instant sourceModifiedAt,
    String runId,
    Instant ingestedAt) {

  /** Column names in order; a test checks them against {@code schemas/dicom_instances.json}. */
  public static final List<String> COLUMNS = List.of(
      "sop_instance_uid", "sop_class_uid", "study_instance_uid", "series_instance_uid", "modality", "study_date",
      "study_time", "study_datetime", "series_datetime", "acquisition_datetime", "content_datetime",
      "timezone_offset_from_utc", "series_number", "instance_number", "station_name", "manufacturer",
      "manufacturer_model_name", "device_serial_number", "software_versions", "institution_name",
      "institutional_department_name", "body_part_examined", "protocol_name", "study_description",
      "series_description", "image_type", "number_of_frames", "transfer_syntax_uid", "specific_character_set",
      "patient_sex", "patient_age_years", "patient_pseudo_id", "accession_pseudo_id", "ctdi_vol_mgy", "kvp",
      "dap_gy_m2", "entrance_dose_mgy", "organ_dose_mgy", "exposure_time_s", "irradiation_event_uid",
      "image_laterality", "header_json", "header_bytes_read", "source_path", "source_size_bytes", "source_modified_at", "run_id",
      "ingested_at");

  /** The values in {@link #COLUMNS} order, for building engine rows without reflection. */
  public Object[] values() {
    return new Object[] {
      sopInstanceUid, sopClassUid, studyInstanceUid, seriesInstanceUid, modality, studyDate, studyTime,
      studyDatetime, seriesDatetime, acquisitionDatetime, contentDatetime, timezoneOffsetFromUtc, seriesNumber,
      instanceNumber, stationName, manufacturer, manufacturerModelName, deviceSerialNumber, softwareVersions,
      institutionName, institutionalDepartmentName, bodyPartExamined, protocolName, studyDescription,
      seriesDescription, imageType, numberOfFrames, transferSyntaxUid, specificCharacterSet, patientSex,
      patientAgeYears, patientPseudoId, accessionPseudoId, ctdiVolMgy, kvp, dapGyM2,
      entranceDoseMgy, organDoseMgy, exposureTimeS, irradiationEventUid, imageLaterality, headerJson, headerBytesRead, sourcePath,
      sourceSizeBytes, sourceModifiedAt, runId, ingestedAt
    };
  }
}
