package org.imaginglake.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imaginglake.core.dicom.DicomReadException.Stage;
import org.imaginglake.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomHeaderReaderTest {
  private final DicomHeaderReader reader = new DicomHeaderReader(64L << 20);

  @Test
  void readsPart10FileAndStopsBeforePixelData() throws Exception {
    Path f = SharedData.dicom("pydicom_debian/test_files/CT_small.dcm");
    DicomHeader h = read(f);
    assertThat(h.kind()).isEqualTo(DicomFileKind.PART10);
    assertThat(h.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
    assertThat(DicomHeaderReader.value(h.attributes(), TagFromName.Modality)).isEqualTo("CT");
    assertThat(h.attributes().get(TagFromName.PixelData)).isNull();
  }

  @Test
  void readsFilesWithoutPreambleInBothByteOrders() throws Exception {
    DicomHeader le = read(SharedData.dicom("pydicom_debian/test_files/ExplVR_LitEndNoMeta.dcm"));
    DicomHeader be = read(SharedData.dicom("pydicom_debian/test_files/ExplVR_BigEndNoMeta.dcm"));
    assertThat(le.kind()).isEqualTo(DicomFileKind.NO_PREAMBLE);
    assertThat(be.kind()).isEqualTo(DicomFileKind.NO_PREAMBLE);
    assertThat(le.transferSyntaxUid()).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);
    assertThat(be.transferSyntaxUid()).isEqualTo(TransferSyntax.ExplicitVRBigEndian);
  }

  @Test
  void readsDeflatedDataSet() throws Exception {
    DicomHeader h = read(SharedData.dicom("dicomparser/deflate/report_dfl"));
    assertThat(h.transferSyntaxUid()).isEqualTo(TransferSyntax.DeflatedExplicitVRLittleEndian);
    // dcmdump: (0008,0060) CS [SR]
    assertThat(DicomHeaderReader.value(h.attributes(), TagFromName.Modality)).isEqualTo("SR");
  }

  @Test
  void recognisesForeignFilesWithoutEchoingTheirContent() {
    assertRefused(SharedData.dicom("pydicom_debian/test_files/zipMR.gz"), DicomFileKind.NOT_DICOM, "gzip archive");
    assertRefused(SharedData.dicom("pydicom_debian/test_files/README.txt"), DicomFileKind.NOT_DICOM, "text file");
    assertRefused(SharedData.dicom("fo_dicom/DICOMDIR"), DicomFileKind.DICOMDIR, "DICOMDIR");
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(DicomReadException.class).hasMessageContaining("empty");
  }

  @Test
  void brokenHeaderIsRefusedAtParseStage() {
    DicomReadException e = refusal(SharedData.dicom("pydicom_debian/test_files/SC_rgb_jpeg.dcm"));
    assertThat(e.stage()).isEqualTo(Stage.PARSE);
    assertThat(e.reason()).contains("(0x0008,0x0020)");
  }

  @Test
  void truncatedHeaderIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(SharedData.dicom("pydicom_debian/test_files/CT_small.dcm"));
    byte[] cut = java.util.Arrays.copyOf(whole, 1500); // inside the value of (0019,1003)
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(cut)))
        .isInstanceOfSatisfying(DicomReadException.class, e -> {
          assertThat(e.stage()).isEqualTo(Stage.PARSE);
          assertThat(e.reason()).contains("truncated");
        });
  }

  @Test
  void headerLargerThanTheLimitIsRefusedNotReadOn() throws Exception {
    DicomHeaderReader small = new DicomHeaderReader(1024);
    try (InputStream in = Files.newInputStream(SharedData.dicom("pydicom_debian/test_files/CT_small.dcm"))) {
      assertThatThrownBy(() -> small.read(in)).isInstanceOfSatisfying(DicomReadException.class,
          e -> assertThat(e.reason()).contains("larger than 1024 bytes").contains("ingest.max-header-bytes"));
    }
  }

  /**
   * A 1 GB file (sparse on disk): header, then Pixel Data of 1,000,000,000 bytes. Reading it must take kilobytes.
   */
  @Test
  void oneGigabyteFileCostsKilobytes(@TempDir Path dir) throws Exception {
    AttributeList list = new AttributeList();
    try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(
        Files.newInputStream(SharedData.dicom("pydicom_debian/test_files/CT_small.dcm"))))) {
      list.read(in, TagFromName.PixelData);
    }
    list.put(new OtherWordAttribute(TagFromName.PixelData)); // empty value: we write the length ourselves
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    list.write(header, TransferSyntax.ExplicitVRLittleEndian, true, true);
    byte[] h = header.toByteArray();
    // rewrite the trailing empty PixelData element's 4-byte length as 1e9
    int len = 1_000_000_000;
    h[h.length - 4] = (byte) len;
    h[h.length - 3] = (byte) (len >>> 8);
    h[h.length - 2] = (byte) (len >>> 16);
    h[h.length - 1] = (byte) (len >>> 24);
    Path big = dir.resolve("big.dcm");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.write(h);
      raf.setLength(h.length + (long) len);
    }
    assertThat(Files.size(big)).isGreaterThan(1_000_000_000L);
    CountingStream counted;
    DicomHeader result;
    try (InputStream in = Files.newInputStream(big)) {
      counted = new CountingStream(in);
      result = reader.read(counted);
    }
    assertThat(DicomHeaderReader.value(result.attributes(), TagFromName.Modality)).isEqualTo("CT");
    assertThat(counted.count).as("bytes taken from the 1 GB file").isLessThan(h.length + 20_000L);
    assertThat(result.bytesRead()).isEqualTo(counted.count);
  }

  private DicomHeader read(Path f) throws IOException, DicomReadException {
    try (InputStream in = Files.newInputStream(f)) {
      return reader.read(in);
    }
  }

  private DicomReadException refusal(Path f) {
    try {
      read(f);
    } catch (DicomReadException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected " + f + " to be refused");
  }

  private void assertRefused(Path f, DicomFileKind kind, String reason) {
    DicomReadException e = refusal(f);
    assertThat(e.kind()).as(f.toString()).isEqualTo(kind);
    assertThat(e.reason()).as(f.toString()).contains(reason);
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
