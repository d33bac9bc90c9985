package org.imaginglake.spark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parse task counts (no Spark session needed). */
class SourceRegistryTest {
  @Test
  void parseTasksFillEveryWave() {
    assertThat(SourceRegistry.partitions(10_000, 2000, 2)).as("5 tasks would leave a core idle").isEqualTo(6);
    assertThat(SourceRegistry.partitions(10_000, 1000, 2)).isEqualTo(10);
    assertThat(SourceRegistry.partitions(20_001, 1000, 2)).isEqualTo(22);
    assertThat(SourceRegistry.partitions(11, 1000, 2)).isEqualTo(2);
    assertThat(SourceRegistry.partitions(1, 1000, 8)).as("never more tasks than files").isEqualTo(1);
    assertThat(SourceRegistry.partitions(50_000_000, 1000, 8)).as("at most 10,000 tasks").isEqualTo(10_000);
  }
}
