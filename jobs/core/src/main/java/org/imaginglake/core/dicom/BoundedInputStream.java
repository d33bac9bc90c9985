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

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  long bytesRead() {
    return count;
  }

  @Override
  public int read() throws IOException {
    if (count >= limit) {
      throw new HeaderTooLargeException(limit);
    }
    int b = super.read();
    if (b >= 0) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (count >= limit) {
      throw new HeaderTooLargeException(limit);
    }
    int n = super.read(b, off, (int) Math.min(len, limit - count));
    if (n > 0) {
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (count >= limit) {
      throw new HeaderTooLargeException(limit);
    }
    long skipped = super.skip(Math.min(n, limit - count));
    count += skipped;
    return skipped;
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
