/**
 * DICOM Part-10 writers on PixelMed: image series from a per-series template, the CT and projection X-ray
 * radiation dose SRs, and the TID 1500 measurement report of follow-up CTs.
 */
package org.imaginglake.synth.dicom;
