package org.imaginglake.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 over a namespace and a normalised identifier, cut to 128 bits, lower-case hex.
 *
 * <p>The same key gives the same pseudonym for the same identifier in every job (DICOM headers, HL7 messages, CSV
 * exports), which is what lets the lake join them without ever storing the identifier. The namespace keeps the
 * domains apart: a patient ID and an accession number with the same text get different pseudonyms.
 *
 * <p>Normalisation: leading and trailing spaces (DICOM pads values to even length) and NUL padding are removed; case
 * is kept, because identifiers are case-sensitive in both DICOM and HL7. A blank identifier has no pseudonym
 * ({@code null}).
 *
 * <p>Instances are immutable and thread-safe; each call takes a {@link Mac} from a thread-local, so the cost is one
 * HMAC (about a microsecond), with no allocation beyond the result.
 */
public final class Pseudonymizer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int OUTPUT_BYTES = 16;

  /** The identifier domains; the name is part of the HMAC input. */
  public enum Namespace {
    PATIENT_ID("patient_id"),
    ACCESSION_NUMBER("accession_number"),
    PLACER_ORDER_NUMBER("placer_order_number"),
    FILLER_ORDER_NUMBER("filler_order_number"),
    /** Other identifiers removed by the de-identification profile but kept linkable (Study ID, procedure IDs…). */
    OTHER_ID("other_id");

    private final byte[] prefix;

    Namespace(String label) {
      this.prefix = (label + '\u0000').getBytes(StandardCharsets.UTF_8);
    }
  }

  private final byte[] key;
  private final String keyLabel;
  private transient ThreadLocal<Mac> macs;

  /**
   * @param key the secret, at least 16 bytes
   * @param keyLabel where the key came from (for run records and messages; never the key itself)
   */
  public Pseudonymizer(byte[] key, String keyLabel) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException(
          "Pseudonymisation key must be at least 16 bytes, got " + (key == null ? 0 : key.length)
              + " (from " + keyLabel + "). Generate one with: head -c 32 /dev/urandom | base64");
    }
    this.key = key.clone();
    this.keyLabel = keyLabel;
  }

  /** Where the key came from, e.g. {@code env:IMAGING_LAKE_PSEUDONYM_KEY} or a file name. */
  public String keyLabel() {
    return keyLabel;
  }

  /** The pseudonym of {@code value} in {@code namespace}, or {@code null} when the value is null or blank. */
  public String pseudonym(Namespace namespace, String value) {
    String normalised = normalise(value);
    if (normalised == null) {
      return null;
    }
    Mac mac = mac();
    mac.update(namespace.prefix);
    byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, OUTPUT_BYTES);
  }

  static String normalise(String value) {
    if (value == null) {
      return null;
    }
    int start = 0;
    int end = value.length();
    while (start < end && isPad(value.charAt(start))) {
      start++;
    }
    while (end > start && isPad(value.charAt(end - 1))) {
      end--;
    }
    return start == end ? null : value.substring(start, end);
  }

  private static boolean isPad(char c) {
    return c == ' ' || c == '\u0000' || c == '\t' || c == '\r' || c == '\n';
  }

  private Mac mac() {
    if (macs == null) {
      macs = ThreadLocal.withInitial(this::newMac);
    }
    return macs.get();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }
}
