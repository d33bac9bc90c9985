package org.imaginglake.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeConfigTest {
  @Test
  void fileOverridesDefaultsAndOptionsOverrideTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("site.properties");
    Files.writeString(f, "site.time-zone=Europe/Paris\nlake.dir=/data/lake\n");
    LakeConfig c = LakeConfig.load(f);
    assertThat(c.siteTimeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(c.lakeDir()).isEqualTo("/data/lake");
    assertThat(c.with(LakeConfig.LAKE_DIR, "other").lakeDir()).isEqualTo("other");
    assertThat(c.with(LakeConfig.LAKE_DIR, null).lakeDir()).isEqualTo("/data/lake");
    assertThat(c.sparkMaster()).isEqualTo(LakeConfig.SPARK_MASTER_DEFAULT);
  }

  @Test
  void badValuesAreRefusedWithTheKeyAndTheValue(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "site.time-zone=Mars/Olympus\n");
    assertThatThrownBy(() -> LakeConfig.load(f)).hasMessageContaining("site.time-zone").hasMessageContaining("Mars");
    assertThatThrownBy(() -> LakeConfig.defaults().with(LakeConfig.INGEST_FILES_PER_TASK, "many"))
        .hasMessageContaining("ingest.files-per-task").hasMessageContaining("many");
    assertThatThrownBy(() -> LakeConfig.load(dir.resolve("nope.properties"))).hasMessageContaining("nope.properties");
  }
}
