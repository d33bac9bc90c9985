package org.imaginglake.core.dicom;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes taken from the underlying stream and refuses to go past a limit, so that reading one header
 * can never turn into reading a whole large file. {@link #bytesRead()} is what the file system actually delivered,
 * including read-ahead by buffers stacked on top of this stream.
 */
final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long count;
  private boolean endReached;
  private boolean limitHit;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  long bytesRead() {
    return count;
  }

  /** Whether the underlying stream reported its end: then {@link #bytesRead()} is the whole file. */
  boolean endReached() {
    return endReached;
  }

  /** Whether a read was refused at the limit (readers above may have swallowed the exception). */
  boolean limitHit() {
    return limitHit;
  }

  @Override
  public int read() throws IOException {
    refuseAtLimit();
    int b = super.read();
    if (b >= 0) {
      count++;
    } else {
      endReached = true;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    refuseAtLimit();
    int n = super.read(b, off, (int) Math.min(len, limit - count));
    if (n > 0) {
      count += n;
    } else if (n < 0) {
      endReached = true;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    refuseAtLimit();
    long skipped = super.skip(Math.min(n, limit - count));
    count += skipped;
    return skipped;
  }

  private void refuseAtLimit() throws HeaderTooLargeException {
    if (count >= limit) {
      limitHit = true;
      throw new HeaderTooLargeException(limit);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Thrown when a header goes on past the configured limit before Pixel Data starts. */
  static final class HeaderTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    final long limit;

    HeaderTooLargeException(long limit) {
      super("header is larger than " + limit + " bytes");
      this.limit = limit;
    }
  }
}
