package org.imaginglake.core.dose;

/** A dose report that cannot be read: the stage where it failed and a reason for the person who quarantines it. */
public final class DoseReportException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Where reading the report failed. */
  public enum Stage {
    /** The document is no SR or has no content tree. */
    STRUCTURE,
    /** The template was recognised but required content is missing or contradictory. */
    CONTENT
  }

  private final Stage stage;

  public DoseReportException(Stage stage, String reason) {
    super(reason);
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }
}
