package org.imaginglake.core.ris;

/**
 * One message cut out of a file by {@link Hl7Splitter}, before decoding: its segments joined by CR, with no MLLP
 * framing, byte-order mark or blank lines.
 *
 * @param ordinal 1-based position of the message in the file (orphan segments and over-size messages count too)
 * @param offsetBytes where the message starts in the file, in bytes from the start
 * @param sizeBytes bytes the message spans in the file (separators included)
 * @param bytes the segments, CR-terminated; {@code null} when {@link #problem()} is set
 * @param problem why the bytes are not a message (over the size limit, segments with no MSH), or {@code null}
 */
public record RawHl7Message(int ordinal, long offsetBytes, long sizeBytes, byte[] bytes, String problem) {

  /** True when this is a message to decode and parse; false when it is to be quarantined at stage SPLIT. */
  public boolean ok() {
    return problem == null;
  }
}
