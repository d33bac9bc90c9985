package org.imaginglake.spark.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lake written before dicom_instances had its dose columns is brought up to the schema file. */
class LakeUpgradeTest {
  static final List<String> NEW_COLUMNS = List.of("dap_gy_m2", "entrance_dose_mgy", "organ_dose_mgy",
      "exposure_time_s", "irradiation_event_uid", "image_laterality");

  @TempDir
  Path dir;

  @Test
  void missingNullableColumnsAreAddedAtTheirPlaceWithTheirComment() {
    SparkSession spark = TestSpark.session();
    Lake lake = new Lake(spark, dir.toString());
    StructType current = TableSchema.load(LakeTables.DICOM_INSTANCES).structType();
    StructType old = new StructType();
    for (StructField f : current.fields()) {
      if (!NEW_COLUMNS.contains(f.name())) {
        old = old.add(f);
      }
    }
    DeltaTable.create(spark).location(lake.path(LakeTables.DICOM_INSTANCES)).addColumns(old).execute();

    assertThat(lake.upgrade(LakeTables.DICOM_INSTANCES)).containsExactlyElementsOf(NEW_COLUMNS);

    StructType now = lake.read(LakeTables.DICOM_INSTANCES).schema();
    assertThat(now.fieldNames()).containsExactly(current.fieldNames());
    assertThat(now.apply("organ_dose_mgy").getComment().get()).contains("(0040,0316)");
    assertThat(lake.upgrade(LakeTables.DICOM_INSTANCES)).as("a second upgrade has nothing to do").isEmpty();
  }
}
