package org.imaginglake.spark.ris;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.spark.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** exams from purpose-built events: stage times, status, history, and independence from arrival order. */
class ExamTimelinesTest {
  static final StructType EVENTS = new StructType()
      .add("event_id", DataTypes.StringType)
      .add("event_type", DataTypes.StringType)
      .add("event_time", DataTypes.TimestampType)
      .add("accession_pseudo_id", DataTypes.StringType)
      .add("patient_pseudo_id", DataTypes.StringType)
      .add("placer_order_pseudo_id", DataTypes.StringType)
      .add("filler_order_pseudo_id", DataTypes.StringType)
      .add("procedure_code", DataTypes.StringType)
      .add("procedure_text", DataTypes.StringType)
      .add("modality", DataTypes.StringType)
      .add("priority", DataTypes.StringType)
      .add("patient_class", DataTypes.StringType)
      .add("site", DataTypes.StringType)
      .add("performing_resource", DataTypes.StringType)
      .add("reader_id", DataTypes.StringType)
      .add("message_type", DataTypes.StringType)
      .add("scheduled_time", DataTypes.TimestampType);

  static Row event(String id, String type, String time, String accession, String priority, String reader) {
    return RowFactory.create(id, type, Instant.parse(time), accession, accession == null ? "P9" : "P-" + accession,
        accession == null ? null : "ORD-" + accession, null, "CTHEAD", "CT head", "CT", priority, "OUTPATIENT",
        "SITE-A", "CT1", reader, "ORM^O01", null);
  }

  /** One reported exam, one cancelled, one with a late preliminary report, one patient-level event. */
  static List<Row> events() {
    return List.of(
        event("a1", "ORDERED", "2026-03-02T08:00:00Z", "A", "ROUTINE", null),
        event("a2", "SCHEDULED", "2026-03-02T08:05:00Z", "A", null, null),
        event("a3", "ARRIVED", "2026-03-02T09:00:00Z", "A", null, null),
        event("a4", "EXAM_STARTED", "2026-03-02T09:10:00Z", "A", null, null),
        event("a5", "EXAM_COMPLETED", "2026-03-02T09:30:00Z", "A", null, null),
        event("a6", "PRELIMINARY_REPORT", "2026-03-02T09:30:00Z", "A", null, "R1"),
        event("a7", "FINAL_REPORT", "2026-03-02T11:00:00Z", "A", null, "R2"),
        event("a8", "CORRECTED_REPORT", "2026-03-02T12:00:00Z", "A", null, "R3"),
        event("a9", "ORDER_CHANGED", "2026-03-02T12:30:00Z", "A", "STAT", null),
        event("b1", "ORDERED", "2026-03-02T08:00:00Z", "B", "URGENT", null),
        event("b2", "CANCELLED", "2026-03-02T08:30:00Z", "B", null, null),
        event("c1", "ORDERED", "2026-03-02T07:00:00Z", "C", "STAT", null),
        event("c2", "FINAL_REPORT", "2026-03-02T10:00:00Z", "C", null, "R2"),
        event("c3", "PRELIMINARY_REPORT", "2026-03-02T09:00:00Z", "C", null, "R1"),
        event("p1", "PATIENT_UPDATED", "2026-03-02T07:00:00Z", null, null, null),
        // a booking (SIU) that names only the placer order: linked to accession B through B's order message
        RowFactory.create("s1", "SCHEDULED", Instant.parse("2026-03-02T08:10:00Z"), null, "P-B", "ORD-B", null,
            null, null, null, null, null, null, "CT2", null, "SIU^S12", null),
        // an arrival (ADT^A10) that names only the patient: goes to A, which starts 70 minutes later, not to C
        RowFactory.create("v1", "ARRIVED", Instant.parse("2026-03-02T08:00:00Z"), null, "P-A", null, null,
            null, null, null, null, "EMERGENCY", null, null, null, "ADT^A10", null),
        // another patient's arrival, and one a day before A: neither joins an exam
        RowFactory.create("v2", "ARRIVED", Instant.parse("2026-03-02T08:50:00Z"), null, "P-X", null, null,
            null, null, null, null, null, null, null, null, "ADT^A10", null),
        RowFactory.create("v3", "ARRIVED", Instant.parse("2026-03-01T08:00:00Z"), null, "P-A", null, null,
            null, null, null, null, null, null, null, null, "ADT^A10", null));
  }

  static Map<String, Row> exams(List<Row> events, int partitions) {
    SparkSession spark = TestSpark.session();
    Dataset<Row> df = spark.createDataFrame(events, EVENTS).repartition(partitions);
    Map<String, Row> byAccession = new TreeMap<>();
    for (Row r : ExamTimelines.build(df, "run-1").collectAsList()) {
      byAccession.put(r.getAs("accession_pseudo_id"), r);
    }
    return byAccession;
  }

  @Test
  void stagesStatusAndHistory() {
    Map<String, Row> exams = exams(events(), 2);
    assertThat(exams).containsOnlyKeys("A", "B", "C");

    Row a = exams.get("A");
    assertThat((Instant) a.getAs("ordered_at")).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat((Instant) a.getAs("arrived_at")).as("ADT arrival wins over the order's own, earlier in time")
        .isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat((Instant) a.getAs("exam_started_at")).isEqualTo(Instant.parse("2026-03-02T09:10:00Z"));
    assertThat((Instant) a.getAs("preliminary_report_at")).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
    assertThat((Instant) a.getAs("final_report_at")).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
    assertThat((Instant) a.getAs("corrected_report_at")).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    assertThat((Object) a.getAs("cancelled_at")).isNull();
    assertThat((String) a.getAs("status")).as("an order change is not a workflow step").isEqualTo("CORRECTED_REPORT");
    assertThat((Instant) a.getAs("status_at")).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    assertThat((String) a.getAs("reader_id")).as("reader of the latest final/corrected report").isEqualTo("R3");
    assertThat((String) a.getAs("priority")).as("latest value wins").isEqualTo("STAT");
    assertThat((Integer) a.getAs("corrected_report_count")).isEqualTo(1);
    assertThat((Integer) a.getAs("event_count")).as("9 of its own and the ADT arrival").isEqualTo(10);
    List<Row> history = a.getList(a.fieldIndex("status_history"));
    assertThat(history).extracting(h -> h.getString(1)).containsExactly("ORDERED", "ARRIVED", "SCHEDULED", "ARRIVED",
        "EXAM_STARTED", "EXAM_COMPLETED", "PRELIMINARY_REPORT", "FINAL_REPORT", "CORRECTED_REPORT", "ORDER_CHANGED");

    Row b = exams.get("B");
    assertThat((String) b.getAs("status")).isEqualTo("CANCELLED");
    assertThat((Instant) b.getAs("scheduled_at")).as("booking linked by placer order")
        .isEqualTo(Instant.parse("2026-03-02T08:10:00Z"));
    assertThat((Integer) b.getAs("event_count")).isEqualTo(3);
    assertThat((Instant) b.getAs("cancelled_at")).isEqualTo(Instant.parse("2026-03-02T08:30:00Z"));
    assertThat((Object) b.getAs("exam_started_at")).isNull();

    Row c = exams.get("C");
    assertThat((String) c.getAs("status")).as("a late preliminary report does not undo the final")
        .isEqualTo("FINAL_REPORT");
    assertThat((Instant) c.getAs("preliminary_report_at")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat((String) c.getAs("reader_id")).isEqualTo("R2");
    assertThat((Object) c.getAs("arrived_at")).as("arrivals of other patients do not join").isNull();
  }

  @Test
  void arrivalOrderDoesNotMatter() {
    List<String> inOrder = rows(exams(events(), 1));
    Random random = new Random(7);
    for (int i = 0; i < 3; i++) {
      List<Row> shuffled = new ArrayList<>(events());
      Collections.shuffle(shuffled, random);
      assertThat(rows(exams(shuffled, 1 + i))).isEqualTo(inOrder);
    }
  }

  private static List<String> rows(Map<String, Row> exams) {
    return exams.values().stream().map(Row::toString).toList();
  }
}
