package org.imaginglake.core.dose;

/**
 * One irradiation event of a dose report (TID 10013 CT acquisition or TID 10003 projection event), in the lake's units.
 * Null means the report does not state the value (or states it in a unit that could not be used: see
 * {@link DoseReport#problems()}). {@code eventKind} is the CT acquisition type or the projection irradiation event type;
 * kVp and tube current are those of the first X-ray source of a CT event.
 */
public record DoseEvent(
    String studyInstanceUid,
    String irradiationEventUid,
    Code eventKind,
    Code acquisitionPlane,
    String protocol,
    Code targetRegion,
    Double ctdiVolMgy,
    Double dlpMgyCm,
    Code phantomType,
    Double ssdeMgy,
    Double scanningLengthMm,
    Double exposureTimeS,
    Double kvp,
    Double tubeCurrentMa,
    Double dapGyM2,
    Double doseRpGy,
    Double agdMgy,
    String laterality,
    String sourceSopInstanceUid) {}
