package org.imaginglake.synth.model;

/**
 * One imaging device. {@code clockOffsetSeconds} is how far its clock is off true time: the times it writes into
 * DICOM are true time plus this offset; RIS events and ground truth use true time.
 */
public record Scanner(String id, String siteCode, Modality modality, String manufacturer, String model,
    String stationName, String serialNumber, String softwareVersion, WeeklyHours hours, boolean emergency,
    int clockOffsetSeconds) {
}
