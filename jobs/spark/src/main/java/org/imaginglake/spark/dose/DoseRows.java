package org.imaginglake.spark.dose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.imaginglake.core.dose.Code;
import org.imaginglake.core.dose.DoseEvent;
import org.imaginglake.core.dose.DoseReport;
import org.imaginglake.core.dose.DoseReportException;
import org.imaginglake.core.dose.PlaneAccumulation;
import org.imaginglake.spark.lake.TableSchema;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Executor side of dose extraction: which documents are read as dose reports, and a {@link DoseReport} as the
 * {@code dose} column of ingest-dicom's staging rows — the content columns of {@code dose_reports} (template, stated
 * totals, planes, events, problems) plus, for a report that could not be read, the stage and the reason.
 */
public final class DoseRows {
  /** X-Ray Radiation Dose SR and Radiopharmaceutical Radiation Dose SR: a dose template is expected. */
  static final Set<String> DOSE_SR_CLASSES = Set.of("1.2.840.10008.5.1.4.1.1.88.67", "1.2.840.10008.5.1.4.1.1.88.68");
  /**
   * Enhanced, Comprehensive and Comprehensive 3D SR: older scanners (GE's Enhanced SR dose sheets) send TID 10011 in
   * these; other content (measurement reports) is normal and is not a dose report.
   */
  static final Set<String> GENERAL_SR_CLASSES = Set.of("1.2.840.10008.5.1.4.1.1.88.22",
      "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.88.34");

  /** Columns of {@code dose_reports} that the staging {@code dose} struct carries. */
  static final List<String> CONTENT_COLUMNS = List.of("kind", "modality", "ct_dlp_total_mgy_cm",
      "events_dlp_sum_mgy_cm", "planes", "agd_left_mgy", "agd_right_mgy", "event_count", "events", "problems");

  private DoseRows() {}

  /** True for SOP classes whose documents are read as dose reports. */
  public static boolean isCandidate(String sopClassUid) {
    return sopClassUid != null && (DOSE_SR_CLASSES.contains(sopClassUid) || GENERAL_SR_CLASSES.contains(sopClassUid));
  }

  /** The staging struct: {@link #CONTENT_COLUMNS} typed as in {@code dose_reports}, then error_stage, error_reason. */
  public static StructType stagingType() {
    StructType reports = TableSchema.load("dose_reports").nullableStructType();
    StructType s = new StructType();
    for (String c : CONTENT_COLUMNS) {
      StructField f = reports.apply(c);
      s = s.add(new StructField(c, f.dataType(), true, f.metadata()));
    }
    return s.add("error_stage", DataTypes.StringType, true).add("error_reason", DataTypes.StringType, true);
  }

  /**
   * The staging value for one report, or null when the document is not a dose report and was not expected to be
   * (an Enhanced SR with another template).
   */
  public static Row staging(String sopClassUid, DoseReport r) {
    if (r.kind() == DoseReport.Kind.NOT_DOSE) {
      if (DOSE_SR_CLASSES.contains(sopClassUid)) {
        return failure("content", "a Radiation Dose SR whose content is not a dose report: "
            + String.join("; ", r.problems()) + "; expected (113701, DCM) or (113500, DCM) at the root");
      }
      return null;
    }
    List<Row> planes = new ArrayList<>();
    for (PlaneAccumulation p : r.planes()) {
      planes.add(RowFactory.create(meaning(p.acquisitionPlane()), p.dapTotalGyM2(), p.fluoroDapTotalGyM2(),
          p.acquisitionDapTotalGyM2(), p.doseRpTotalGy(), p.fluoroDoseRpTotalGy(), p.acquisitionDoseRpTotalGy(),
          p.totalFluoroTimeS(), p.totalAcquisitionTimeS()));
    }
    List<Row> events = new ArrayList<>();
    for (DoseEvent e : r.events()) {
      events.add(event(e));
    }
    return RowFactory.create(r.kind().name(), r.contentModality(), r.ctDlpTotalMgyCm(), r.eventsDlpSumMgyCm(),
        seq(planes), r.agdLeftMgy(), r.agdRightMgy(), events.size(), seq(events), seq(r.problems()), null, null);
  }

  /** The staging value of a report that could not be read. */
  public static Row failure(DoseReportException e) {
    return failure(e.stage().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
  }

  private static Row failure(String stage, String reason) {
    return RowFactory.create(null, null, null, null, null, null, null, null, null, null, "dose-" + stage, reason);
  }

  /** One element of {@code dose_reports.events}, in the order of the schema's event struct. */
  static Row event(DoseEvent e) {
    return RowFactory.create(e.irradiationEventUid(), meaning(e.eventKind()), code(e.eventKind()),
        meaning(e.acquisitionPlane()), e.protocol(), meaning(e.targetRegion()), code(e.targetRegion()),
        e.ctdiVolMgy(), e.dlpMgyCm(), meaning(e.phantomType()), e.ssdeMgy(), e.scanningLengthMm(), e.dapGyM2(),
        e.doseRpGy(), null, e.agdMgy(), e.laterality(), e.kvp(), e.tubeCurrentMa(), e.exposureTimeS());
  }

  /** Spark's row encoder takes arrays as Scala sequences, not Java lists. */
  static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toSeq();
  }

  private static String meaning(Code c) {
    return c == null ? null : c.meaning() != null ? c.meaning() : c.value();
  }

  private static String code(Code c) {
    return c == null ? null : c.scheme() + ":" + c.value();
  }
}
