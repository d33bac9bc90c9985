package org.imaginglake.core.dose;

/**
 * The publication a national reference level is taken from.
 *
 * @param id the source's id in the DRL file ({@code source.<id>.*})
 * @param title the document's title
 * @param publisher who publishes it
 * @param year year of the version the values were read from
 * @param url where it is published; may be null
 */
public record DrlSource(String id, String title, String publisher, String year, String url) {

  /** "title. publisher, year. url" as stored in {@code dose_reference_comparison.national_drl_source}. */
  public String citation() {
    return title + ". " + publisher + ", " + year + "." + (url == null ? "" : " " + url);
  }
}
