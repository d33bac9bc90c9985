package org.imaginglake.spark.dose;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.core.dose.CategoryMatcher;
import org.imaginglake.core.dose.DoseQuantity;
import org.imaginglake.core.dose.DrlCategory;
import org.imaginglake.core.dose.DrlLevel;
import org.imaginglake.core.dose.OutlierRule;
import org.imaginglake.core.dose.ReferenceLevels;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code dose_reference_comparison}: studies and irradiation events set beside diagnostic reference levels.
 *
 * <ol>
 *   <li><b>Category.</b> Each study of {@code dose_studies} goes to the first category of {@code levels} (priority
 *       order) it matches ({@link DrlCategory}): modality, coded target regions of its events (all within the
 *       category's codes), or a pattern on its description, protocols and target region meanings. A study that
 *       matches no category gets no row.</li>
 *   <li><b>Values.</b> A study-scope level gives one row per study of its category with a value of the quantity; an
 *       event-scope level one row per event of those studies with a value, except events of the category's excluded
 *       kinds (the CT localizer).</li>
 *   <li><b>National.</b> The row carries the national level and its source, {@code value / national}, and
 *       {@code above_national_drl} (strictly above).</li>
 *   <li><b>Local.</b> Per level and scanner ({@code station_name / device_serial_number}, else the model name) the
 *       median of the values; scanners with at least {@code minStudiesPerScanner} distinct studies make the local
 *       levels: local DRL = 75th percentile of their medians, achievable dose = median of their medians (exact
 *       percentiles, linear interpolation between closest ranks). A level with no national value still gets
 *       them.</li>
 *   <li><b>Outliers</b> by {@link OutlierRule}: above Q3 + k·IQR of all the level's values, or above a multiple of the
 *       national level.</li>
 * </ol>
 * Everything runs as Spark aggregations on the executors: one shuffle to collect each study's target region codes,
 * the category is a CASE expression, the level table (a few dozen rows built from {@code levels}) is broadcast, and
 * three small group-bys (per scanner, per level twice) are joined back. Nothing is collected to the driver.
 */
public final class DoseReferenceComparison {
  private DoseReferenceComparison() {}

  static final StructType LEVELS = new StructType()
      .add("level_id", DataTypes.StringType, false)
      .add("l_category_id", DataTypes.StringType, false)
      .add("category", DataTypes.StringType, false)
      .add("quantity", DataTypes.StringType, false)
      .add("scope", DataTypes.StringType, false)
      .add("unit", DataTypes.StringType, false)
      .add("national_drl", DataTypes.DoubleType, true)
      .add("national_drl_source", DataTypes.StringType, true)
      .add("exclude_event_kinds", DataTypes.createArrayType(DataTypes.StringType), false);

  public static Dataset<Row> compute(Dataset<Row> doseStudies, Dataset<Row> doseEvents, ReferenceLevels levels,
      String runId) {
    Dataset<Row> levelTable = levelTable(doseStudies, levels);
    Dataset<Row> codes = doseEvents.groupBy(col("study_instance_uid").as("c_uid"))
        .agg(collect_set(col("target_region_code")).as("study_codes"));
    Dataset<Row> studies = doseStudies
        .join(codes, doseStudies.col("study_instance_uid").equalTo(codes.col("c_uid")), "left")
        .withColumn("study_codes", coalesce(col("study_codes"), array().cast("array<string>")))
        .withColumn("match_text", concat_ws("\n", col("study_description"), col("protocols"), col("target_regions")))
        .withColumn("category_id", categoryOf(new CategoryMatcher(levels.categories())))
        .filter(col("category_id").isNotNull())
        // evaluated once: the category expression (a regular expression per category) and the code aggregation
        // would otherwise be planned, compiled and run again in every branch below
        .localCheckpoint();

    Dataset<Row> studyRows = studies
        .join(broadcast(levelTable.filter(col("scope").equalTo("study"))),
            col("category_id").equalTo(col("l_category_id")))
        .select(rowColumns(studyValue(), lit(null).cast("string"), col("modality")));
    Dataset<Row> categorized = studies.select(col("study_instance_uid").as("s_uid"), col("category_id"),
        col("modality").as("s_modality"));
    Dataset<Row> eventRows = doseEvents.drop("modality")
        .join(categorized, col("study_instance_uid").equalTo(col("s_uid")))
        .join(broadcast(levelTable.filter(col("scope").equalTo("event"))),
            col("category_id").equalTo(col("l_category_id")))
        .filter(not(coalesce(array_contains(col("exclude_event_kinds"), col("event_kind_code")), lit(false))))
        .select(rowColumns(eventValue(), col("event_key"), col("s_modality")));
    Dataset<Row> rows = studyRows.unionByName(eventRows).filter(col("value").isNotNull()).localCheckpoint();

    Dataset<Row> perScanner = rows.filter(col("scanner_key").isNotNull())
        .groupBy(col("level_id").as("p_level"), col("scanner_key").as("p_scanner"))
        .agg(percentile(col("value"), lit(0.5)).as("scanner_median"),
            countDistinct(col("study_instance_uid")).as("scanner_studies"));
    Dataset<Row> local = perScanner.filter(col("scanner_studies").geq(levels.minStudiesPerScanner()))
        .groupBy(col("p_level").as("g_level"))
        .agg(percentile(col("scanner_median"), lit(0.75)).as("local_drl"),
            percentile(col("scanner_median"), lit(0.5)).as("achievable_dose"),
            count(lit(1)).cast("int").as("g_scanners"));
    Dataset<Row> spread = rows.groupBy(col("level_id").as("q_level"))
        .agg(percentile(col("value"), lit(0.25)).as("q1"), percentile(col("value"), lit(0.75)).as("q3"));

    Dataset<Row> joined = rows
        .join(perScanner, col("level_id").equalTo(col("p_level")).and(col("scanner_key").equalTo(col("p_scanner"))),
            "left")
        .join(local, col("level_id").equalTo(col("g_level")), "left")
        .join(spread, col("level_id").equalTo(col("q_level")), "left")
        .withColumn("outlier_limit", outlierLimit(levels.outlierRule()));
    return joined.select(
        col("level_id"), col("category_id"), col("category"), col("quantity"), col("scope"), col("unit"),
        col("study_instance_uid"), col("event_key"), col("modality"), col("study_date"), col("scanner_key"),
        col("value"), col("national_drl"), col("national_drl_source"),
        col("value").divide(col("national_drl")).as("national_drl_ratio"),
        when(col("national_drl").isNotNull(), col("value").gt(col("national_drl"))).as("above_national_drl"),
        col("scanner_median"), col("scanner_studies"),
        coalesce(col("g_scanners"), lit(0)).as("local_scanners"),
        col("local_drl"), col("achievable_dose"),
        when(col("local_drl").isNotNull(), col("value").gt(col("local_drl"))).as("above_local_drl"),
        lit(levels.outlierRule().label()).as("outlier_rule"),
        col("outlier_limit"),
        when(col("outlier_limit").isNotNull(), col("value").gt(col("outlier_limit"))).as("outlier"),
        lit(runId).as("computed_run_id"));
  }

  /** The levels as a small table (built on the driver from the config, broadcast to the joins). */
  private static Dataset<Row> levelTable(Dataset<Row> any, ReferenceLevels levels) {
    List<Row> rows = new ArrayList<>();
    for (DrlLevel l : levels.levels()) {
      DrlCategory c = levels.category(l.categoryId()).orElseThrow();
      rows.add(RowFactory.create(l.id(), c.id(), c.name(), l.quantity().column(), l.scope().label(),
          l.quantity().unit(), l.nationalValue(), l.source() == null ? null : l.source().citation(),
          List.copyOf(c.excludeEventKinds())));
    }
    return any.sparkSession().createDataFrame(rows, LEVELS);
  }

  /**
   * The id of the first category (priority order) the study matches, else null: {@link CategoryMatcher} in a UDF,
   * whose patterns are compiled once per task (a SQL CASE over one regular expression per category took seconds to
   * plan and compile on every run).
   */
  static Column categoryOf(CategoryMatcher matcher) {
    UserDefinedFunction f = udf((UDF3<String, scala.collection.Seq<String>, String, String>) (modality, codes, text) ->
        matcher.categoryOf(modality, codes == null ? null : CollectionConverters.asJava(codes), text),
        DataTypes.StringType);
    return f.apply(col("modality"), col("study_codes"), col("match_text"));
  }

  private static Column[] rowColumns(Column value, Column eventKey, Column modality) {
    return new Column[] {
        col("level_id"), col("category_id"), col("category"), col("quantity"), col("scope"), col("unit"),
        col("national_drl"), col("national_drl_source"), col("study_instance_uid"), eventKey.as("event_key"),
        modality.as("modality"), col("study_date"), scannerKey().as("scanner_key"), value.as("value")};
  }

  /** station_name / device_serial_number (either may be missing), else manufacturer_model_name, else null. */
  static Column scannerKey() {
    return when(col("station_name").isNotNull().or(col("device_serial_number").isNotNull()),
        concat_ws(" / ", col("station_name"), col("device_serial_number")))
        .otherwise(col("manufacturer_model_name"));
  }

  private static Column studyValue() {
    return valueOf(DoseQuantity.Scope.STUDY);
  }

  private static Column eventValue() {
    return valueOf(DoseQuantity.Scope.EVENT);
  }

  /** The row's value: the column its level's quantity names, for the scope's table. */
  private static Column valueOf(DoseQuantity.Scope scope) {
    Column chain = null;
    for (DoseQuantity q : DoseQuantity.values()) {
      if (!q.allows(scope)) {
        continue;
      }
      Column source = scope == DoseQuantity.Scope.STUDY && q == DoseQuantity.DLP_MGY_CM
          ? coalesce(col("events_dlp_sum_mgy_cm"), col("total_dlp_mgy_cm"))
          : col(q.column());
      Column is = col("quantity").equalTo(q.column());
      chain = chain == null ? when(is, source) : chain.when(is, source);
    }
    return chain.cast("double");
  }

  private static Column outlierLimit(OutlierRule rule) {
    return switch (rule.kind()) {
      case IQR -> col("q3").plus(col("q3").minus(col("q1")).multiply(rule.factor()));
      case NATIONAL -> col("national_drl").multiply(rule.factor());
      case NONE -> lit(null).cast("double");
    };
  }
}
