package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers over PixelMed's AttributeList: put a value by tag, and write a Part-10 file. */
final class Dicom {
  /** Source AE title in the file meta information of every generated file. */
  static final String SOURCE_AE = "IMAGINGLAKE";

  private Dicom() {}

  static void put(AttributeList list, AttributeTag tag, String value) {
    try {
      Attribute a = list.putNewAttribute(tag);
      if (value != null && !value.isEmpty()) {
        a.addValue(value);
      }
    } catch (DicomException e) {
      throw new IllegalArgumentException("cannot set " + tag + " to " + value, e);
    }
  }

  static void put(AttributeList list, AttributeTag tag, double value) {
    put(list, tag, org.imaginglake.synth.truth.Csv.plain(value));
  }

  /**
   * Writes {@code list} as a Part-10 file: 128-byte preamble, "DICM", file meta information (explicit VR little
   * endian; implementation UID and version name are PixelMed's fixed constants) and the data set.
   */
  static long write(AttributeList list, Path file) {
    try {
      FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        list.write(out, TransferSyntax.ExplicitVRLittleEndian, true, false);
      }
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DicomException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
