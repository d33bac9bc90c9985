package org.imaginglake.core.ris;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.imaginglake.core.ris.RisReadException.Stage;
import org.imaginglake.core.ris.RisReadException.Where;

/**
 * Reads a RIS CSV export into events through a {@link RisCsvMapping}, with Apache Commons CSV (header row, quoted
 * fields, a BOM tolerated). Every record gives one {@link RisMessageResult}: its events, or a quarantine naming the
 * record, its line and the column at fault (never the value). A header that lacks a mapped column quarantines the
 * file as record 0.
 *
 * <p>Event IDs: SHA-256 of {@code CSV}, the accession and placer-order pseudonyms, the event type and the event time,
 * so the same event in a later, overlapping export has the same ID. {@code message_type} is {@code CSV},
 * {@code message_control_id} is null and {@code message_ordinal} is the record number. Streaming, one record in
 * memory; not thread-safe.
 */
public final class RisCsvReader {
  private final RisCsvMapping mapping;
  private final Pseudonymizer pseudonymizer;
  private final ZoneId zone;

  /** @param siteZone the zone of times without an offset, unless the mapping names its own */
  public RisCsvReader(RisCsvMapping mapping, Pseudonymizer pseudonymizer, ZoneId siteZone) {
    this.mapping = mapping;
    this.pseudonymizer = pseudonymizer;
    this.zone = mapping.timeZone() != null ? mapping.timeZone() : siteZone;
  }

  /** The results of every record in {@code in}, lazily; the caller closes the stream after the iteration. */
  public Iterator<RisMessageResult> read(InputStream in, String sourcePath) {
    CSVParser parser;
    try {
      parser = CSVFormat.DEFAULT.builder().setDelimiter(mapping.delimiter()).setHeader().setSkipHeaderRecord(true)
          .setIgnoreSurroundingSpaces(true).get()
          .parse(new InputStreamReader(BOMInputStream.builder().setInputStream(in).get(), mapping.charset()));
    } catch (IOException | UncheckedIOException e) {
      return List.of(RisMessageResult.quarantined(new RisReadException(Stage.PARSE,
          new Where(sourcePath, "csv", 0, 1), "header row cannot be read (" + e.getClass().getSimpleName() + ")")))
          .iterator();
    }
    Set<String> missing = new TreeSet<>();
    mapping.columns().values().forEach(c -> addIfMissing(parser.getHeaderMap(), c, missing));
    mapping.timeColumns().values().forEach(c -> addIfMissing(parser.getHeaderMap(), c, missing));
    if (!missing.isEmpty()) {
      return List.of(RisMessageResult.quarantined(new RisReadException(Stage.PARSE,
          new Where(sourcePath, "csv", 0, 1), "header lacks the mapped column(s) " + missing
              + " (setting ris.csv.mapping)"))).iterator();
    }
    Iterator<CSVRecord> records = parser.iterator();
    return new Iterator<>() {
      private boolean broken;

      @Override
      public boolean hasNext() {
        try {
          return !broken && records.hasNext();
        } catch (UncheckedIOException e) {
          return !broken;
        }
      }

      @Override
      public RisMessageResult next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          CSVRecord r = records.next();
          Where where = new Where(sourcePath, "csv", (int) r.getRecordNumber(), parser.getCurrentLineNumber());
          return record(r, where);
        } catch (UncheckedIOException | IllegalStateException e) {
          broken = true; // the parser cannot go on after malformed quoting
          return RisMessageResult.quarantined(new RisReadException(Stage.PARSE,
              new Where(sourcePath, "csv", (int) parser.getRecordNumber() + 1, parser.getCurrentLineNumber()),
              "malformed CSV (unbalanced quotes?); the rest of the file is not read"));
        }
      }
    };
  }

  private static void addIfMissing(Map<String, Integer> header, String column, Set<String> missing) {
    if (!header.containsKey(column)) {
      missing.add(column);
    }
  }

  private RisMessageResult record(CSVRecord r, Where where) {
    try {
      if (!r.isConsistent()) {
        throw new RisReadException(Stage.PARSE, where, "record has " + r.size() + " fields, the header "
            + r.getParser().getHeaderNames().size());
      }
      EventDraft base = new EventDraft(null, null);
      base.accessionPseudoId = pseudonymizer.pseudonym(Namespace.ACCESSION_NUMBER, value(r, "accession"));
      base.placerOrderPseudoId = pseudonymizer.pseudonym(Namespace.PLACER_ORDER_NUMBER, value(r, "placer_order"));
      if (base.accessionPseudoId == null && base.placerOrderPseudoId == null) {
        throw new RisReadException(Stage.MAP, where, "no accession or order number (columns "
            + mapping.columns().get("accession") + ", " + mapping.columns().get("placer_order") + ")");
      }
      base.patientPseudoId = pseudonymizer.pseudonym(Namespace.PATIENT_ID, value(r, "patient_id"));
      base.procedureCode = value(r, "procedure_code");
      base.procedureText = value(r, "procedure_text");
      String modality = value(r, "modality");
      base.modality = modality == null ? null : modality.toUpperCase(Locale.ROOT);
      base.priority = RisCodes.priority(value(r, "priority"));
      base.patientClass = RisCodes.patientClass(value(r, "patient_class"));
      base.site = value(r, "site");
      base.performingResource = value(r, "performing_resource");
      base.readerId = Hl7EventMapper.staffId(value(r, "reader_id"));
      base.scheduledTime = time(r, mapping.columns().get("scheduled_time"), where);
      List<EventDraft> drafts = new ArrayList<>();
      for (Map.Entry<RisEventType, String> e : mapping.timeColumns().entrySet()) {
        Instant t = time(r, e.getValue(), where);
        if (t != null) {
          drafts.add(base.as(e.getKey(), t));
        }
      }
      String status = value(r, "event_type");
      if (status != null) {
        RisEventType type = mapping.eventValues().get(status);
        if (type == null) {
          throw new RisReadException(Stage.MAP, where, "column " + mapping.columns().get("event_type") + ": value "
              + RisReadException.code(status) + " is not in the mapping's event.<value> entries");
        }
        Instant t = time(r, mapping.columns().get("event_time"), where);
        if (t == null) {
          throw new RisReadException(Stage.MAP, where, "column " + mapping.columns().get("event_time") + " empty");
        }
        drafts.add(base.as(type, t));
      }
      if (drafts.isEmpty()) {
        throw new RisReadException(Stage.MAP, where, "no event: every mapped time column is empty");
      }
      EventDraft.MessageInfo info = new EventDraft.MessageInfo("CSV", null, where.sourcePath(), null, null, null,
          null, where.ordinal());
      List<RisEvent> events = new ArrayList<>(drafts.size());
      for (EventDraft d : drafts) {
        String id = RisEvent.eventId("CSV", d.accessionPseudoId, d.placerOrderPseudoId, d.type.name(),
            d.time.toString());
        events.add(d.toEvent(id, info, events.size()));
      }
      return RisMessageResult.of(where, events);
    } catch (RisReadException e) {
      return RisMessageResult.quarantined(e);
    }
  }

  private String value(CSVRecord r, String field) {
    String column = mapping.columns().get(field);
    if (column == null || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column).strip();
    return v.isEmpty() ? null : v;
  }

  /** The instant in {@code column}; null when unmapped or empty; a quarantine when not in the mapping's format. */
  private Instant time(CSVRecord r, String column, Where where) throws RisReadException {
    if (column == null || !r.isSet(column) || r.get(column).isBlank()) {
      return null;
    }
    try {
      TemporalAccessor t = mapping.timeFormat().parseBest(r.get(column).strip(), ZonedDateTime::from,
          LocalDateTime::from);
      return t instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new RisReadException(Stage.MAP, where, "column " + column + ": value is not a time in the mapping's "
          + "time.format");
    }
  }
}
