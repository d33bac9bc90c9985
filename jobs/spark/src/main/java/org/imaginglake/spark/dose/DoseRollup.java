package org.imaginglake.spark.dose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.spark.lake.TableSchema;

/**
 * The dose of one study from everything the lake knows about it: its dose reports ({@code dose_reports} rows) and its
 * images with dose attributes ({@code dicom_instances} rows). Produces the study's {@code dose_events} rows and its
 * {@code dose_studies} row. Runs on the executors, one study at a time (a study's reports and images fit in memory:
 * the largest real fluoroscopy report has a few hundred events).
 *
 * <p>The merge rule (docs/dose.md):
 * <ol>
 *   <li>When the study has an X-ray dose report (CT or projection), events come from reports only; image-header dose
 *       is not used (it would count the same irradiation twice).</li>
 *   <li>Reports are taken in order of preference: latest Content Date/Time first, then SOP Instance UID. An event is
 *       identified by its Irradiation Event UID (or, without one, by report and position); the first report that
 *       carries it gives its values, later ones only raise {@code reported_in}. Values that disagree by more than
 *       1 % are named in the study's problems.</li>
 *   <li>Stated totals (TID 10012 DLP total, TID 10002 plane totals, TID 10005 glandular dose) are those of the most
 *       preferred report whose events cover all the study's events of its kind; when none does, the sum over the
 *       reports not contained in another, if those are disjoint; else none (a problem says why). Without a stated
 *       value, DAP, reference-point dose and glandular dose totals are sums over the merged events.</li>
 *   <li>Without a report, every image with dose attributes contributes to the event of its Irradiation Event UID;
 *       without one, a CT image to the event of its series and any other image to an event of its own. The first
 *       image (by SOP Instance UID) gives the event's values, except CTDIvol: the mean over the event's images.</li>
 * </ol>
 * Deterministic: the same inputs in any order give the same rows.
 */
public final class DoseRollup implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;
  static final String REPORT = "report";
  static final String IMAGE = "image";
  static final String RDSR = "rdsr";
  static final String HEADER = "header";
  private static final double TOLERANCE = 0.01;

  /** Image columns used, from {@code dicom_instances}. */
  public static final List<String> IMAGE_COLUMNS = List.of("sop_instance_uid", "series_instance_uid", "modality",
      "protocol_name", "body_part_examined", "station_name", "manufacturer", "manufacturer_model_name",
      "device_serial_number", "study_date", "study_description", "patient_pseudo_id", "ctdi_vol_mgy", "kvp",
      "dap_gy_m2", "entrance_dose_mgy", "organ_dose_mgy", "exposure_time_s", "irradiation_event_uid",
      "image_laterality", "acquisition_datetime", "study_instance_uid");

  private final String runId;

  public DoseRollup(String runId) {
    this.runId = runId;
  }

  private static final StructType EVENTS =
      (StructType) TableSchema.bare(TableSchema.load("dose_events").nullableStructType());
  private static final StructType STUDIES =
      (StructType) TableSchema.bare(TableSchema.load("dose_studies").nullableStructType());

  static StructType eventsType() {
    return EVENTS;
  }

  static StructType studiesType() {
    return STUDIES;
  }

  /** One output row per study: {@code study} (a dose_studies row) and {@code events} (its dose_events rows). */
  public static StructType outputType() {
    return new StructType()
        .add("study", studiesType(), false)
        .add("events", DataTypes.createArrayType(eventsType(), false), false);
  }

  @Override
  public Iterator<Row> call(String studyUid, Iterator<Row> inputs) {
    List<Row> reports = new ArrayList<>();
    List<Row> images = new ArrayList<>();
    while (inputs.hasNext()) {
      Row in = inputs.next();
      Row r = in.getAs(REPORT);
      if (r != null) {
        reports.add(r);
      }
      Row i = in.getAs(IMAGE);
      if (i != null) {
        images.add(i);
      }
    }
    return List.of(rollup(studyUid, reports, images)).iterator();
  }

  Row rollup(String studyUid, List<Row> allReports, List<Row> allImages) {
    // preferred first: latest content time (unknown last), then SOP Instance UID
    List<Row> reports = new ArrayList<>(allReports);
    reports.sort(Comparator.<Row, Instant>comparing(r -> r.getAs("content_datetime"),
            Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(r -> r.<String>getAs("sop_instance_uid")));
    List<Row> xray = reports.stream().filter(r -> !"RADIOPHARMACEUTICAL".equals(r.getAs("kind"))).toList();
    List<Row> images = new ArrayList<>(allImages);
    images.sort(Comparator.comparing(r -> r.<String>getAs("sop_instance_uid")));

    List<String> problems = new ArrayList<>();
    for (Row r : reports) {
      for (String p : r.<String>getList(r.fieldIndex("problems"))) {
        problems.add(r.<String>getAs("sop_instance_uid") + ": " + p);
      }
    }
    StructType eventType = eventsType();
    LinkedHashMap<String, Object[]> events = new LinkedHashMap<>();
    Map<String, Set<String>> reportKeys = new HashMap<>();
    Row meta = xray.isEmpty() ? (images.isEmpty() ? (reports.isEmpty() ? null : reports.get(0)) : images.get(0))
        : xray.get(0);
    if (!xray.isEmpty()) {
      for (Row r : xray) {
        String sop = r.getAs("sop_instance_uid");
        Set<String> keys = new HashSet<>();
        List<Row> es = r.getList(r.fieldIndex("events"));
        for (int n = 0; n < es.size(); n++) {
          Row e = es.get(n);
          String uid = e.getAs("irradiation_event_uid");
          String key = uid != null ? uid : sop + "#" + (n + 1);
          keys.add(key);
          Object[] have = events.get(key);
          if (have == null) {
            events.put(key, reportEvent(eventType, key, studyUid, r, e));
          } else {
            have[eventType.fieldIndex("reported_in")] = (Integer) have[eventType.fieldIndex("reported_in")] + 1;
            compare(eventType, have, e, "dlp_mgy_cm", key, sop, problems);
            compare(eventType, have, e, "dap_gy_m2", key, sop, problems);
            compare(eventType, have, e, "ctdi_vol_mgy", key, sop, problems);
          }
        }
        reportKeys.put(sop, keys);
      }
    } else {
      for (Row i : images) {
        String eventUid = i.getAs("irradiation_event_uid");
        String key = HEADER + ":" + headerEventKey(i);
        Object[] have = events.get(key);
        if (have == null) {
          events.put(key, imageEvent(eventType, key, studyUid, i));
        } else {
          // CTDIvol: running sum and count, turned into the mean below
          addCtdi(eventType, have, i.getAs("ctdi_vol_mgy"));
        }
      }
      for (Object[] e : events.values()) {
        finishCtdi(eventType, e);
      }
    }

    List<Row> eventRows = new ArrayList<>();
    for (Object[] e : events.values()) {
      eventRows.add(RowFactory.create(e));
    }
    Object[] study = study(studyUid, meta, reports, xray, eventRows, reportKeys, problems);
    return RowFactory.create(RowFactory.create(study), DoseRows.seq(eventRows));
  }

  /**
   * Which event an image belongs to (unique in the lake): its Irradiation Event UID; else a CT image's series; else a
   * projection image's study, acquisition date/time and laterality (the For Processing and For Presentation images of
   * one exposure share them); else the image itself.
   */
  static String headerEventKey(Row i) {
    String eventUid = i.getAs("irradiation_event_uid");
    if (eventUid != null) {
      return eventUid;
    }
    if ("CT".equals(i.getAs("modality")) && i.getAs("ctdi_vol_mgy") != null) {
      return i.getAs("series_instance_uid");
    }
    Instant at = i.getAs("acquisition_datetime");
    if (at != null) {
      String side = i.getAs("image_laterality");
      return i.getAs("study_instance_uid") + "/acquired " + at + (side == null ? "" : " " + side);
    }
    return i.getAs("sop_instance_uid");
  }

  private Object[] reportEvent(StructType t, String key, String studyUid, Row report, Row e) {
    Object[] v = new Object[t.size()];
    StructType et = e.schema();
    for (String f : et.fieldNames()) {
      v[t.fieldIndex(f)] = e.get(et.fieldIndex(f));
    }
    set(t, v, "event_key", key);
    set(t, v, "study_instance_uid", studyUid);
    set(t, v, "modality", report.getAs("modality"));
    set(t, v, "source_sop_instance_uid", report.getAs("sop_instance_uid"));
    set(t, v, "source", RDSR);
    set(t, v, "reported_in", 1);
    copyMeta(t, v, report);
    set(t, v, "updated_run_id", runId);
    return v;
  }

  private Object[] imageEvent(StructType t, String key, String studyUid, Row i) {
    Object[] v = new Object[t.size()];
    set(t, v, "event_key", key);
    set(t, v, "study_instance_uid", studyUid);
    set(t, v, "irradiation_event_uid", i.getAs("irradiation_event_uid"));
    String modality = i.getAs("modality");
    set(t, v, "modality", modality);
    set(t, v, "protocol", i.getAs("protocol_name"));
    set(t, v, "target_region", i.getAs("body_part_examined"));
    set(t, v, "dap_gy_m2", i.getAs("dap_gy_m2"));
    set(t, v, "entrance_dose_mgy", i.getAs("entrance_dose_mgy"));
    if ("MG".equals(modality)) {
      set(t, v, "agd_mgy", i.getAs("organ_dose_mgy"));
    }
    String side = i.getAs("image_laterality");
    set(t, v, "laterality", "L".equals(side) || "R".equals(side) || "B".equals(side) ? side : null);
    set(t, v, "kvp", i.getAs("kvp"));
    set(t, v, "exposure_time_s", i.getAs("exposure_time_s"));
    set(t, v, "source_sop_instance_uid", i.getAs("sop_instance_uid"));
    set(t, v, "source", HEADER);
    set(t, v, "reported_in", 1);
    copyMeta(t, v, i);
    set(t, v, "updated_run_id", runId);
    // CTDIvol accumulates as {sum, count} in the slot until finishCtdi
    Double ctdi = i.getAs("ctdi_vol_mgy");
    set(t, v, "ctdi_vol_mgy", ctdi == null ? null : new double[] {ctdi, 1});
    return v;
  }

  private static void addCtdi(StructType t, Object[] v, Double ctdi) {
    if (ctdi == null) {
      return;
    }
    int k = t.fieldIndex("ctdi_vol_mgy");
    double[] acc = (double[]) v[k];
    v[k] = acc == null ? new double[] {ctdi, 1} : new double[] {acc[0] + ctdi, acc[1] + 1};
  }

  private static void finishCtdi(StructType t, Object[] v) {
    int k = t.fieldIndex("ctdi_vol_mgy");
    double[] acc = (double[]) v[k];
    v[k] = acc == null ? null : acc[0] / acc[1];
  }

  private static void copyMeta(StructType t, Object[] v, Row source) {
    for (String f : List.of("patient_pseudo_id", "study_date", "station_name", "manufacturer",
        "manufacturer_model_name", "device_serial_number")) {
      set(t, v, f, source.getAs(f));
    }
  }

  private static void compare(StructType t, Object[] have, Row e, String field, String key, String sop,
      List<String> problems) {
    Double a = (Double) have[t.fieldIndex(field)];
    Double b = e.getAs(field);
    if (a != null && b != null && Math.abs(a - b) > TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
      problems.add("event " + key + ": report " + sop + " says " + field + " " + b + ", the preferred report "
          + have[t.fieldIndex("source_sop_instance_uid")] + " says " + a + " (used)");
    }
  }

  private Object[] study(String studyUid, Row meta, List<Row> reports, List<Row> xray, List<Row> events,
      Map<String, Set<String>> reportKeys, List<String> problems) {
    StructType t = studiesType();
    StructType et = eventsType();
    Object[] v = new Object[t.size()];
    set(t, v, "study_instance_uid", studyUid);
    if (meta != null) {
      for (String f : List.of("manufacturer", "station_name", "manufacturer_model_name", "device_serial_number",
          "study_date", "study_description", "patient_pseudo_id")) {
        set(t, v, f, meta.getAs(f));
      }
    }
    set(t, v, "modality", mostFrequent(events, e -> e.getString(et.fieldIndex("modality")),
        meta == null ? null : meta.getAs("modality")));
    set(t, v, "dose_source", xray.isEmpty() ? (events.isEmpty() ? RDSR : HEADER) : RDSR);
    set(t, v, "number_of_reports", reports.size());
    set(t, v, "number_of_events", events.size());

    List<Row> stated = statedTotalsReports(xray, events, et, reportKeys, problems);
    Double dlpSum = sum(events, e -> (Double) e.get(et.fieldIndex("dlp_mgy_cm")));
    Double dlpStated = sum(stated, r -> r.getAs("ct_dlp_total_mgy_cm"));
    set(t, v, "total_dlp_mgy_cm", dlpStated);
    set(t, v, "events_dlp_sum_mgy_cm", dlpSum);
    set(t, v, "dlp_total_disagrees", dlpStated != null && dlpSum != null
        && Math.abs(dlpStated - dlpSum) > Math.max(0.5, TOLERANCE * Math.max(dlpStated, dlpSum)));
    set(t, v, "max_ctdi_vol_mgy", events.stream().map(e -> (Double) e.get(et.fieldIndex("ctdi_vol_mgy")))
        .filter(x -> x != null).max(Double::compare).orElse(null));
    Double dapEvents = sum(events, e -> (Double) e.get(et.fieldIndex("dap_gy_m2")));
    set(t, v, "total_dap_gy_m2", firstNonNull(sumPlanes(stated, "dap_total_gy_m2"), dapEvents));
    set(t, v, "fluoro_dap_gy_m2", sumPlanes(stated, "fluoro_dap_total_gy_m2"));
    set(t, v, "acquisition_dap_gy_m2", sumPlanes(stated, "acquisition_dap_total_gy_m2"));
    set(t, v, "events_dap_sum_gy_m2", dapEvents);
    set(t, v, "total_dose_rp_gy", firstNonNull(sumPlanes(stated, "dose_rp_total_gy"),
        sum(events, e -> (Double) e.get(et.fieldIndex("dose_rp_gy")))));
    set(t, v, "total_fluoro_time_s", sumPlanes(stated, "total_fluoro_time_s"));
    set(t, v, "agd_left_mgy", firstNonNull(sum(stated, r -> r.getAs("agd_left_mgy")),
        sum(events, e -> "L".equals(e.get(et.fieldIndex("laterality"))) ? (Double) e.get(et.fieldIndex("agd_mgy"))
            : null)));
    set(t, v, "agd_right_mgy", firstNonNull(sum(stated, r -> r.getAs("agd_right_mgy")),
        sum(events, e -> "R".equals(e.get(et.fieldIndex("laterality"))) ? (Double) e.get(et.fieldIndex("agd_mgy"))
            : null)));
    set(t, v, "target_regions", DoseRows.seq(distinct(events, et.fieldIndex("target_region"))));
    set(t, v, "protocols", DoseRows.seq(distinct(events, et.fieldIndex("protocol"))));
    set(t, v, "problems", DoseRows.seq(problems));
    set(t, v, "updated_run_id", runId);
    return v;
  }

  /**
   * The reports whose stated totals describe the study: the most preferred report covering every event, else the
   * maximal reports when disjoint, else none.
   */
  private static List<Row> statedTotalsReports(List<Row> xray, List<Row> events, StructType et,
      Map<String, Set<String>> reportKeys, List<String> problems) {
    if (xray.isEmpty()) {
      return List.of();
    }
    Set<String> all = new HashSet<>();
    for (Row e : events) {
      all.add(e.getString(et.fieldIndex("event_key")));
    }
    for (Row r : xray) {
      if (reportKeys.get(r.<String>getAs("sop_instance_uid")).containsAll(all)) {
        return List.of(r);
      }
    }
    List<Row> maximal = new ArrayList<>();
    for (Row r : xray) {
      Set<String> k = reportKeys.get(r.<String>getAs("sop_instance_uid"));
      boolean contained = xray.stream().anyMatch(o -> o != r
          && reportKeys.get(o.<String>getAs("sop_instance_uid")).size() > k.size()
          && reportKeys.get(o.<String>getAs("sop_instance_uid")).containsAll(k));
      if (!contained) {
        maximal.add(r);
      }
    }
    Set<String> seen = new HashSet<>();
    for (Row r : maximal) {
      for (String k : reportKeys.get(r.<String>getAs("sop_instance_uid"))) {
        if (!seen.add(k)) {
          problems.add("no report covers all " + all.size() + " events and the reports overlap: no stated total"
              + " is used for the study");
          return List.of();
        }
      }
    }
    return maximal;
  }

  private static Double sumPlanes(List<Row> reports, String field) {
    Double total = null;
    for (Row r : reports) {
      for (Row p : r.<Row>getList(r.fieldIndex("planes"))) {
        Double x = p.getAs(field);
        if (x != null) {
          total = total == null ? x : total + x;
        }
      }
    }
    return total;
  }

  private static Double sum(List<Row> rows, Function<Row, Double> f) {
    Double total = null;
    for (Row r : rows) {
      Double x = f.apply(r);
      if (x != null) {
        total = total == null ? x : total + x;
      }
    }
    return total;
  }

  private static Double firstNonNull(Double a, Double b) {
    return a != null ? a : b;
  }

  private static String mostFrequent(List<Row> rows, Function<Row, String> f, String fallback) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Row r : rows) {
      String s = f.apply(r);
      if (s != null) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
  }

  private static List<String> distinct(List<Row> rows, int field) {
    TreeSet<String> s = new TreeSet<>();
    for (Row r : rows) {
      Object x = r.get(field);
      if (x != null) {
        s.add((String) x);
      }
    }
    return List.copyOf(s);
  }

  private static void set(StructType t, Object[] v, String field, Object value) {
    v[t.fieldIndex(field)] = value;
  }
}
