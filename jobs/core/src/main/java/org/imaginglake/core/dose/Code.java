package org.imaginglake.core.dose;

/**
 * A coded concept. Equality for matching is {@link #is(Code)}: code value and coding scheme designator only, never the
 * meaning, which is kept for display. The scheme is compared without a version suffix ("UCUM[1.4]" is UCUM).
 */
public record Code(String value, String scheme, String meaning) {

  static Code of(String value, String scheme) {
    return new Code(value, scheme, null);
  }

  /** Same code value and coding scheme designator, whatever the meanings say. */
  public boolean is(Code other) {
    return other != null && value.equals(other.value) && scheme.equals(other.scheme);
  }

  @Override
  public String toString() {
    return "(" + value + ", " + scheme + (meaning == null ? "" : ", \"" + meaning + "\"") + ")";
  }
}
