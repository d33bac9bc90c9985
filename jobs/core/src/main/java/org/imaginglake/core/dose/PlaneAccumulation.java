package org.imaginglake.core.dose;

/** TID 10002 accumulated projection X-ray dose for one acquisition plane, in the lake's units; null when not stated. */
public record PlaneAccumulation(
    Code acquisitionPlane,
    Double dapTotalGyM2,
    Double fluoroDapTotalGyM2,
    Double acquisitionDapTotalGyM2,
    Double doseRpTotalGy,
    Double fluoroDoseRpTotalGy,
    Double acquisitionDoseRpTotalGy,
    Double totalFluoroTimeS,
    Double totalAcquisitionTimeS) {}
