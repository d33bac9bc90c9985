package org.imaginglake.core.dose;

import static org.imaginglake.core.dose.DoseCodes.*;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imaginglake.core.dose.DoseReport.Kind;
import org.imaginglake.core.dose.DoseReportException.Stage;
import org.imaginglake.core.dose.DoseUnits.Quantity;

/**
 * Reads the dose of one SR document (a PixelMed {@link AttributeList} of the whole data set) into a {@link DoseReport}.
 *
 * <p>The root concept decides the kind: (113701, DCM) with (113819, DCM) CT acquisitions is CT (TID 10011), with
 * (113706, DCM) irradiation events projection X-ray (TID 10001); (113500, DCM) is a radiopharmaceutical report; any
 * other root is not a dose report. Every concept is matched by code value and scheme. Each event and accumulation is
 * read where the template puts it; vendors' extra private content is ignored.
 *
 * <p>Cost: one walk of the content tree; memory is the tree PixelMed already holds. Stateless and thread-safe.
 */
public final class DoseReportExtractor {

  /** Reads one document; a document that is no SR, or a dose report without any event or total, is an exception. */
  public DoseReport extract(AttributeList dataSet) throws DoseReportException {
    if (SrNode.string(dataSet, SrNode.VALUE_TYPE) == null
        && SrNode.items(dataSet, SrNode.CONTENT_SEQUENCE).isEmpty()) {
      throw new DoseReportException(Stage.STRUCTURE, "neither Value Type (0040,A040) nor Content Sequence"
          + " (0040,A730) at the top level: not a structured report");
    }
    SrNode root = SrNode.root(dataSet);
    String sop = SrNode.string(dataSet, TagFromName.SOPInstanceUID);
    String modality = SrNode.string(dataSet, TagFromName.Modality);
    List<String> problems = new ArrayList<>();
    if (root.concept == null) {
      throw new DoseReportException(Stage.STRUCTURE, "the root content item has no concept name code; cannot tell"
          + " which template the report follows");
    }
    String study = SrNode.string(dataSet, TagFromName.StudyInstanceUID);
    if (study == null) {
      study = root.find(STUDY_INSTANCE_UID).map(SrNode::uid).orElse(null);
    }
    if (root.is(RADIOPHARMACEUTICAL_DOSE_REPORT)) {
      return new DoseReport(Kind.RADIOPHARMACEUTICAL, sop, study, modality,
          modality == null || "SR".equals(modality) ? "NM" : modality, List.of(), null, List.of(), null, null,
          List.of());
    }
    if (!root.is(XRAY_DOSE_REPORT)) {
      return new DoseReport(Kind.NOT_DOSE, sop, study, modality, null, List.of(), null, List.of(), null, null,
          List.of("root concept " + root.concept + " is not a dose report"));
    }
    List<SrNode> ct = root.all(CT_ACQUISITION);
    List<SrNode> projection = root.all(IRRADIATION_EVENT_XRAY);
    Optional<SrNode> ctAccumulated = root.first(CT_ACCUMULATED);
    if (!ct.isEmpty() || ctAccumulated.isPresent()) {
      List<DoseEvent> events = new ArrayList<>();
      for (SrNode e : ct) {
        events.add(ctEvent(e, study, sop, problems));
      }
      Double total = ctAccumulated.flatMap(a -> a.first(CT_DLP_TOTAL))
          .map(n -> DoseUnits.value(n, Quantity.DLP_MGY_CM, problems)).orElse(null);
      return new DoseReport(Kind.CT, sop, study, modality, "CT", List.copyOf(events), total, List.of(), null, null,
          List.copyOf(problems));
    }
    List<SrNode> accumulated = root.all(ACCUMULATED_XRAY);
    if (projection.isEmpty() && accumulated.isEmpty()) {
      throw new DoseReportException(Stage.CONTENT, "X-Ray Radiation Dose Report " + sop + " has neither CT"
          + " acquisitions (113819, DCM) nor irradiation events (113706, DCM) nor accumulated dose; nothing to read");
    }
    List<DoseEvent> events = new ArrayList<>();
    for (SrNode e : projection) {
      events.add(projectionEvent(e, study, sop, problems));
    }
    List<PlaneAccumulation> planes = new ArrayList<>();
    Double agdLeft = null;
    Double agdRight = null;
    for (SrNode a : accumulated) {
      planes.add(plane(a, problems));
      for (SrNode agd : a.all(ACCUMULATED_AGD)) {
        Double v = DoseUnits.value(agd, Quantity.DOSE_MGY, problems);
        String side = laterality(agd);
        if ("L".equals(side)) {
          agdLeft = v;
        } else if ("R".equals(side)) {
          agdRight = v;
        } else {
          problems.add("accumulated average glandular dose " + v + " mGy without left or right laterality; not used");
        }
      }
    }
    return new DoseReport(Kind.PROJECTION, sop, study, modality,
        projectionModality(root, events, planes, agdLeft != null || agdRight != null), List.copyOf(events), null,
        List.copyOf(planes), agdLeft, agdRight, List.copyOf(problems));
  }

  /** MG, RF or DX from what a TID 10001 report contains; the rule is documented on {@link DoseReport}. */
  static String projectionModality(SrNode root, List<DoseEvent> events, List<PlaneAccumulation> planes,
      boolean accumulatedAgd) {
    boolean mammography = root.first(PROCEDURE_REPORTED).map(SrNode::codeValue)
        .map(c -> anyIs(MAMMOGRAPHY, c)).orElse(false);
    if (mammography || accumulatedAgd || events.stream().anyMatch(e -> e.agdMgy() != null)) {
      return "MG";
    }
    boolean fluoro = events.stream().anyMatch(e -> anyIs(FLUOROSCOPY, e.eventKind()))
        || planes.stream().anyMatch(p -> positive(p.totalFluoroTimeS()) || positive(p.fluoroDapTotalGyM2()));
    return fluoro ? "RF" : "DX";
  }

  private static boolean positive(Double v) {
    return v != null && v > 0;
  }

  private static DoseEvent ctEvent(SrNode e, String study, String sop, List<String> problems) {
    Optional<SrNode> params = e.first(CT_ACQUISITION_PARAMETERS);
    Optional<SrNode> source = params.flatMap(p -> p.first(CT_SOURCE_PARAMETERS));
    Optional<SrNode> dose = e.first(CT_DOSE);
    return new DoseEvent(study, uid(e, problems), code(e, CT_ACQUISITION_TYPE), null, text(e, ACQUISITION_PROTOCOL),
        code(e, TARGET_REGION),
        num(dose, MEAN_CTDIVOL, Quantity.DOSE_MGY, problems),
        num(dose, DLP, Quantity.DLP_MGY_CM, problems),
        dose.map(d -> code(d, CTDIW_PHANTOM_TYPE)).orElse(null),
        num(dose, SSDE, Quantity.DOSE_MGY, problems),
        num(params, SCANNING_LENGTH, Quantity.LENGTH_MM, problems),
        num(params, EXPOSURE_TIME, Quantity.TIME_S, problems),
        num(source, KVP, Quantity.VOLTAGE_KV, problems),
        num(source, TUBE_CURRENT, Quantity.CURRENT_MA, problems),
        null, null, null, null, sop);
  }

  private static DoseEvent projectionEvent(SrNode e, String study, String sop, List<String> problems) {
    Optional<SrNode> self = Optional.of(e);
    Double exposure = num(self, EXPOSURE_TIME, Quantity.TIME_S, problems);
    if (exposure == null) {
      exposure = num(self, EXPOSURE_TIME_OLD, Quantity.TIME_S, problems);
    }
    if (exposure == null) {
      exposure = num(self, IRRADIATION_DURATION, Quantity.TIME_S, problems);
    }
    String side = e.first(n -> anyIs(LATERALITY, n.concept)).map(DoseReportExtractor::side)
        .orElseGet(() -> e.first(n -> anyIs(ANATOMICAL_STRUCTURE, n.concept)).map(DoseReportExtractor::laterality)
            .orElse(null));
    return new DoseEvent(study, uid(e, problems), code(e, IRRADIATION_EVENT_TYPE), code(e, ACQUISITION_PLANE),
        text(e, ACQUISITION_PROTOCOL), code(e, TARGET_REGION), null, null, null, null, null, exposure,
        num(self, KVP, Quantity.VOLTAGE_KV, problems),
        num(self, TUBE_CURRENT, Quantity.CURRENT_MA, problems),
        num(self, DAP, Quantity.DAP_GY_M2, problems),
        num(self, DOSE_RP, Quantity.DOSE_GY, problems),
        num(self, AGD, Quantity.DOSE_MGY, problems),
        side, sop);
  }

  private static PlaneAccumulation plane(SrNode a, List<String> problems) {
    Optional<SrNode> s = Optional.of(a);
    return new PlaneAccumulation(code(a, ACQUISITION_PLANE),
        num(s, DAP_TOTAL, Quantity.DAP_GY_M2, problems),
        num(s, FLUORO_DAP_TOTAL, Quantity.DAP_GY_M2, problems),
        num(s, ACQUISITION_DAP_TOTAL, Quantity.DAP_GY_M2, problems),
        num(s, DOSE_RP_TOTAL, Quantity.DOSE_GY, problems),
        num(s, FLUORO_DOSE_RP_TOTAL, Quantity.DOSE_GY, problems),
        num(s, ACQUISITION_DOSE_RP_TOTAL, Quantity.DOSE_GY, problems),
        num(s, TOTAL_FLUORO_TIME, Quantity.TIME_S, problems),
        num(s, TOTAL_ACQUISITION_TIME, Quantity.TIME_S, problems));
  }

  private static Double num(Optional<SrNode> parent, Code c, Quantity q, List<String> problems) {
    return parent.flatMap(p -> p.first(c)).map(n -> DoseUnits.value(n, q, problems)).orElse(null);
  }

  private static String uid(SrNode e, List<String> problems) {
    String uid = e.first(IRRADIATION_EVENT_UID).map(SrNode::uid).orElse(null);
    if (uid == null) {
      problems.add("an irradiation event " + e.concept + " has no Irradiation Event UID (113769, DCM)");
    }
    return uid;
  }

  private static Code code(SrNode parent, Code c) {
    return parent.first(c).map(SrNode::codeValue).orElse(null);
  }

  private static String text(SrNode parent, Code c) {
    return parent.first(c).map(SrNode::text).orElse(null);
  }

  /** L, R or B from a laterality modifier below {@code n}, or null. */
  private static String laterality(SrNode n) {
    return n.first(c -> anyIs(LATERALITY, c.concept)).map(DoseReportExtractor::side).orElse(null);
  }

  private static String side(SrNode lateralityItem) {
    Code v = lateralityItem.codeValue();
    return anyIs(LEFT, v) ? "L" : anyIs(RIGHT, v) ? "R" : anyIs(BOTH, v) ? "B" : null;
  }
}
