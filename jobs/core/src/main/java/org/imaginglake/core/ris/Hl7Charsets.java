package org.imaginglake.core.ris;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a message's bytes into text with the character set its MSH-18 names (HL7 table 0211, first repetition), so
 * that names and procedure texts keep their accents.
 *
 * <p>Without MSH-18 the bytes are read as UTF-8 when they are valid UTF-8, else as ISO-8859-1 (8859/1, the usual
 * single-byte RIS encoding; every byte is a character, so nothing is lost or rejected). An MSH-18 value that is not
 * in the table below is read the same way. UTF-16 and UTF-32 are refused: the splitter finds messages by their
 * single-byte {@code MSH}, so a message it found cannot be in those encodings.
 *
 * <p>MSH-18 is read from the bytes by hand because the character set must be known before the text exists; HAPI's
 * {@code PreParser} would do it but costs about half of a full parse.
 */
final class Hl7Charsets {
  private static final Map<String, Charset> TABLE_0211 = Map.ofEntries(
      Map.entry("ASCII", StandardCharsets.US_ASCII),
      Map.entry("ISOIR6", StandardCharsets.US_ASCII),
      Map.entry("88591", StandardCharsets.ISO_8859_1),
      Map.entry("ISOIR100", StandardCharsets.ISO_8859_1),
      Map.entry("88592", Charset.forName("ISO-8859-2")),
      Map.entry("ISOIR101", Charset.forName("ISO-8859-2")),
      Map.entry("88593", Charset.forName("ISO-8859-3")),
      Map.entry("ISOIR109", Charset.forName("ISO-8859-3")),
      Map.entry("88594", Charset.forName("ISO-8859-4")),
      Map.entry("ISOIR110", Charset.forName("ISO-8859-4")),
      Map.entry("88595", Charset.forName("ISO-8859-5")),
      Map.entry("ISOIR144", Charset.forName("ISO-8859-5")),
      Map.entry("88596", Charset.forName("ISO-8859-6")),
      Map.entry("ISOIR127", Charset.forName("ISO-8859-6")),
      Map.entry("88597", Charset.forName("ISO-8859-7")),
      Map.entry("ISOIR126", Charset.forName("ISO-8859-7")),
      Map.entry("88598", Charset.forName("ISO-8859-8")),
      Map.entry("ISOIR138", Charset.forName("ISO-8859-8")),
      Map.entry("88599", Charset.forName("ISO-8859-9")),
      Map.entry("ISOIR148", Charset.forName("ISO-8859-9")),
      Map.entry("885915", Charset.forName("ISO-8859-15")),
      Map.entry("UNICODE", StandardCharsets.UTF_8),
      Map.entry("UNICODEUTF8", StandardCharsets.UTF_8),
      Map.entry("UTF8", StandardCharsets.UTF_8),
      Map.entry("ISOIR192", StandardCharsets.UTF_8),
      Map.entry("GB18030", Charset.forName("GB18030")),
      Map.entry("GB180302000", Charset.forName("GB18030")),
      Map.entry("BIG5", Charset.forName("Big5")),
      Map.entry("KSX1001", Charset.forName("EUC-KR")));

  private Hl7Charsets() {}

  /**
   * The text of {@code bytes}.
   *
   * @throws RisReadException (stage DECODE) when MSH-18 names UTF-16 or UTF-32
   */
  static String decode(byte[] bytes, RisReadException.Where where) throws RisReadException {
    String label = msh18(bytes);
    String key = label == null ? null : label.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    if (key != null && (key.contains("UTF16") || key.contains("UTF32"))) {
      throw new RisReadException(RisReadException.Stage.DECODE, where,
          "MSH-18 character set " + RisReadException.code(label) + " is not supported (only single-byte-compatible "
              + "encodings such as 8859/1 or UNICODE UTF-8)");
    }
    Charset named = key == null ? null : TABLE_0211.get(key);
    if (named != null) {
      return new String(bytes, named);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** MSH-18, first repetition and component, from the first segment; null when absent or blank. */
  static String msh18(byte[] bytes) {
    String v = mshField(bytes, 18);
    if (v == null) {
      return null;
    }
    int component = v.indexOf((char) bytes[4]);
    String first = (component < 0 ? v : v.substring(0, component)).strip();
    return first.isEmpty() ? null : first;
  }

  /**
   * Field {@code n} of the MSH segment at the start of {@code bytes}, first repetition with its components, read
   * as ISO-8859-1 (MSH values are ASCII); null when absent or blank. {@code n} counts as HL7 does: MSH-1 is the
   * field separator itself, MSH-2 the encoding characters.
   */
  static String mshField(byte[] bytes, int n) {
    if (bytes.length < 4 || n < 2) {
      return null;
    }
    byte fieldSep = bytes[3];
    int field = 2; // the text after bytes[3] is MSH-2
    int i = 4;
    while (i < bytes.length && bytes[i] != '\r' && field < n) {
      if (bytes[i] == fieldSep) {
        field++;
      }
      i++;
    }
    if (field < n) {
      return null;
    }
    byte repetitionSep = n == 2 || bytes.length < 6 ? fieldSep : bytes[5];
    int start = i;
    while (i < bytes.length && bytes[i] != '\r' && bytes[i] != fieldSep && bytes[i] != repetitionSep) {
      i++;
    }
    String value = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1).strip();
    return value.isEmpty() ? null : value;
  }
}
