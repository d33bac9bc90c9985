package org.imaginglake.core.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.imaginglake.core.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped DRL file, a site's own file, and the errors a bad entry gives. */
class ReferenceLevelsTest {
  static final Path SHIPPED = Path.of(System.getProperty("imaginglake.project.dir", "../.."))
      .resolve("conf/dose-reference-levels.properties");

  static final String MINIMAL = """
      source.x.title=National DRLs
      source.x.publisher=Agency
      source.x.year=2024
      category.head.name=CT head
      category.head.modality=ct
      category.head.priority=5
      category.head.target-codes=SCT:69536005, SRT:T-D1100
      level.head-dlp.category=head
      level.head-dlp.quantity=dlp_mgy_cm
      level.head-dlp.scope=study
      level.head-dlp.value=790
      level.head-dlp.source=x
      """;

  static ReferenceLevels parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return ReferenceLevels.of(p, "test.properties");
  }

  @Test
  void shippedFileHoldsTheUkAdultCtLevelsWithTheirSource() {
    ReferenceLevels r = ReferenceLevels.load(SHIPPED);
    DrlLevel headCtdi = level(r, "uk-ct-head-ctdi");
    assertThat(headCtdi.quantity()).isEqualTo(DoseQuantity.CTDI_VOL_MGY);
    assertThat(headCtdi.scope()).isEqualTo(DoseQuantity.Scope.EVENT);
    assertThat(headCtdi.nationalValue()).isEqualTo(47.0);
    assertThat(level(r, "uk-ct-head-dlp").nationalValue()).isEqualTo(790.0);
    assertThat(level(r, "uk-ct-chest-ctdi").nationalValue()).isEqualTo(8.5);
    assertThat(level(r, "uk-ct-chest-abdomen-pelvis-dlp").nationalValue()).isEqualTo(660.0);
    assertThat(level(r, "uk-ct-abdomen-pelvis-dlp").nationalValue()).isEqualTo(530.0);
    assertThat(headCtdi.source().citation()).isEqualTo("National Diagnostic Reference Levels (NDRLs) from 20 November "
        + "2024. UK Health Security Agency (UKHSA), 2024. https://www.gov.uk/government/publications/"
        + "diagnostic-radiology-national-diagnostic-reference-levels-ndrls");
    // Local-only levels: no value, no source.
    assertThat(level(r, "local-dx-chest-dap").nationalValue()).isNull();
    assertThat(level(r, "local-dx-chest-dap").source()).isNull();
    // Every national level names a source; every category is CT, DX/CR, MG or RF.
    assertThat(r.levels()).allMatch(l -> (l.nationalValue() == null) == (l.source() == null));
    // Narrow categories first: CTPA before chest before the combinations.
    List<String> order = r.categories().stream().map(DrlCategory::id).toList();
    assertThat(order.indexOf("ct-ctpa")).isLessThan(order.indexOf("ct-chest"));
    assertThat(order.indexOf("ct-chest")).isLessThan(order.indexOf("ct-chest-abdomen-pelvis"));
    assertThat(r.category("ct-head").orElseThrow().targetCodes()).contains("SCT:69536005", "SRT:T-D1100");
    assertThat(r.category("ct-head").orElseThrow().excludeEventKinds()).containsExactly("DCM:113805");
    assertThat(r.category("ct-head").orElseThrow().pattern()).isEqualTo("\\bhead\\b(?![ _-]*first)|brain");
  }

  @Test
  void aSiteFileIsReadWithModalitiesUpperCasedAndTheDefaultLocalSettings() {
    ReferenceLevels r = parse(MINIMAL);
    assertThat(r.categories()).singleElement().satisfies(c -> {
      assertThat(c.modalities()).containsExactly("CT");
      assertThat(c.priority()).isEqualTo(5);
    });
    assertThat(r.minStudiesPerScanner()).isEqualTo(LakeConfig.DOSE_DRL_MIN_STUDIES_PER_SCANNER_DEFAULT);
    assertThat(r.outlierRule()).isEqualTo(OutlierRule.DEFAULT);
    assertThat(r.withLocalSettings(3, OutlierRule.parse("national:2")).minStudiesPerScanner()).isEqualTo(3);
  }

  @Test
  void dapStatedInGyCm2OrCGyCm2IsConvertedExactlyToGyM2() {
    ReferenceLevels r = parse(MINIMAL + """
        category.chest.name=DX chest
        category.chest.modality=DX
        category.chest.priority=1
        category.chest.pattern=chest
        level.a.category=chest
        level.a.quantity=total_dap_gy_m2
        level.a.scope=study
        level.a.value=0.15
        level.a.unit=Gy.cm2
        level.a.source=x
        level.b.category=chest
        level.b.quantity=total_dap_gy_m2
        level.b.scope=study
        level.b.value=20000
        level.b.unit=cGy·cm²
        level.b.source=x
        level.c.category=chest
        level.c.quantity=total_dap_gy_m2
        level.c.scope=study
        """);
    // 0.15 Gy.cm2 = 0.15 x 1e-4 Gy.m2; 20,000 cGy.cm2 = 20,000 x 1e-6 Gy.m2.
    assertThat(level(r, "a").nationalValue()).isEqualTo(1.5e-5);
    assertThat(level(r, "b").nationalValue()).isEqualTo(0.02);
    assertThat(level(r, "c").nationalValue()).isNull();
  }

  @Test
  void badEntriesStopWithTheKeyTheValueAndTheFix() {
    assertThatThrownBy(() -> parse(MINIMAL + "level.head-dlp.quantity=dose\n"))
        .hasMessageContaining("test.properties").hasMessageContaining("level.head-dlp.quantity")
        .hasMessageContaining("'dose'").hasMessageContaining("ctdi_vol_mgy");
    assertThatThrownBy(() -> parse(MINIMAL.replace("quantity=dlp_mgy_cm", "quantity=ctdi_vol_mgy")))
        .hasMessageContaining("level.head-dlp.scope").hasMessageContaining("not available for ctdi_vol_mgy")
        .hasMessageContaining("[event]");
    assertThatThrownBy(() -> parse(MINIMAL.replace("scope=study", "scope=series")))
        .hasMessageContaining("must be study or event");
    assertThatThrownBy(() -> parse(MINIMAL + "level.head-dlp.unit=Sv\n"))
        .hasMessageContaining("level.head-dlp.unit").hasMessageContaining("'Sv'").hasMessageContaining("mGy.cm");
    assertThatThrownBy(() -> parse(MINIMAL.replace("value=790", "value=-1")))
        .hasMessageContaining("must be above 0");
    assertThatThrownBy(() -> parse(MINIMAL.replace("value=790", "value=lots")))
        .hasMessageContaining("must be a number").hasMessageContaining("'lots'");
    assertThatThrownBy(() -> parse(MINIMAL.replace("source=x", "source=y")))
        .hasMessageContaining("level.head-dlp.source").hasMessageContaining("[x]");
    assertThatThrownBy(() -> parse(MINIMAL.replace("category=head", "category=neck")))
        .hasMessageContaining("level.head-dlp.category").hasMessageContaining("'neck'");
    assertThatThrownBy(() -> parse(MINIMAL.replace("SRT:T-D1100", "T-D1100")))
        .hasMessageContaining("scheme:value").hasMessageContaining("'T-D1100'");
    assertThatThrownBy(() -> parse(MINIMAL + "category.head.pattern=(head\n"))
        .hasMessageContaining("category.head.pattern").hasMessageContaining("regular expression");
    assertThatThrownBy(() -> parse(MINIMAL + "category.head.colour=blue\n"))
        .hasMessageContaining("category.head.colour").hasMessageContaining("target-codes");
    assertThatThrownBy(() -> parse(MINIMAL + "drl.head=1\n"))
        .hasMessageContaining("drl.head").hasMessageContaining("is not a DRL key");
    assertThatThrownBy(() -> parse(MINIMAL.replace("source.x.year=2024\n", "")))
        .hasMessageContaining("source x has no source.x.year");
    assertThatThrownBy(() -> parse(MINIMAL.replace("category.head.target-codes=SCT:69536005, SRT:T-D1100\n", "")))
        .hasMessageContaining("category head matches nothing");
    assertThatThrownBy(() -> parse(MINIMAL.replace("level.head-dlp.value=790\n", "")))
        .hasMessageContaining("has a source or unit but no level.head-dlp.value");
  }

  @Test
  void forConfigReadsTheNamedFileAndTheLocalSettings(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("drl.properties");
    Files.writeString(f, MINIMAL);
    LakeConfig config = LakeConfig.defaults().with(LakeConfig.DOSE_DRL_FILE, f.toString())
        .with(LakeConfig.DOSE_DRL_MIN_STUDIES_PER_SCANNER, "3")
        .with(LakeConfig.DOSE_DRL_OUTLIER_RULE, "national:2");
    ReferenceLevels r = ReferenceLevels.forConfig(config);
    assertThat(r.levels()).extracting(DrlLevel::id).containsExactly("head-dlp");
    assertThat(r.minStudiesPerScanner()).isEqualTo(3);
    assertThat(r.outlierRule()).isEqualTo(new OutlierRule(OutlierRule.Kind.NATIONAL, 2));
    assertThatThrownBy(() -> ReferenceLevels.forConfig(config.with(LakeConfig.DOSE_DRL_OUTLIER_RULE, "tukey")))
        .hasMessageContaining("dose.drl.outlier-rule").hasMessageContaining("'tukey'");
    assertThatThrownBy(() -> ReferenceLevels.forConfig(config.with(LakeConfig.DOSE_DRL_FILE, "nope.properties")))
        .hasMessageContaining("nope.properties").hasMessageContaining("dose.drl.file");
  }

  static DrlLevel level(ReferenceLevels r, String id) {
    return r.levels().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
  }
}
