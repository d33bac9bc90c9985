package org.imaginglake.core.ris;

/**
 * A message or CSV record that cannot become events: the {@link #stage()} where it failed, {@link #where()} it is,
 * and a {@link #reason()} for the person who has to act on it. Reasons name fields (MSH-9, OBR-25) and codes, never
 * field contents that could identify a patient. Carries no stack trace: it is a result, not a defect.
 */
public final class RisReadException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_CODE_LENGTH = 24;

  /** Where an input failed; stored in {@code quarantine.stage}. */
  public enum Stage {
    /** Cutting the file into messages: size limit, segments without MSH. */
    SPLIT("split"),
    /** Turning bytes into text (MSH-18). */
    DECODE("decode"),
    /** Reading the structure: MSH, HL7 version, HAPI's parse, a CSV record that cannot be read. */
    PARSE("parse"),
    /** Readable but not a workflow event: unsupported type or trigger, missing control ID or time, bad CSV value. */
    MAP("map");

    private final String label;

    Stage(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The position of an input in its file.
   *
   * @param sourcePath the file
   * @param kind {@code hl7} or {@code csv} (stored in {@code quarantine.source_kind})
   * @param ordinal 1-based message number (HL7) or record number (CSV) in the file
   * @param offset byte offset of the message (HL7) or line number of the record (CSV)
   */
  public record Where(String sourcePath, String kind, int ordinal, long offset) {

    /** {@code path#ordinal}: the {@code quarantine.source_path} of a multi-message file. */
    public String sourceRef() {
      return sourcePath + "#" + ordinal;
    }

    /** For messages: {@code message 3 at byte 1234} or {@code record 5 at line 6}. */
    public String describe() {
      return "csv".equals(kind) ? "record " + ordinal + " at line " + offset
          : "message " + ordinal + " at byte " + offset;
    }
  }

  private final Stage stage;
  private final Where where;
  private final String reason;

  public RisReadException(Stage stage, Where where, String reason) {
    super(where.describe() + ": " + reason, null, false, false);
    this.stage = stage;
    this.where = where;
    this.reason = reason;
  }

  public Stage stage() {
    return stage;
  }

  public Where where() {
    return where;
  }

  /** What is wrong, without the position (which {@link #getMessage()} adds). */
  public String reason() {
    return reason;
  }

  /**
   * A code value (message type, trigger, status) fit to appear in a reason: only letters, digits and
   * {@code ^ _ . / -}, at most 24 characters, others replaced by {@code ?}; {@code (empty)} when blank.
   */
  public static String code(String value) {
    if (value == null || value.isBlank()) {
      return "(empty)";
    }
    String v = value.strip();
    StringBuilder b = new StringBuilder(Math.min(v.length(), MAX_CODE_LENGTH));
    for (int i = 0; i < v.length() && i < MAX_CODE_LENGTH; i++) {
      char c = v.charAt(i);
      b.append(Character.isLetterOrDigit(c) && c < 0x80 || "^_./- ".indexOf(c) >= 0 ? c : '?');
    }
    return v.length() > MAX_CODE_LENGTH ? b + "..." : b.toString();
  }
}
