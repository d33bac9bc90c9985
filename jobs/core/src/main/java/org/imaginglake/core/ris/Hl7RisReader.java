package org.imaginglake.core.ris;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.EncodingNotSupportedException;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Set;
import org.imaginglake.core.config.LakeConfig;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.ris.RisReadException.Stage;
import org.imaginglake.core.ris.RisReadException.Where;

/**
 * Reads a file of HL7 v2 messages into RIS events: {@link Hl7Splitter} cuts it into messages, {@link Hl7Charsets}
 * decodes each with its MSH-18, HAPI parses it, {@link Hl7EventMapper} turns it into events. Every message gives one
 * {@link RisMessageResult}: events, or a quarantine with the stage and reason; one bad message never stops the
 * others.
 *
 * <p>HAPI is used with its generic model ({@link GenericModelClassFactory}) and validation off: every version from
 * 2.1 to 2.8.1 parses into the same flat list of segments in wire order, fields are read by position, and a value in
 * an unusual place is read rather than refused (docs/decisions.md).
 *
 * <p>Cost: streaming, one message in memory at a time; per message one decode, one HAPI parse and a few dozen field
 * look-ups. Not thread-safe (HAPI's parser state): use one reader per thread or Spark task.
 */
public final class Hl7RisReader {
  /** Message types with a mapping (MSH-9.1); within them {@link Hl7EventMapper} decides by trigger. */
  private static final Set<String> TYPES = Set.of("ORM", "OMI", "OMG", "ORU", "MDM", "SIU", "ADT");

  private final Hl7EventMapper mapper;
  private final int maxMessageBytes;
  private final PipeParser parser;

  /**
   * @param pseudonymizer the lake's pseudonymizer (the same key as the DICOM side)
   * @param siteZone the zone of timestamps that carry no offset
   * @param maxMessageBytes the largest message read; longer ones are quarantined
   */
  public Hl7RisReader(Pseudonymizer pseudonymizer, ZoneId siteZone, int maxMessageBytes) {
    this.mapper = new Hl7EventMapper(pseudonymizer, siteZone);
    this.maxMessageBytes = maxMessageBytes;
    HapiContext context = new DefaultHapiContext(new GenericModelClassFactory());
    context.setValidationContext(ValidationContextFactory.noValidation());
    this.parser = context.getPipeParser();
  }

  /** A reader with the site zone and size limit of {@code config}. */
  public static Hl7RisReader forConfig(LakeConfig config, Pseudonymizer pseudonymizer) {
    return new Hl7RisReader(pseudonymizer, config.siteTimeZone(),
        config.getInt(LakeConfig.RIS_HL7_MAX_MESSAGE_BYTES, LakeConfig.RIS_HL7_MAX_MESSAGE_BYTES_DEFAULT));
  }

  /**
   * The results of every message in {@code in}, lazily, in file order. The caller closes the stream after the
   * iteration; an I/O error surfaces as {@link java.io.UncheckedIOException}.
   */
  public Iterator<RisMessageResult> read(InputStream in, String sourcePath) {
    Hl7Splitter splitter = new Hl7Splitter(in, maxMessageBytes);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return splitter.hasNext();
      }

      @Override
      public RisMessageResult next() {
        return read(splitter.next(), sourcePath);
      }
    };
  }

  /** The result of one message cut out by an {@link Hl7Splitter}. */
  public RisMessageResult read(RawHl7Message raw, String sourcePath) {
    Where where = new Where(sourcePath, "hl7", raw.ordinal(), raw.offsetBytes());
    try {
      if (!raw.ok()) {
        throw new RisReadException(Stage.SPLIT, where, raw.problem());
      }
      checkHeader(raw.bytes(), where);
      checkSegments(raw.bytes(), where);
      String text = Hl7Charsets.decode(raw.bytes(), where);
      return RisMessageResult.of(where, mapper.map(parse(text, where), where));
    } catch (RisReadException e) {
      return RisMessageResult.quarantined(e);
    } catch (RuntimeException e) {
      return RisMessageResult.quarantined(new RisReadException(Stage.MAP, where,
          "unexpected error while mapping (" + e.getClass().getSimpleName() + "); a defect to report"));
    }
  }

  /** What can be told from MSH before parsing: encoding characters, version, message type. */
  private static void checkHeader(byte[] bytes, Where where) throws RisReadException {
    String encoding = Hl7Charsets.mshField(bytes, 2);
    if (encoding == null || encoding.length() < 4) {
      throw new RisReadException(Stage.PARSE, where, "MSH-2 encoding characters incomplete: "
          + (encoding == null ? 0 : encoding.length()) + " of 4");
    }
    String version = Hl7Charsets.mshField(bytes, 12);
    String v = version == null ? null : version.split("\\Q" + (char) bytes[4] + "\\E", 2)[0];
    if (v == null || Version.versionOf(v) == null) {
      throw new RisReadException(Stage.PARSE, where, "MSH-12 HL7 version " + RisReadException.code(v)
          + " not supported (2.1 to 2.8.1)");
    }
    String type = Hl7Charsets.mshField(bytes, 9);
    String typeCode = type == null ? null : type.split("\\Q" + (char) bytes[4] + "\\E", 2)[0];
    if (typeCode == null || !TYPES.contains(typeCode)) {
      throw new RisReadException(Stage.MAP, where, "MSH-9 message type " + RisReadException.code(type)
          + " not supported");
    }
  }

  /**
   * Every segment starts with a segment ID and the field separator. HAPI refuses a message where one does not
   * without saying where; a line break inside a field (seen in long base64 values) is the usual cause.
   */
  private static void checkSegments(byte[] bytes, Where where) throws RisReadException {
    byte fieldSep = bytes[3];
    int segment = 1;
    for (int i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] == '\r') {
        segment++;
        int s = i + 1;
        boolean id = s + 3 <= bytes.length && isIdChar(bytes[s]) && isIdChar(bytes[s + 1]) && isIdChar(bytes[s + 2])
            && (s + 3 == bytes.length || bytes[s + 3] == fieldSep || bytes[s + 3] == '\r');
        if (!id) {
          throw new RisReadException(Stage.PARSE, where, "segment " + segment + " does not start with a segment ID "
              + "and the field separator (a line break inside a field?)");
        }
      }
    }
  }

  private static boolean isIdChar(byte b) {
    return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
  }

  /** HAPI's parse; its exception messages quote the message, so only the exception's kind is kept. */
  private Message parse(String text, Where where) throws RisReadException {
    try {
      return parser.parse(text);
    } catch (EncodingNotSupportedException e) {
      throw new RisReadException(Stage.PARSE, where, "not an ER7 (pipe-delimited) HL7 message");
    } catch (HL7Exception | RuntimeException e) {
      throw new RisReadException(Stage.PARSE, where, "HAPI could not parse the message ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
