package org.imaginglake.spark.dose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.spark.lake.TableSchema;
import org.imaginglake.spark.testing.TestSpark;

/** Purpose-built dose_studies and dose_events rows, by column name, on the tables' own schemas. */
final class DoseTestRows {
  static final StructType STUDIES = TableSchema.load("dose_studies").nullableStructType();
  static final StructType EVENTS = TableSchema.load("dose_events").nullableStructType();

  private DoseTestRows() {}

  /** A row under construction: column name to value; unnamed columns stay null. */
  static final class R extends LinkedHashMap<String, Object> {
    R set(String column, Object value) {
      put(column, value);
      return this;
    }
  }

  static R study(String uid, String modality) {
    return new R().set("study_instance_uid", uid).set("modality", modality).set("dose_source", "rdsr")
        .set("number_of_reports", 1).set("number_of_events", 0).set("dlp_total_disagrees", false)
        .set("target_regions", List.of()).set("protocols", List.of()).set("problems", List.of())
        .set("updated_run_id", "run-0");
  }

  static R event(String key, String studyUid, String modality) {
    return new R().set("event_key", key).set("study_instance_uid", studyUid).set("modality", modality)
        .set("source_sop_instance_uid", "1.2.sr." + studyUid).set("source", "rdsr").set("reported_in", 1)
        .set("updated_run_id", "run-0");
  }

  static Dataset<Row> frame(StructType schema, List<R> rows) {
    List<Row> out = new ArrayList<>();
    for (R r : rows) {
      for (String k : r.keySet()) {
        if (!List.of(schema.fieldNames()).contains(k)) {
          throw new IllegalArgumentException("No column " + k);
        }
      }
      Object[] values = new Object[schema.size()];
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        values[i] = r.get(fields[i].name());
      }
      out.add(RowFactory.create(values));
    }
    return TestSpark.session().createDataFrame(out, schema);
  }

  /** The schema's columns as "name type", in order, for comparing a computed Dataset with its schema file. */
  static List<String> columns(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(f.name() + " " + f.dataType().simpleString());
    }
    return out;
  }

  static Map<String, Row> byKey(Dataset<Row> rows, String... keyColumns) {
    Map<String, Row> out = new java.util.TreeMap<>();
    for (Row r : rows.collectAsList()) {
      StringBuilder k = new StringBuilder();
      for (String c : keyColumns) {
        k.append(k.length() == 0 ? "" : "/").append((Object) r.getAs(c));
      }
      if (out.put(k.toString(), r) != null) {
        throw new IllegalStateException("Duplicate key " + k);
      }
    }
    return out;
  }
}
