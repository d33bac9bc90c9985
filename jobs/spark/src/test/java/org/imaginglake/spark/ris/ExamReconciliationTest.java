package org.imaginglake.spark.ris;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matching exams to studies, and the three flags, on purpose-built cases. */
class ExamReconciliationTest {
  static final StructType EXAMS = new StructType()
      .add("accession_pseudo_id", DataTypes.StringType)
      .add("patient_pseudo_id", DataTypes.StringType)
      .add("modality", DataTypes.StringType)
      .add("ordered_at", DataTypes.TimestampType)
      .add("scheduled_at", DataTypes.TimestampType)
      .add("exam_started_at", DataTypes.TimestampType)
      .add("exam_completed_at", DataTypes.TimestampType)
      .add("cancelled_at", DataTypes.TimestampType)
      .add("no_show_at", DataTypes.TimestampType);
  static final StructType STUDIES = new StructType()
      .add("study_instance_uid", DataTypes.StringType)
      .add("accession_pseudo_id", DataTypes.StringType)
      .add("patient_pseudo_id", DataTypes.StringType)
      .add("modalities", DataTypes.createArrayType(DataTypes.StringType))
      .add("first_acquisition_at", DataTypes.TimestampType)
      .add("last_acquisition_at", DataTypes.TimestampType);

  static Map<String, Row> byKey;

  static Instant t(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z");
  }

  static Row exam(String acc, String patient, String modality, String start, String end, boolean cancelled) {
    return RowFactory.create(acc, patient, modality, t("07:00"), null, start == null ? null : t(start),
        end == null ? null : t(end), cancelled ? t("07:30") : null, null);
  }

  static Row study(String uid, String acc, String patient, String modality, String first, String last) {
    return RowFactory.create(uid, acc, patient, List.of(modality), t(first), t(last));
  }

  @BeforeAll
  static void reconcile() {
    SparkSession spark = TestSpark.session();
    var exams = spark.createDataFrame(List.of(
        exam("acc1", "p1", "CT", "10:00", "10:20", false),   // matched by accession, times agree
        exam("acc2", "p2", "CT", "10:00", "10:30", false),   // study without accession: window match, 20 min late
        exam("acc3", "p3", "MR", "11:00", null, false),      // no images
        exam("acc4", "p4", "MR", null, null, true),          // cancelled, no images: no flag
        exam("acc6", "p6", "CT", "12:50", "13:10", false)),  // two candidate studies: the nearer wins
        EXAMS);
    var studies = spark.createDataFrame(List.of(
        study("s1", "acc1", "p1", "CT", "10:02", "10:18"),
        study("s2", null, "p2", "CT", "10:20", "10:31"),
        study("s5", "unknown", "p5", "US", "09:00", "09:10"),
        study("s6a", null, "p6", "CT", "10:00", "10:05"),
        study("s6b", null, "p6", "CT", "13:00", "13:05"),
        study("s7", null, "p2", "MR", "10:05", "10:10")),   // same patient as acc2, other modality: not matched
        STUDIES);
    byKey = new TreeMap<>();
    for (Row r : ExamReconciliation.build(exams, studies, Duration.ofHours(24), Duration.ofMinutes(15), "run-9")
        .collectAsList()) {
      byKey.put(r.getAs("accession_pseudo_id") + "/" + r.getAs("study_instance_uid"), r);
    }
  }

  @Test
  void everyExamAndStudyIsOneRow() {
    assertThat(byKey).containsOnlyKeys("acc1/s1", "acc2/s2", "acc3/null", "acc4/null", "acc6/s6b", "null/s5",
        "null/s6a", "null/s7");
  }

  @Test
  void matchesByAccessionThenByPatientModalityAndTime() {
    assertThat((String) byKey.get("acc1/s1").getAs("match_method")).isEqualTo("accession");
    assertThat((String) byKey.get("acc2/s2").getAs("match_method")).isEqualTo("patient_modality_window");
    assertThat((String) byKey.get("acc6/s6b").getAs("match_method")).isEqualTo("patient_modality_window");
    assertThat((String) byKey.get("acc3/null").getAs("match_method")).isEqualTo("none");
    assertThat((String) byKey.get("null/s5").getAs("match_method")).isEqualTo("none");
    assertThat((Double) byKey.get("acc1/s1").getAs("start_difference_s")).isEqualTo(120.0);
    assertThat((Double) byKey.get("acc1/s1").getAs("end_difference_s")).isEqualTo(-120.0);
    assertThat((Double) byKey.get("acc2/s2").getAs("start_difference_s")).isEqualTo(1200.0);
  }

  @Test
  void flags() {
    assertFlags("acc1/s1", false, false, false);
    assertFlags("acc2/s2", false, false, true);
    assertFlags("acc3/null", false, true, false);
    assertFlags("acc4/null", false, false, false);
    assertFlags("acc6/s6b", false, false, false);
    assertFlags("null/s5", true, false, false);
    assertFlags("null/s6a", true, false, false);
    assertFlags("null/s7", true, false, false);
    assertThat((String) byKey.get("null/s5").getAs("modality")).isEqualTo("US");
    assertThat((String) byKey.get("null/s5").getAs("patient_pseudo_id")).isEqualTo("p5");
  }

  private static void assertFlags(String key, boolean imagesWithoutOrder, boolean orderWithoutImages,
      boolean timesDisagree) {
    Row r = byKey.get(key);
    assertThat((Boolean) r.getAs("images_without_order")).as(key + " images_without_order").isEqualTo(imagesWithoutOrder);
    assertThat((Boolean) r.getAs("order_without_images")).as(key + " order_without_images").isEqualTo(orderWithoutImages);
    assertThat((Boolean) r.getAs("times_disagree")).as(key + " times_disagree").isEqualTo(timesDisagree);
  }
}
