package org.imaginglake.spark.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.ris.Hl7RisReader;
import org.imaginglake.core.ris.RisCsvMapping;
import org.imaginglake.core.ris.RisCsvReader;
import org.imaginglake.core.ris.RisEvent;
import org.imaginglake.core.ris.RisMessageResult;
import org.imaginglake.core.ris.RisReadException;
import org.imaginglake.spark.lake.TableSchema;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Executor side of ingest-ris: each listed file is read as HL7 v2 messages ({@link Hl7RisReader}) or CSV records
 * ({@link RisCsvReader}) and becomes one staging row per message or record: its events, or its quarantine reason.
 * Streams: one message in memory at a time. A file that cannot be opened or read to the end becomes a quarantine row
 * of its own after the messages read before the failure; so does a file with no message or record at all.
 */
final class RisParsePartition implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  static final String PARSED = "parsed";
  static final String QUARANTINED = "quarantined";

  /** How to read files: by extension (.csv is CSV, anything else HL7), or all as one format. */
  enum Format {
    AUTO, HL7, CSV;

    static Format parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown RIS format '" + s + "': use hl7, csv or auto");
      }
    }

    String of(String path) {
      return switch (this) {
        case HL7 -> "hl7";
        case CSV -> "csv";
        case AUTO -> path.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "hl7";
      };
    }
  }

  /** The events of one message: the columns of {@code ris_events} but {@code run_id}, all nullable. */
  static StructType eventSchema() {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : TableSchema.load("ris_events").nullableStructType().fields()) {
      if (RisEvent.COLUMNS.contains(f.name())) {
        fields.add(f);
      }
    }
    StructType s = new StructType(fields.toArray(new StructField[0]));
    if (!List.of(s.fieldNames()).equals(RisEvent.COLUMNS)) {
      throw new IllegalStateException("schemas/ris_events.json and RisEvent.COLUMNS disagree: " + List.of(
          s.fieldNames()) + " vs " + RisEvent.COLUMNS);
    }
    return s;
  }

  static StructType stagingSchema() {
    return new StructType()
        .add("source_path", DataTypes.StringType, false)
        .add("source_size_bytes", DataTypes.LongType, false)
        .add("source_modified_at", DataTypes.TimestampType, false)
        .add("format", DataTypes.StringType, false)
        .add("message_ordinal", DataTypes.IntegerType, false)
        .add("message_offset", DataTypes.LongType, false)
        .add("outcome", DataTypes.StringType, false)
        .add("stage", DataTypes.StringType, true)
        .add("reason", DataTypes.StringType, true)
        .add("message_key", DataTypes.StringType, true)
        .add("message_type", DataTypes.StringType, true)
        .add("message_control_id", DataTypes.StringType, true)
        .add("sending_application", DataTypes.StringType, true)
        .add("sending_facility", DataTypes.StringType, true)
        .add("events", DataTypes.createArrayType(eventSchema(), false), true);
  }

  private final SerializableHadoopConf hadoopConf;
  private final LakeConfig config;
  private final Pseudonymizer pseudonymizer;
  private final Format format;
  private final LongAccumulator filesDone;
  /** One reader per task (HAPI's context costs milliseconds to set up), made on first use. */
  private transient Hl7RisReader hl7Reader;
  private transient RisCsvReader csvReader;

  RisParsePartition(SerializableHadoopConf hadoopConf, LakeConfig config, Pseudonymizer pseudonymizer, Format format,
      LongAccumulator filesDone) {
    this.hadoopConf = hadoopConf;
    this.config = config;
    this.pseudonymizer = pseudonymizer;
    this.format = format;
    this.filesDone = filesDone;
  }

  @Override
  public Iterator<Row> call(Row file) {
    String path = file.getString(0);
    long size = file.getLong(1);
    Instant modified = (Instant) file.get(2);
    String kind = format.of(path);
    return new FileRows(path, size, modified, kind);
  }

  /** The staging rows of one file, read lazily; closes the file after its last message. */
  private final class FileRows implements Iterator<Row> {
    private final String path;
    private final long size;
    private final Instant modified;
    private final String kind;
    private InputStream in;
    private Iterator<RisMessageResult> messages;
    private Row failure;
    private int lastOrdinal;
    private int emitted;
    private boolean done;

    FileRows(String path, long size, Instant modified, String kind) {
      this.path = path;
      this.size = size;
      this.modified = modified;
      this.kind = kind;
    }

    @Override
    public boolean hasNext() {
      if (done) {
        return false;
      }
      if (failure != null) {
        return true;
      }
      try {
        if (messages == null) {
          Path p = new Path(path);
          FileSystem fs = p.getFileSystem(hadoopConf.get());
          in = fs.open(p, 65536);
          messages = "csv".equals(kind) ? csvReader().read(in, path) : hl7Reader().read(in, path);
        }
        if (messages.hasNext()) {
          return true;
        }
        if (emitted == 0) {
          // nothing in the file is a message or record: the file itself is the input, and it is quarantined
          failure = RowFactory.create(path, size, modified, kind, 1, 0L, QUARANTINED, "split",
              "csv".equals(kind) ? "no CSV record in the file" : "no HL7 message in the file (no line starts with MSH)",
              null, null, null, null, null, null);
          return true;
        }
      } catch (IOException | UncheckedIOException e) {
        failure = fileFailure(e);
        return true;
      } catch (RuntimeException e) {
        failure = fileFailure(e);
        return true;
      }
      finish();
      return false;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (failure != null) {
        Row r = failure;
        failure = null;
        finish();
        return r;
      }
      RisMessageResult m;
      try {
        m = messages.next();
      } catch (RuntimeException e) {
        finish();
        return fileFailure(e);
      }
      lastOrdinal = m.where().ordinal();
      emitted++;
      return m.isQuarantined() ? quarantined(m.quarantine()) : parsed(m);
    }

    private void finish() {
      done = true;
      filesDone.add(1);
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // read-only stream: nothing to lose
        }
      }
    }

    private Row parsed(RisMessageResult m) {
      List<RisEvent> events = m.events();
      RisEvent first = events.get(0);
      List<Row> rows = new ArrayList<>(events.size());
      for (RisEvent e : events) {
        rows.add(RowFactory.create(e.values()));
      }
      String key = first.messageControlId() == null ? "csv|" + first.eventId()
          : String.join("|", nullToEmpty(first.sendingApplication()), nullToEmpty(first.sendingFacility()),
              first.messageControlId(), first.messageType());
      return RowFactory.create(path, size, modified, kind, m.where().ordinal(), m.where().offset(), PARSED, null,
          null, key, first.messageType(), first.messageControlId(), first.sendingApplication(),
          first.sendingFacility(), CollectionConverters.asScala(rows).toSeq());
    }

    private Row quarantined(RisReadException q) {
      return RowFactory.create(path, size, modified, kind, q.where().ordinal(), q.where().offset(), QUARANTINED,
          q.stage().label(), q.reason(), null, null, null, null, null, null);
    }

    /** The file could not be opened or read on: one quarantine row after the messages already read. */
    private Row fileFailure(Exception e) {
      return RowFactory.create(path, size, modified, kind, lastOrdinal + 1, -1L, QUARANTINED, "read",
          "cannot read the file after message " + lastOrdinal + ": " + e.getClass().getSimpleName(), null, null,
          null, null, null, null);
    }
  }

  private Hl7RisReader hl7Reader() {
    if (hl7Reader == null) {
      hl7Reader = Hl7RisReader.forConfig(config, pseudonymizer);
    }
    return hl7Reader;
  }

  private RisCsvReader csvReader() {
    if (csvReader == null) {
      csvReader = new RisCsvReader(RisCsvMapping.forConfig(config), pseudonymizer, config.siteTimeZone());
    }
    return csvReader;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
