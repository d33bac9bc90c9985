package org.imaginglake.core.dicom;

/** What a file turned out to be, from its first bytes and its meta information. */
public enum DicomFileKind {
  /** A Part-10 file: 128-byte preamble, "DICM", File Meta Information. */
  PART10("dicom"),
  /** A data set with no preamble (and possibly no meta information), as old systems wrote them. */
  NO_PREAMBLE("dicom_no_preamble"),
  /** A DICOMDIR media directory: DICOM, but an index of other files rather than an instance. */
  DICOMDIR("dicomdir"),
  /** Not DICOM at all (text, images, archives, empty files). */
  NOT_DICOM("not_dicom");

  private final String label;

  DicomFileKind(String label) {
    this.label = label;
  }

  /** The value stored in {@code quarantine.source_kind}. */
  public String label() {
    return label;
  }
}
