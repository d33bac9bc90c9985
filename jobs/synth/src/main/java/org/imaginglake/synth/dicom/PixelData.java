package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import org.imaginglake.synth.model.Modality;

/**
 * The image pixel module every generated image shares: 16-bit MONOCHROME2, by default an 8 x 8 gradient (128
 * bytes); with a requested size, 512 columns and as many rows as reach at least that many bytes (524,288 bytes is
 * exactly 512 x 512). The pixel values are one shared read-only array.
 */
public final class PixelData {
  private final int rows;
  private final int columns;
  private final short[] values;

  private PixelData(int rows, int columns) {
    this.rows = rows;
    this.columns = columns;
    this.values = new short[rows * columns];
    for (int i = 0; i < values.length; i++) {
      values[i] = (short) ((i % columns + i / columns) * 16 % 4096);
    }
  }

  /** Pixel data of at least {@code bytes} bytes; 0 or less means the default 8 x 8 image. */
  public static PixelData ofAtLeast(long bytes) {
    if (bytes <= 128) {
      return new PixelData(8, 8);
    }
    long pixels = (bytes + 1) / 2;
    int columns = (int) Math.min(512, pixels);
    long rows = (pixels + columns - 1) / columns;
    if (rows * columns > 256L * 1024 * 1024) {
      throw new IllegalArgumentException("--pixel-bytes " + bytes + " is too large; at most 536870912");
    }
    return new PixelData((int) rows, columns);
  }

  public long bytes() {
    return 2L * rows * columns;
  }

  void put(AttributeList list, Modality m) {
    Dicom.put(list, TagFromName.SamplesPerPixel, "1");
    Dicom.put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
    Dicom.put(list, TagFromName.Rows, Integer.toString(rows));
    Dicom.put(list, TagFromName.Columns, Integer.toString(columns));
    Dicom.put(list, TagFromName.BitsAllocated, "16");
    Dicom.put(list, TagFromName.BitsStored, "12");
    Dicom.put(list, TagFromName.HighBit, "11");
    Dicom.put(list, TagFromName.PixelRepresentation, "0");
    if (m == Modality.MG || m == Modality.DX || m == Modality.CR) {
      Dicom.put(list, TagFromName.PresentationLUTShape, "IDENTITY");
    }
    try {
      OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
      a.setValues(values);
      list.put(a);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
  }
}
