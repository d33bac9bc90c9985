/**
 * Radiation dose from DICOM Radiation Dose Structured Reports, without Spark: the SR content tree is walked and
 * concepts are matched by (code value, coding scheme designator), units read from the UCUM units code and normalised
 * (mGy, mGy·cm, Gy·m², Gy, s). Entry point: {@link org.imaginglake.core.dose.DoseReportExtractor}.
 */
package org.imaginglake.core.dose;
