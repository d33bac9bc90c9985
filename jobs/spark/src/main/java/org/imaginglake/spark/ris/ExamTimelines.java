package org.imaginglake.spark.ris;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * {@code exams} from {@code ris_events}: one row per accession with the first time of each workflow stage, the current
 * status and the status history.
 *
 * <p>Every value is an aggregate over all events of the accession (a minimum, or the value of the latest event by
 * event time), never the result of applying messages one after another; so the same events give the same row in
 * whatever order they arrived, and a late message (a preliminary report that arrives after the final one) lands where
 * its event time puts it. Ties in event time are broken by the workflow step, then by event id.
 *
 * <p>The current status is the latest event that is a workflow step ({@link #STEPS}); events that are not steps
 * (an order change, a patient update) are in the history but do not change the status. Descriptive columns
 * (procedure, modality, priority, site…) come from the latest event that carries them, so a correction in a later
 * order message wins.
 */
public final class ExamTimelines {
  /** Workflow steps in order, with the {@code exams} column of each stage's first time (null: no column). */
  static final Map<String, String> STEPS = steps();

  /** An arrival counts for exams starting from this long before it... */
  static final int ARRIVAL_BEFORE_START_HOURS = 1;
  /** ...to this long after it. */
  static final int ARRIVAL_TO_START_HOURS = 12;

  private ExamTimelines() {}

  private static Map<String, String> steps() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ORDERED", "ordered_at");
    m.put("ON_HOLD", null);
    m.put("SCHEDULED", "scheduled_at");
    m.put("RESCHEDULED", null);
    m.put("ARRIVED", "arrived_at");
    m.put("EXAM_STARTED", "exam_started_at");
    m.put("EXAM_COMPLETED", "exam_completed_at");
    m.put("PRELIMINARY_REPORT", "preliminary_report_at");
    m.put("FINAL_REPORT", "final_report_at");
    m.put("ADDENDUM", null);
    m.put("CORRECTED_REPORT", "corrected_report_at");
    m.put("CANCELLED", "cancelled_at");
    m.put("NO_SHOW", "no_show_at");
    return m;
  }

  /**
   * {@code events} with an accession: their own, or for an event that has none (a booking from SIU names only the
   * placer and filler order numbers) the accession of the events that share its placer or filler order pseudonym
   * (one copy per accession when an order has several). An arrival that names neither (ADT A01/A04/A10 are about the
   * patient, not the order) goes to the exams of the same patient that start — exam start, else booked start, else
   * order time — from {@value #ARRIVAL_BEFORE_START_HOURS} hour before to {@value #ARRIVAL_TO_START_HOURS} hours
   * after it, each exam taking the latest such arrival (a patient who comes twice a day has two visits; one visit
   * serves all its exams). Other events without accession or link (patient updates,
   * merges) are left out. Linking happens here, over all events, not at ingestion, so it works whichever message
   * came first.
   */
  public static Dataset<Row> linkAccessions(Dataset<Row> events) {
    Dataset<Row> has = events.filter(col("accession_pseudo_id").isNotNull());
    Dataset<Row> lacks = events.filter(col("accession_pseudo_id").isNull()
        .and(col("placer_order_pseudo_id").isNotNull().or(col("filler_order_pseudo_id").isNotNull())));
    Dataset<Row> linked = null;
    for (String order : List.of("placer_order_pseudo_id", "filler_order_pseudo_id")) {
      Dataset<Row> links = has.filter(col(order).isNotNull())
          .select(col(order).as("link_order"), col("accession_pseudo_id").as("link_accession")).distinct();
      Dataset<Row> via = lacks.join(links, lacks.col(order).equalTo(links.col("link_order")))
          .withColumn("accession_pseudo_id", col("link_accession"))
          .select(Arrays.stream(events.columns()).map(functions::col).toArray(Column[]::new));
      linked = linked == null ? via : linked.unionByName(via);
    }
    Dataset<Row> starts = has.groupBy(col("accession_pseudo_id").as("a_accession")).agg(
            max_by(col("patient_pseudo_id"), when(col("patient_pseudo_id").isNotNull(), col("event_time")))
                .as("a_patient"),
            coalesce(min(when(col("event_type").equalTo("EXAM_STARTED"), col("event_time"))),
                min(col("scheduled_time")), min(when(col("event_type").equalTo("ORDERED"), col("event_time"))))
                .as("a_start"));
    Dataset<Row> arrivals = events.filter(col("event_type").equalTo("ARRIVED")
        .and(col("accession_pseudo_id").isNull()).and(col("placer_order_pseudo_id").isNull())
        .and(col("filler_order_pseudo_id").isNull()).and(col("patient_pseudo_id").isNotNull()));
    Dataset<Row> visits = arrivals.join(starts, arrivals.col("patient_pseudo_id").equalTo(starts.col("a_patient"))
            .and(starts.col("a_start").geq(arrivals.col("event_time")
                .minus(expr("INTERVAL " + ARRIVAL_BEFORE_START_HOURS + " HOURS"))))
            .and(starts.col("a_start").leq(arrivals.col("event_time")
                .plus(expr("INTERVAL " + ARRIVAL_TO_START_HOURS + " HOURS")))))
        // the visit of an exam is the patient's latest arrival before it starts
        .withColumn("visit_rank", row_number().over(Window.partitionBy(col("a_accession"))
            .orderBy(col("event_time").desc(), col("event_id"))))
        .filter(col("visit_rank").equalTo(1))
        .withColumn("accession_pseudo_id", col("a_accession"))
        .select(Arrays.stream(events.columns()).map(functions::col).toArray(Column[]::new));
    return has.unionByName(linked.unionByName(visits).dropDuplicates("event_id", "accession_pseudo_id"));
  }

  /**
   * The {@code exams} rows of every accession in {@code events} (which must hold all events of those accessions, not
   * only new ones), after {@link #linkAccessions}.
   */
  public static Dataset<Row> build(Dataset<Row> events, String runId) {
    return aggregate(linkAccessions(events), runId);
  }

  /** {@link #build} on events that {@link #linkAccessions} has already linked. */
  public static Dataset<Row> aggregate(Dataset<Row> linkedEvents, String runId) {
    Dataset<Row> e = linkedEvents.withColumn("step", step(col("event_type")));
    // the order of "latest": event time, then workflow step, then event id (deterministic on exact ties)
    Column order = struct(col("event_time"), coalesce(col("step"), lit(-1)), col("event_id"));

    List<Column> aggs = new ArrayList<>();
    for (String c : List.of("patient_pseudo_id", "placer_order_pseudo_id", "procedure_code", "procedure_text",
        "modality", "priority", "patient_class", "site", "performing_resource")) {
      aggs.add(latestNonNull(col(c), order).as(c));
    }
    aggs.add(latestNonNull(col("scheduled_time"), order).as("scheduled_for"));
    Column reportOrder = when(col("reader_id").isNotNull(), order);
    aggs.add(coalesce(
            max_by(col("reader_id"), when(col("event_type").isin("FINAL_REPORT", "CORRECTED_REPORT", "ADDENDUM"),
                reportOrder)),
            max_by(col("reader_id"), when(col("event_type").equalTo("PRELIMINARY_REPORT"), reportOrder)))
        .as("reader_id"));
    for (Map.Entry<String, String> s : STEPS.entrySet()) {
      if (s.getValue() != null) {
        aggs.add(min(when(col("event_type").equalTo(s.getKey()), col("event_time"))).as(s.getValue()));
      }
    }
    aggs.add(max_by(col("event_type"), when(col("step").isNotNull(), order)).as("status"));
    aggs.add(max_by(col("event_time"), when(col("step").isNotNull(), order)).as("status_at"));
    aggs.add(array_sort(collect_list(struct(col("event_time"), coalesce(col("step"), lit(-1)).as("step"),
        col("event_id"), col("event_type"), col("message_type")))).as("history_sorted"));
    aggs.add(sum(when(col("event_type").equalTo("CORRECTED_REPORT"), 1).otherwise(0)).cast("int")
        .as("corrected_report_count"));
    aggs.add(sum(when(col("event_type").equalTo("ADDENDUM"), 1).otherwise(0)).cast("int").as("addendum_count"));
    aggs.add(count(lit(1)).cast("int").as("event_count"));

    return e.groupBy(col("accession_pseudo_id"))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
        // an exam whose events are all outside the workflow steps (e.g. only an order change) has no status yet
        .filter(col("status").isNotNull())
        .withColumn("status_history", expr("transform(history_sorted, h -> named_struct('event_time', h.event_time,"
            + " 'event_type', h.event_type, 'message_type', h.message_type, 'event_id', h.event_id))"))
        .drop("history_sorted")
        .withColumn("updated_run_id", lit(runId));
  }

  /** The workflow step number of an event type (its position in {@link #STEPS}), null for other events. */
  static Column step(Column eventType) {
    Column c = null;
    int i = 0;
    for (String type : STEPS.keySet()) {
      c = c == null ? when(eventType.equalTo(type), i) : c.when(eventType.equalTo(type), i);
      i++;
    }
    return c;
  }

  private static Column latestNonNull(Column value, Column order) {
    return max_by(value, when(value.isNotNull(), order));
  }
}
