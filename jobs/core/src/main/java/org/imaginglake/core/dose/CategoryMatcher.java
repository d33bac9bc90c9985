package org.imaginglake.core.dose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first {@link DrlCategory} a study matches, by the rule documented there, as plain Java: patterns compiled once
 * per matcher, not per row. Serializable, so that one matcher can be shipped to the executors inside a function.
 */
public final class CategoryMatcher implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<DrlCategory> categories;
  private transient List<Pattern[]> compiled;

  /** {@code categories} in the order they are tried (priority order, as {@link ReferenceLevels#categories()}). */
  public CategoryMatcher(List<DrlCategory> categories) {
    this.categories = List.copyOf(categories);
  }

  /**
   * The id of the first category matched by a study of {@code modality} whose events have the coded target regions
   * {@code codes} (scheme:value) and whose text (description, protocols, region meanings; one per line) is
   * {@code text}; null when none matches.
   */
  public String categoryOf(String modality, Collection<String> codes, String text) {
    if (compiled == null) {
      List<Pattern[]> c = new ArrayList<>();
      for (DrlCategory cat : categories) {
        c.add(new Pattern[] {compile(cat.pattern()), compile(cat.excludePattern())});
      }
      compiled = c;
    }
    String m = modality == null ? null : modality.toUpperCase(Locale.ROOT);
    for (int i = 0; i < categories.size(); i++) {
      DrlCategory cat = categories.get(i);
      if (m == null || !cat.modalities().contains(m)) {
        continue;
      }
      Pattern[] p = compiled.get(i);
      if (found(p[1], text)) {
        continue;
      }
      boolean byCodes = !cat.targetCodes().isEmpty() && codes != null && !codes.isEmpty()
          && cat.targetCodes().containsAll(codes);
      if (byCodes || found(p[0], text)) {
        return cat.id();
      }
    }
    return null;
  }

  private static Pattern compile(String regex) {
    return regex == null ? null : Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  }

  private static boolean found(Pattern p, String text) {
    return p != null && text != null && p.matcher(text).find();
  }
}
