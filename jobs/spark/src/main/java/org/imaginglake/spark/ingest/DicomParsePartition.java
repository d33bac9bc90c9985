package org.imaginglake.spark.ingest;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.imaginglake.core.dicom.DicomHeader;
import org.imaginglake.core.dicom.DicomHeaderReader;
import org.imaginglake.core.dicom.DicomInstance;
import org.imaginglake.core.dicom.DicomReadException;
import org.imaginglake.core.dicom.InstanceExtractor;
import org.imaginglake.core.dicom.SourceFile;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.dose.DoseReportException;
import org.imaginglake.core.dose.DoseReportExtractor;
import org.imaginglake.spark.dose.DoseRows;
import org.imaginglake.spark.lake.TableSchema;

/**
 * Executor side of ingest-dicom: for each listed file, open it, read the header (bounded), and emit one staging row
 * — an instance row, or a quarantine row with stage and reason. Streams: one file at a time, nothing kept between
 * files but the reader, the extractor and the file system handle.
 *
 * <p>Staging rows have the columns of {@code dicom_instances} (all nullable) followed by {@link #EXTRA}: the
 * outcome and, for quarantined files, what they were, where they failed and why; and for dose reports (SR documents
 * of the classes {@link DoseRows#isCandidate} accepts) what the report says, read before de-identification changes the
 * data set ({@link DoseRows#stagingType}).
 */
final class DicomParsePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  static final String PARSED = "parsed";
  static final String QUARANTINED = "quarantined";
  static final StructType EXTRA = new StructType()
      .add("outcome", DataTypes.StringType, false)
      .add("source_kind", DataTypes.StringType, true)
      .add("stage", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("dose", DoseRows.stagingType(), true);

  private final SerializableHadoopConf hadoopConf;
  private final Pseudonymizer pseudonymizer;
  private final String siteZone;
  private final long maxHeaderBytes;
  private final String runId;
  private final Instant ingestedAt;
  private final LongAccumulator filesDone;

  DicomParsePartition(SerializableHadoopConf hadoopConf, Pseudonymizer pseudonymizer, ZoneId siteZone,
      long maxHeaderBytes, String runId, Instant ingestedAt, LongAccumulator filesDone) {
    this.hadoopConf = hadoopConf;
    this.pseudonymizer = pseudonymizer;
    this.siteZone = siteZone.getId();
    this.maxHeaderBytes = maxHeaderBytes;
    this.runId = runId;
    this.ingestedAt = ingestedAt;
    this.filesDone = filesDone;
  }

  static StructType stagingSchema() {
    StructType s = TableSchema.load("dicom_instances").nullableStructType();
    for (var f : EXTRA.fields()) {
      s = s.add(f);
    }
    return s;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    quietPixelMed();
    DicomHeaderReader reader = new DicomHeaderReader(maxHeaderBytes);
    InstanceExtractor extractor = new InstanceExtractor(pseudonymizer, ZoneId.of(siteZone));
    DoseReportExtractor doseExtractor = new DoseReportExtractor();
    int width = DicomInstance.COLUMNS.size();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return files.hasNext();
      }

      @Override
      public Row next() {
        Row f = files.next();
        SourceFile source = new SourceFile(f.getString(0), f.getLong(1), (Instant) f.get(2));
        Object[] out = new Object[width + EXTRA.size()];
        try {
          DicomHeader header = read(reader, source);
          out[width + 4] = dose(doseExtractor, header);
          DicomInstance instance = extractor.extract(header, source, runId, ingestedAt);
          System.arraycopy(instance.values(), 0, out, 0, width);
          out[width] = PARSED;
          out[width + 1] = header.kind().label();
        } catch (DicomReadException e) {
          fillSource(out, source);
          out[width] = QUARANTINED;
          out[width + 1] = e.kind().label();
          out[width + 2] = e.stage().label();
          out[width + 3] = e.reason();
        } catch (RuntimeException | IOException e) {
          // A defect or an I/O failure on one file must not end the run: the file is quarantined with the cause.
          fillSource(out, source);
          out[width] = QUARANTINED;
          out[width + 1] = "unknown";
          out[width + 2] = e instanceof IOException ? "read" : "extract";
          out[width + 3] = (e instanceof IOException ? "cannot read the file: " : "internal error while extracting: ")
              + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        filesDone.add(1);
        return RowFactory.create(out);
      }

      private Row dose(DoseReportExtractor doseExtractor, DicomHeader header) {
        String sopClass = Attribute.getSingleStringValueOrNull(header.attributes(), TagFromName.SOPClassUID);
        if (!DoseRows.isCandidate(sopClass)) {
          return null;
        }
        try {
          return DoseRows.staging(sopClass, doseExtractor.extract(header.attributes()));
        } catch (DoseReportException e) {
          return DoseRows.failure(e);
        } catch (RuntimeException e) {
          // A defect on one report must not lose the instance: its dose is quarantined with the cause.
          return DoseRows.failure(new DoseReportException(DoseReportException.Stage.CONTENT,
              "internal error while reading the dose report: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
      }

      private void fillSource(Object[] out, SourceFile source) {
        out[DicomInstance.COLUMNS.indexOf("source_path")] = source.path();
        out[DicomInstance.COLUMNS.indexOf("source_size_bytes")] = source.sizeBytes();
        out[DicomInstance.COLUMNS.indexOf("source_modified_at")] = source.modifiedAt();
        out[DicomInstance.COLUMNS.indexOf("run_id")] = runId;
        out[DicomInstance.COLUMNS.indexOf("ingested_at")] = ingestedAt;
      }
    };
  }

  /**
   * Local files are opened directly: Hadoop's local file system would add a status call, its own buffer and a file
   * system lookup per file, for nothing (the reader buffers). Other file systems go through Hadoop.
   */
  private DicomHeader read(DicomHeaderReader reader, SourceFile source) throws IOException, DicomReadException {
    Path path = new Path(source.path());
    if ("file".equals(path.toUri().getScheme())) {
      try (InputStream in = new FileInputStream(path.toUri().getPath())) {
        return reader.read(in);
      }
    }
    FileSystem fs = path.getFileSystem(hadoopConf.get());
    try (InputStream in = fs.open(path, 8192)) {
      return reader.read(in);
    }
  }

  /** PixelMed reports repaired files at INFO through java.util.logging; the run records what matters itself. */
  static void quietPixelMed() {
    Logger.getLogger("com.pixelmed").setLevel(Level.SEVERE);
  }
}
