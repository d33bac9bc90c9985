package org.imaginglake.core.dose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The category rule of {@link DrlCategory}, on purpose-built studies. */
class CategoryMatcherTest {
  static final DrlCategory CTPA = new DrlCategory("ct-ctpa", "CT pulmonary angiography", Set.of("CT"), 10,
      Set.of(), "\\bCTPA\\b|pulmonary (angio|embol)", null, Set.of());
  static final DrlCategory CHEST = new DrlCategory("ct-chest", "CT chest", Set.of("CT"), 20,
      Set.of("SRT:T-D3000", "SCT:51185008"), "^chest\\b", "abdomen", Set.of());
  static final CategoryMatcher MATCHER = new CategoryMatcher(List.of(CTPA, CHEST));

  @Test
  void firstCategoryInOrderWins() {
    // coded chest, but the description names a CTPA: the narrower category comes first
    assertThat(MATCHER.categoryOf("CT", List.of("SRT:T-D3000"), "CTPA\nChest")).isEqualTo("ct-ctpa");
  }

  @Test
  void everyCodeMustBeListedAndTextIsCaseInsensitivePerLine() {
    assertThat(MATCHER.categoryOf("ct", List.of("SRT:T-D3000", "SCT:51185008"), null)).isEqualTo("ct-chest");
    assertThat(MATCHER.categoryOf("CT", List.of("SRT:T-D3000", "SRT:T-D4000"), "Thorax")).isNull();
    assertThat(MATCHER.categoryOf("CT", List.of(), "Routine\nCHEST high res")).isEqualTo("ct-chest");
  }

  @Test
  void excludePatternAndModalityRuleOut() {
    assertThat(MATCHER.categoryOf("CT", List.of("SRT:T-D3000"), "chest abdomen pelvis")).isNull();
    assertThat(MATCHER.categoryOf("DX", List.of("SRT:T-D3000"), "chest")).isNull();
    assertThat(MATCHER.categoryOf(null, List.of("SRT:T-D3000"), "chest")).isNull();
  }
}
