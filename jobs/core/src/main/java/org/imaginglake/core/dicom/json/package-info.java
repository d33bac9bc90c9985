/** DICOM headers (PixelMed attribute lists) as the DICOM JSON Model of PS3.18 Annex F, for header_json. */
package org.imaginglake.core.dicom.json;
