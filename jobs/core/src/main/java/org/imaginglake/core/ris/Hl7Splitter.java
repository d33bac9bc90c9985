package org.imaginglake.core.ris;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a stream of HL7 v2 messages into single messages, one at a time: at most one message (and one line) is held
 * in memory, never the file.
 *
 * <p>What it accepts, as files from RIS exports and interface-engine archives come:
 * <ul>
 *   <li>segment terminators CR, LF or CRLF, mixed freely;</li>
 *   <li>MLLP framing: 0x0B starts a block and 0x1C (then CR) ends it; both also end the current message;</li>
 *   <li>a UTF-8 byte-order mark at the start of the file or of any line;</li>
 *   <li>several messages per file: a message starts at a line beginning with {@code MSH} and a delimiter, and ends
 *       at the next such line, a blank line, an MLLP end of block or the end of the stream;</li>
 *   <li>text between messages (comments, blank lines): lines that do not look like segments are skipped.</li>
 * </ul>
 * Lines that look like segments ({@code XYZ|...}) but come with no MSH before them are returned as one
 * {@link RawHl7Message} with a problem, as is a message longer than the size limit (it is read past, not kept).
 *
 * <p>Cost: one pass over the bytes through a 64 KiB buffer; each message is copied once into its own array. Not
 * thread-safe; the caller opens and closes the stream. An {@link IOException} surfaces as
 * {@link UncheckedIOException} from {@link #hasNext()} or {@link #next()}.
 */
public final class Hl7Splitter implements Iterator<RawHl7Message> {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte MLLP_START = 0x0B;
  private static final byte MLLP_END = 0x1C;

  private final InputStream in;
  private final int maxMessageBytes;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long bufStart;
  private boolean eof;

  private final Line line = new Line();
  private boolean lineHeld;

  private byte[] message = new byte[4096];
  private int ordinal;
  private RawHl7Message next;
  private boolean done;

  /**
   * @param in the bytes of one file (buffering is done here)
   * @param maxMessageBytes the largest message kept; longer ones are returned with a problem
   */
  public Hl7Splitter(InputStream in, int maxMessageBytes) {
    if (maxMessageBytes < 16) {
      throw new IllegalArgumentException("The HL7 message size limit must be at least 16 bytes, cannot be: "
          + maxMessageBytes);
    }
    this.in = in;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public RawHl7Message next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawHl7Message m = next;
    next = null;
    return m;
  }

  private RawHl7Message advance() throws IOException {
    boolean open = false;
    boolean orphan = false;
    boolean overflow = false;
    long start = 0;
    long end = 0;
    int length = 0;
    while (true) {
      boolean read = lineHeld || readLine();
      lineHeld = false;
      if (!read) {
        return open ? finish(start, end, length, orphan, overflow) : null;
      }
      boolean blank = line.isBlank();
      if (!blank && line.startsWithMsh() && open) {
        lineHeld = true; // it starts the next message
        return finish(start, end, length, orphan, overflow);
      }
      if (!blank && (open || line.startsWithMsh() || line.looksLikeSegment())) {
        if (!open) {
          open = true;
          orphan = !line.startsWithMsh();
          overflow = false;
          start = line.offset;
          length = 0;
        }
        end = line.offset + line.size;
        overflow |= line.overflow || (long) length + line.length + 1 > maxMessageBytes;
        if (!overflow) {
          ensureMessageCapacity(length + line.length + 1);
          System.arraycopy(line.bytes, 0, message, length, line.length);
          length += line.length;
          message[length++] = CR;
        }
      }
      if (open && (blank || line.boundary)) {
        return finish(start, end, length, orphan, overflow);
      }
    }
  }

  private RawHl7Message finish(long start, long end, int length, boolean orphan, boolean overflow) {
    ordinal++;
    long size = end - start;
    if (overflow) {
      return new RawHl7Message(ordinal, start, size, null,
          "message of " + size + " bytes is over the limit of " + maxMessageBytes + " bytes (setting "
              + "ris.hl7.max-message-bytes)");
    }
    if (orphan) {
      return new RawHl7Message(ordinal, start, size, null,
          "MSH segment missing: " + size + " bytes of segments with no MSH segment before them");
    }
    return new RawHl7Message(ordinal, start, size, Arrays.copyOf(message, length), null);
  }

  private void ensureMessageCapacity(int needed) {
    if (needed > message.length) {
      message = Arrays.copyOf(message, Math.max(needed, Math.min(maxMessageBytes + 1, message.length * 2)));
    }
  }

  /** Reads one line (without its terminator) into {@link #line}; false at the end of the stream with nothing read. */
  private boolean readLine() throws IOException {
    line.reset(bufStart + pos);
    while (true) {
      if (pos == limit && !fill()) {
        return line.size > 0;
      }
      byte b = buf[pos++];
      if (b == CR) {
        if ((pos < limit || fill()) && buf[pos] == LF) {
          pos++;
        }
        return true;
      } else if (b == LF) {
        return true;
      } else if (b == MLLP_START || b == MLLP_END) {
        line.boundary = true;
        return true;
      }
      line.append(b, maxMessageBytes);
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    bufStart += limit;
    pos = 0;
    limit = 0;
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    limit = n;
    return true;
  }

  /** The current line: its first bytes (up to the limit), where it starts and how long it is. */
  private static final class Line {
    byte[] bytes = new byte[1024];
    int length;
    long offset;
    long size;
    boolean overflow;
    boolean boundary;

    void reset(long at) {
      length = 0;
      size = 0;
      offset = at;
      overflow = false;
      boundary = false;
    }

    void append(byte b, int max) {
      size++;
      if (length == 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
        length = 0; // a byte-order mark: the line starts after it
        size = 1;
        offset += 3;
      }
      if (length == max) {
        overflow = true;
        return;
      }
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(max, bytes.length * 2));
      }
      bytes[length++] = b;
    }

    boolean isBlank() {
      for (int i = 0; i < length; i++) {
        if (bytes[i] != ' ' && bytes[i] != '\t') {
          return false;
        }
      }
      return !overflow;
    }

    boolean startsWithMsh() {
      return length >= 4 && bytes[0] == 'M' && bytes[1] == 'S' && bytes[2] == 'H' && isDelimiter(bytes[3]);
    }

    /** Three upper-case letters or digits, the first a letter, then {@code |}: a segment, not a comment. */
    boolean looksLikeSegment() {
      return length >= 4 && bytes[0] >= 'A' && bytes[0] <= 'Z' && isIdChar(bytes[1]) && isIdChar(bytes[2])
          && bytes[3] == '|';
    }

    private static boolean isIdChar(byte b) {
      return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    }

    private static boolean isDelimiter(byte b) {
      return b > ' ' && b < 0x7F && !isIdChar(b) && !(b >= 'a' && b <= 'z');
    }
  }
}
