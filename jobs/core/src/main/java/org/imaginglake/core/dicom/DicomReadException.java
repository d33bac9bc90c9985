package org.imaginglake.core.dicom;

/**
 * A file that cannot become a row: the {@link #stage()} where it failed, what it turned out to be, and a reason
 * written for the person who has to act on it (what is wrong, where, and what to do when there is something to do).
 */
public final class DicomReadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Where in the pipeline a file failed; stored in {@code quarantine.stage}. */
  public enum Stage {
    /** Looking at the first bytes: is this DICOM at all? */
    CLASSIFY("classify"),
    /** PixelMed reading the header. */
    PARSE("parse"),
    /** The header was read but lacks what an instance row needs. */
    VALIDATE("validate"),
    /** The header could not be de-identified, so it is not stored. */
    DEIDENTIFY("deidentify");

    private final String label;

    Stage(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Stage stage;
  private final DicomFileKind kind;

  public DicomReadException(Stage stage, DicomFileKind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.stage = stage;
    this.kind = kind;
  }

  public Stage stage() {
    return stage;
  }

  public DicomFileKind kind() {
    return kind;
  }

  /** The readable reason (same as {@link #getMessage()}). */
  public String reason() {
    return getMessage();
  }
}
