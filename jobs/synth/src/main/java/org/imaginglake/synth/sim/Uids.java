package org.imaginglake.synth.sim;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * DICOM UIDs derived from the seed and the entity they identify: {@code 2.25.} followed by the decimal value of a
 * name-based (MD5, version 3) UUID of "seed/kind/key" (PS3.5 B.2). The same seed and entity always give the same
 * UID; different entities practically never collide.
 */
public final class Uids {
  private Uids() {}

  public static String of(long seed, String kind, String key) {
    UUID uuid = UUID.nameUUIDFromBytes((seed + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8));
    byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array();
    return "2.25." + new BigInteger(1, bytes);
  }

  static String lesion(long seed, String site, int index) {
    return of(seed, "lesion", site + "/" + index);
  }

  public static String study(long seed, String accession) {
    return of(seed, "study", accession);
  }

  public static String series(long seed, String accession, int seriesNumber) {
    return of(seed, "series", accession + "/" + seriesNumber);
  }

  public static String instance(long seed, String accession, int seriesNumber, int instanceNumber) {
    return of(seed, "instance", accession + "/" + seriesNumber + "/" + instanceNumber);
  }
}
