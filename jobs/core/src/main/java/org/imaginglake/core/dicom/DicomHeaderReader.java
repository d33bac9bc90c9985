package org.imaginglake.core.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.imaginglake.core.dicom.DicomReadException.Stage;

/**
 * Reads the header of one DICOM file with PixelMed, stopping before Pixel Data.
 *
 * <p>Cost: the bytes up to (7FE0,0010) plus at most one buffer (16 KiB) of read-ahead, whatever the file's size; a
 * header that runs on past {@code maxHeaderBytes} is refused rather than read. Files are classified from their first
 * 132 bytes before PixelMed sees them, so text, images and archives get a clear reason instead of a parser error.
 * Each failure is a {@link DicomReadException} with a stage and a reason a person can act on.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class DicomHeaderReader {
  static final int BUFFER_BYTES = 16 * 1024;
  private static final int PEEK_BYTES = 132;
  private static final byte[] DICM = "DICM".getBytes(StandardCharsets.US_ASCII);
  private static final java.util.Set<com.pixelmed.dicom.AttributeTag> PIXEL_DATA = java.util.Set.of(
      TagFromName.PixelData, TagFromName.FloatPixelData, TagFromName.DoubleFloatPixelData);

  private final long maxHeaderBytes;

  public DicomHeaderReader(long maxHeaderBytes) {
    if (maxHeaderBytes < PEEK_BYTES) {
      throw new IllegalArgumentException("ingest.max-header-bytes must be at least " + PEEK_BYTES
          + ", cannot be: " + maxHeaderBytes);
    }
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** Reads a header from {@code raw}; the caller owns (and closes) the stream. */
  public DicomHeader read(InputStream raw) throws DicomReadException {
    BoundedInputStream counted = new BoundedInputStream(raw, maxHeaderBytes);
    BufferedInputStream in = new BufferedInputStream(counted, BUFFER_BYTES);
    DicomFileKind kind = classify(in);
    AttributeList list = new AttributeList();
    String transferSyntax;
    boolean[] atPixelData = {false};
    long stoppedAt;
    try {
      DicomInputStream din = new DicomInputStream(in);
      // stop at top-level Pixel Data only: icon images inside sequences have Pixel Data of their own
      stoppedAt = list.read(din, (l, tag, offset) -> atPixelData[0] = l == list && PIXEL_DATA.contains(tag));
      transferSyntax = transferSyntaxOf(list, din);
    } catch (BoundedInputStream.HeaderTooLargeException e) {
      throw tooLarge(kind, e.limit, e);
    } catch (EOFException e) {
      throw new DicomReadException(Stage.PARSE, kind, "truncated: the file ends inside the header after "
          + counted.bytesRead() + " bytes" + detail(e), e);
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomReadException(Stage.PARSE, kind, "unreadable DICOM header after " + counted.bytesRead()
          + " bytes: " + describe(e), e);
    }
    // PixelMed logs and swallows most failures and returns what it has read so far; find out whether it finished.
    if (counted.limitHit()) {
      throw tooLarge(kind, maxHeaderBytes, null);
    }
    // A deflated data set is inflated by PixelMed: byte offsets and the end of the file cannot be compared there.
    boolean deflated = TransferSyntax.DeflatedExplicitVRLittleEndian.equals(transferSyntax);
    if (!atPixelData[0] && !deflated) {
      if (!counted.endReached()) {
        throw new DicomReadException(Stage.PARSE, kind, "damaged header: parsing gave up at byte " + stoppedAt
            + " before the end of the file" + lastGood(list), null);
      }
      if (stoppedAt < counted.bytesRead()) {
        throw new DicomReadException(Stage.PARSE, kind, "truncated or damaged: the header could be read only up to"
            + " byte " + stoppedAt + " of " + counted.bytesRead() + lastGood(list), null);
      }
    }
    if (isDicomdir(list)) {
      throw new DicomReadException(Stage.CLASSIFY, DicomFileKind.DICOMDIR, "DICOMDIR (media directory index), not an"
          + " image or document; the files it lists are ingested on their own", null);
    }
    return new DicomHeader(list, kind, transferSyntax, counted.bytesRead());
  }

  private static DicomReadException tooLarge(DicomFileKind kind, long limit, Throwable cause) {
    return new DicomReadException(Stage.PARSE, kind, "header is larger than " + limit + " bytes before Pixel Data"
        + " starts; if the file is genuine, raise ingest.max-header-bytes", cause);
  }

  private static String lastGood(AttributeList list) {
    return list.isEmpty() ? "" : " (last element read: " + list.lastKey() + ")";
  }

  private static DicomFileKind classify(BufferedInputStream in) throws DicomReadException {
    byte[] head = new byte[PEEK_BYTES];
    int n;
    try {
      in.mark(PEEK_BYTES);
      n = in.readNBytes(head, 0, PEEK_BYTES);
      in.reset();
    } catch (IOException e) {
      throw new DicomReadException(Stage.CLASSIFY, DicomFileKind.NOT_DICOM, "cannot read the file: " + describe(e), e);
    }
    if (n == PEEK_BYTES && matches(head, 128, DICM)) {
      return DicomFileKind.PART10;
    }
    if (n >= 8 && looksLikeDataElement(head)) {
      return DicomFileKind.NO_PREAMBLE;
    }
    throw new DicomReadException(Stage.CLASSIFY, DicomFileKind.NOT_DICOM, "not a DICOM file: " + whatItIs(head, n),
        null);
  }

  /**
   * Whether the first bytes are a plausible data element of group 0002 or 0008 (little or big endian, explicit or
   * implicit VR): how files without a preamble begin in practice.
   */
  static boolean looksLikeDataElement(byte[] b) {
    int groupLe = (b[0] & 0xff) | (b[1] & 0xff) << 8;
    int groupBe = (b[0] & 0xff) << 8 | (b[1] & 0xff);
    boolean group = groupLe == 0x0002 || groupLe == 0x0008 || groupBe == 0x0002 || groupBe == 0x0008;
    if (!group) {
      return false;
    }
    boolean explicitVr = isUpper(b[4]) && isUpper(b[5]);
    if (explicitVr) {
      return true;
    }
    long implicitLength = (b[4] & 0xffL) | (b[5] & 0xffL) << 8 | (b[6] & 0xffL) << 16 | (b[7] & 0xffL) << 24;
    return implicitLength < 1024 * 1024;
  }

  private static String whatItIs(byte[] h, int n) {
    if (n == 0) {
      return "the file is empty (0 bytes)";
    }
    if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
      return "a gzip archive; unpack it and ingest what it holds";
    }
    if (n >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) {
      return "a zip archive; unpack it and ingest what it holds";
    }
    if (n >= 4 && h[0] == '%' && h[1] == 'P' && h[2] == 'D' && h[3] == 'F') {
      return "a PDF document";
    }
    if (n >= 4 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
      return "a PNG image";
    }
    if (n >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) {
      return "a JPEG image";
    }
    if (isMostlyText(h, n)) {
      return "a text file";
    }
    if (n < PEEK_BYTES) {
      return "only " + n + " bytes, too short for a DICOM preamble and header";
    }
    return "no 'DICM' marker at byte 128 and the first bytes are not a DICOM data element";
  }

  private static boolean isMostlyText(byte[] h, int n) {
    int text = 0;
    for (int i = 0; i < n; i++) {
      int c = h[i] & 0xff;
      if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f) || c >= 0xc0) {
        text++;
      }
    }
    return text >= n * 0.95;
  }

  private static boolean isDicomdir(AttributeList list) {
    String cls = value(list, TagFromName.MediaStorageSOPClassUID);
    return SOPClass.MediaStorageDirectoryStorage.equals(cls) || list.get(TagFromName.DirectoryRecordSequence) != null;
  }

  private static String transferSyntaxOf(AttributeList list, DicomInputStream din) {
    String fromMeta = value(list, TagFromName.TransferSyntaxUID);
    if (fromMeta != null) {
      return fromMeta;
    }
    TransferSyntax used = din.getTransferSyntaxToReadDataSet();
    return used == null ? null : used.getUID();
  }

  static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
    String v = Attribute.getSingleStringValueOrNull(list.get(tag));
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  private static String detail(Throwable e) {
    return e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    String name = e.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? name : msg.strip() + " [" + name + "]";
  }

  private static boolean matches(byte[] b, int off, byte[] what) {
    for (int i = 0; i < what.length; i++) {
      if (b[off + i] != what[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUpper(byte c) {
    return c >= 'A' && c <= 'Z';
  }
}
