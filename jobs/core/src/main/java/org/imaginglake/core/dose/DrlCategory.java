package org.imaginglake.core.dose;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * An examination category of reference levels (e.g. "CT head") and how a study is recognised as one. A study
 * belongs to the first category, in {@code priority} order (then id), that it matches:
 * <ul>
 *   <li>its modality is one of {@code modalities}, and</li>
 *   <li>{@code excludePattern} finds nothing in its text, and</li>
 *   <li>either every coded target region of its events is one of {@code targetCodes} (scheme:value; a study with no
 *       coded region does not match by codes), or {@code pattern} finds a match in its text.</li>
 * </ul>
 * The text is the study description, the events' acquisition protocols and target region meanings, each on its own
 * line; patterns are Java regular expressions, matched case-insensitively anywhere in a line.
 *
 * @param id the category's id in the DRL file ({@code category.<id>.*})
 * @param name display name
 * @param modalities modalities the category applies to (CT, DX, ...)
 * @param priority lower first; put narrow categories before the broad ones that contain them
 * @param targetCodes Target Region codes as scheme:value
 * @param pattern regular expression, may be null
 * @param excludePattern regular expression, may be null
 * @param excludeEventKinds event_kind_code values (scheme:value) whose events are not compared at event scope
 *     (e.g. DCM:113805 Constant Angle Acquisition, the CT localizer)
 */
public record DrlCategory(String id, String name, Set<String> modalities, int priority, Set<String> targetCodes,
    String pattern, String excludePattern, Set<String> excludeEventKinds) implements java.io.Serializable {

  public DrlCategory {
    modalities = Collections.unmodifiableSet(new TreeSet<>(modalities));
    targetCodes = Collections.unmodifiableSet(new TreeSet<>(targetCodes));
    excludeEventKinds = Collections.unmodifiableSet(new TreeSet<>(excludeEventKinds));
  }
}
