package org.imaginglake.core.ris;

import static org.imaginglake.core.ris.Hl7Fields.first;
import static org.imaginglake.core.ris.Hl7Fields.get;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imaginglake.core.privacy.Pseudonymizer;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.imaginglake.core.ris.RisReadException.Stage;
import org.imaginglake.core.ris.RisReadException.Where;

/**
 * Maps one parsed HL7 v2 message to its workflow events, by message type and trigger: orders (ORM^O01, OMI^O23,
 * OMG^O19) by ORC-1 and ORC-5, results (ORU^R01) by OBR-25, documents (MDM^T01–T10) by trigger and TXA-17,
 * scheduling (SIU^S12–S26) by trigger, ADT by trigger. The tables and the time precedence per event are in
 * {@code docs/ris-events.md}; this class and that file must say the same.
 *
 * <p>Raw identifiers are read, pseudonymised and dropped here; reasons name fields and codes only. Thread-safe.
 */
final class Hl7EventMapper {
  private static final Set<String> ORDER_TYPES = Set.of("ORM^O01", "OMI^O23", "OMG^O19");
  private static final Set<String> CANCEL_CONTROLS = Set.of("CA", "OC", "DC", "OD", "CR", "DR");
  private static final Set<String> CHANGE_CONTROLS = Set.of("XO", "XR", "XX");
  private static final Set<String> HOLD_CONTROLS = Set.of("HD", "OH");

  private final Pseudonymizer pseudonymizer;
  private final ZoneId zone;

  Hl7EventMapper(Pseudonymizer pseudonymizer, ZoneId zone) {
    this.pseudonymizer = pseudonymizer;
    this.zone = zone;
  }

  /** The events of {@code message} (at least one), or a quarantine reason. */
  List<RisEvent> map(Message message, Where where) throws RisReadException {
    List<Segment> segments;
    try {
      segments = Hl7Fields.segments(message);
    } catch (HL7Exception e) {
      throw new RisReadException(Stage.PARSE, where, "HAPI could not list the segments");
    }
    return new Mapping(segments, where).events();
  }

  /** One message being mapped. */
  private final class Mapping {
    private final List<Segment> segments;
    private final Where where;
    private final Segment msh;
    private final Segment pid;
    private final Segment pv1;
    private final Segment evn;
    private final String type;
    private final String trigger;

    Mapping(List<Segment> segments, Where where) {
      this.segments = segments;
      this.where = where;
      this.msh = segments.get(0);
      this.pid = firstSegment("PID");
      this.pv1 = firstSegment("PV1");
      this.evn = firstSegment("EVN");
      this.type = get(msh, 9, 1);
      this.trigger = get(msh, 9, 2);
    }

    List<RisEvent> events() throws RisReadException {
      String messageType = type + "^" + trigger;
      String controlId = get(msh, 10);
      if (controlId == null) {
        throw fail("MSH-10 message control ID missing: events could not be given stable IDs or deduplicated");
      }
      List<EventDraft> drafts;
      if (ORDER_TYPES.contains(messageType)) {
        drafts = orders();
      } else if ("ORU^R01".equals(messageType)) {
        drafts = results();
      } else if ("MDM".equals(type)) {
        drafts = document();
      } else if ("SIU".equals(type)) {
        drafts = schedule();
      } else if ("ADT".equals(type)) {
        drafts = adt();
      } else {
        throw fail("MSH-9 message type " + RisReadException.code(messageType) + " not supported");
      }
      EventDraft.MessageInfo info = new EventDraft.MessageInfo(messageType, controlId, where.sourcePath(),
          time(get(msh, 7)), get(msh, 12), get(msh, 3), get(msh, 4), where.ordinal());
      List<RisEvent> events = new ArrayList<>(drafts.size());
      for (EventDraft d : drafts) {
        int ordinal = events.size();
        String id = RisEvent.eventId(info.sendingApplication(), info.sendingFacility(), controlId, d.type.name(),
            Integer.toString(ordinal));
        events.add(d.toEvent(id, info, ordinal));
      }
      return events;
    }

    // ---- orders: ORM^O01, OMI^O23, OMG^O19 -------------------------------------------------------------------

    private List<EventDraft> orders() throws RisReadException {
      List<EventDraft> out = new ArrayList<>();
      List<Hl7Order> orders = Hl7Order.of(segments);
      String controls = null;
      for (Hl7Order o : orders) {
        if (o.obr == null) {
          continue; // pharmacy (RXO), supply (RQD) or diet (ODS) orders: not RIS workflow
        }
        String control = get(o.orc, 1);
        String status = get(o.orc, 5);
        controls = (control == null ? "(empty)" : control) + "/" + (status == null ? "(empty)" : status);
        EventDraft base = order(o, null, null);
        base.orderControl = control;
        base.orderStatus = status;
        RisEventType primary = control == null ? null
            : "NW".equals(control) ? RisEventType.ORDERED
            : CHANGE_CONTROLS.contains(control) ? RisEventType.ORDER_CHANGED
            : CANCEL_CONTROLS.contains(control) ? RisEventType.CANCELLED
            : HOLD_CONTROLS.contains(control) ? RisEventType.ON_HOLD
            : null;
        if (primary != null) {
          out.add(base.as(primary, pick(primary, "ORC-9", get(o.orc, 9), "MSH-7", get(msh, 7))));
        }
        RisEventType fromStatus = status == null ? null : switch (status) {
          case "SC" -> RisEventType.SCHEDULED;
          case "IP" -> RisEventType.EXAM_STARTED;
          case "CM" -> RisEventType.EXAM_COMPLETED;
          case "CA", "DC" -> RisEventType.CANCELLED;
          case "HD" -> RisEventType.ON_HOLD;
          default -> null;
        };
        if (fromStatus != null && fromStatus != primary) {
          Instant t = switch (fromStatus) {
            case EXAM_STARTED -> pick(fromStatus, "OBR-7", get(o.obr, 7), "ORC-9", get(o.orc, 9), "MSH-7",
                get(msh, 7));
            case EXAM_COMPLETED -> pick(fromStatus, "OBR-8", get(o.obr, 8), "ORC-9", get(o.orc, 9), "MSH-7",
                get(msh, 7));
            default -> pick(fromStatus, "ORC-9", get(o.orc, 9), "MSH-7", get(msh, 7));
          };
          out.add(base.as(fromStatus, t));
        }
      }
      if (out.isEmpty()) {
        throw fail(controls == null
            ? "no order with an OBR segment (pharmacy, supply and diet orders are not RIS workflow)"
            : "no workflow event: ORC-1/ORC-5 " + RisReadException.code(controls) + " name no step");
      }
      return out;
    }

    /** The order's values; {@code type} and {@code time} may be null for a base to copy with {@code as}. */
    private EventDraft order(Hl7Order o, RisEventType t, Instant time) {
      EventDraft d = visit(t, time);
      d.accessionPseudoId = pseudonym(Namespace.ACCESSION_NUMBER, first(get(o.ipc, 1), get(o.obr, 18)));
      d.placerOrderPseudoId = pseudonym(Namespace.PLACER_ORDER_NUMBER, first(get(o.orc, 2), get(o.obr, 2)));
      d.fillerOrderPseudoId = pseudonym(Namespace.FILLER_ORDER_NUMBER, first(get(o.orc, 3), get(o.obr, 3)));
      int procedureField = get(o.obr, 4, 1) != null || get(o.obr, 4, 2) != null ? 4 : 44;
      d.procedureCode = get(o.obr, procedureField, 1);
      d.procedureText = get(o.obr, procedureField, 2);
      d.modality = first(RisCodes.modality(get(o.ipc, 5)), RisCodes.modality(get(o.obr, 24)));
      d.priority = RisCodes.priority(first(get(o.tq1, 9), get(o.orc, 7, 6), get(o.obr, 27, 6), get(o.obr, 5)));
      d.performingResource = first(get(o.ipc, 7), get(o.ipc, 9));
      d.readerId = staffId(get(o.obr, 32, 1, 1));
      d.scheduledTime = time(first(get(o.tq1, 7), get(o.orc, 7, 4), get(o.obr, 27, 4)));
      return d;
    }

    // ---- results: ORU^R01 ------------------------------------------------------------------------------------

    private List<EventDraft> results() throws RisReadException {
      List<EventDraft> out = new ArrayList<>();
      String statuses = null;
      for (Hl7Order o : Hl7Order.of(segments)) {
        if (o.obr == null) {
          continue;
        }
        String status = get(o.obr, 25);
        statuses = status;
        RisEventType t = status == null ? null : switch (status) {
          case "P", "A", "R" -> RisEventType.PRELIMINARY_REPORT;
          case "F" -> RisEventType.FINAL_REPORT;
          case "C" -> RisEventType.CORRECTED_REPORT;
          case "X" -> RisEventType.CANCELLED;
          default -> null;
        };
        if (t != null) {
          EventDraft d = order(o, t, pick(t, "OBR-22", get(o.obr, 22), "MSH-7", get(msh, 7)));
          d.resultStatus = status;
          d.orderControl = get(o.orc, 1);
          d.orderStatus = get(o.orc, 5);
          out.add(d);
        }
      }
      if (out.isEmpty()) {
        throw fail(statuses == null && Hl7Order.of(segments).stream().allMatch(o -> o.obr == null)
            ? "no OBR segment" : "no workflow event: OBR-25 result status " + RisReadException.code(statuses)
                + " names no report step");
      }
      return out;
    }

    // ---- documents: MDM^T01-T10 ------------------------------------------------------------------------------

    private List<EventDraft> document() throws RisReadException {
      Segment txa = firstSegment("TXA");
      if (txa == null) {
        throw fail("MDM^" + RisReadException.code(trigger) + " without a TXA segment");
      }
      String status = get(txa, 17);
      RisEventType t = trigger == null ? null : switch (trigger) {
        case "T05", "T06" -> RisEventType.ADDENDUM;
        case "T07", "T08", "T09", "T10" -> RisEventType.CORRECTED_REPORT;
        case "T01", "T02", "T03", "T04" -> status == null ? null
            : "AU".equals(status) || "LA".equals(status) ? RisEventType.FINAL_REPORT
            : RisEventType.PRELIMINARY_REPORT;
        default -> null;
      };
      if (t == null) {
        throw fail("no workflow event: MDM^" + RisReadException.code(trigger) + " with TXA-17 "
            + RisReadException.code(status));
      }
      Instant time = t == RisEventType.FINAL_REPORT
          ? pick(t, "TXA-22.15", get(txa, 22, 15), "TXA-8", get(txa, 8), "EVN-6", get(evn, 6), "EVN-2",
              get(evn, 2), "MSH-7", get(msh, 7))
          : t == RisEventType.PRELIMINARY_REPORT
              ? pick(t, "TXA-6", get(txa, 6), "TXA-7", get(txa, 7), "EVN-6", get(evn, 6), "EVN-2", get(evn, 2),
                  "MSH-7", get(msh, 7))
              : pick(t, "TXA-8", get(txa, 8), "EVN-6", get(evn, 6), "EVN-2", get(evn, 2), "MSH-7", get(msh, 7));
      List<Hl7Order> orders = Hl7Order.of(segments);
      EventDraft d = orders.isEmpty() ? visit(t, time) : order(orders.get(0), t, time);
      d.placerOrderPseudoId = first(d.placerOrderPseudoId, pseudonym(Namespace.PLACER_ORDER_NUMBER, get(txa, 14)));
      d.fillerOrderPseudoId = first(d.fillerOrderPseudoId, pseudonym(Namespace.FILLER_ORDER_NUMBER, get(txa, 15)));
      d.readerId = first(d.readerId, staffId(get(txa, 22, 1)), staffId(get(txa, 9, 1)));
      d.resultStatus = status;
      return List.of(d);
    }

    // ---- scheduling: SIU^S12-S26 -----------------------------------------------------------------------------

    private List<EventDraft> schedule() throws RisReadException {
      RisEventType t = trigger == null ? null : switch (trigger) {
        case "S12" -> RisEventType.SCHEDULED;
        case "S13" -> RisEventType.RESCHEDULED;
        case "S14", "S18", "S19", "S20", "S21", "S22" -> RisEventType.APPOINTMENT_CHANGED;
        case "S15", "S16", "S17" -> RisEventType.CANCELLED;
        case "S26" -> RisEventType.NO_SHOW;
        default -> null;
      };
      if (t == null) {
        throw fail("SIU^" + RisReadException.code(trigger) + " not supported (blocked time and queries carry no "
            + "patient workflow)");
      }
      Segment sch = firstSegment("SCH");
      Segment tq1 = firstSegment("TQ1");
      List<EventDraft> out = new ArrayList<>();
      Segment aig = null;
      Segment ail = null;
      List<Segment> services = new ArrayList<>();
      for (Segment s : segments) {
        switch (Hl7Fields.name(s)) {
          case "RGS" -> {
            addServices(out, t, sch, tq1, services, aig, ail);
            services.clear();
            aig = null;
            ail = null;
          }
          case "AIS" -> services.add(s);
          case "AIG" -> aig = aig == null ? s : aig;
          case "AIL" -> ail = ail == null ? s : ail;
          default -> { }
        }
      }
      addServices(out, t, sch, tq1, services, aig, ail);
      if (out.isEmpty()) {
        out.add(appointment(t, sch, tq1, null, null, null));
      }
      return out;
    }

    private void addServices(List<EventDraft> out, RisEventType t, Segment sch, Segment tq1, List<Segment> services,
        Segment aig, Segment ail) throws RisReadException {
      for (Segment ais : services) {
        out.add(appointment(t, sch, tq1, ais, aig, ail));
      }
    }

    private EventDraft appointment(RisEventType t, Segment sch, Segment tq1, Segment ais, Segment aig, Segment ail)
        throws RisReadException {
      Instant start = time(first(get(ais, 4), get(tq1, 7), get(sch, 11, 4)));
      Instant when = t == RisEventType.NO_SHOW
          ? pick(t, "AIS-4", get(ais, 4), "TQ1-7", get(tq1, 7), "SCH-11.4", get(sch, 11, 4), "MSH-7", get(msh, 7))
          : pick(t, "MSH-7", get(msh, 7));
      EventDraft d = visit(t, when);
      d.scheduledTime = start;
      d.placerOrderPseudoId = pseudonym(Namespace.PLACER_ORDER_NUMBER, get(sch, 26));
      d.fillerOrderPseudoId = pseudonym(Namespace.FILLER_ORDER_NUMBER, get(sch, 27));
      d.procedureCode = get(ais, 3, 1);
      d.procedureText = get(ais, 3, 2);
      d.priority = RisCodes.priority(first(get(tq1, 9), get(sch, 11, 6)));
      d.performingResource = first(get(aig, 3, 2), get(aig, 3, 1), get(ail, 3, 2), get(ail, 3, 1));
      d.site = first(get(ail, 3, 4), d.site);
      return d;
    }

    // ---- ADT -------------------------------------------------------------------------------------------------

    private List<EventDraft> adt() throws RisReadException {
      String tr = trigger == null ? "" : trigger;
      switch (tr) {
        case "A01", "A04", "A10" -> {
          return List.of(visit(RisEventType.ARRIVED, pick(RisEventType.ARRIVED, "PV1-44", get(pv1, 44), "EVN-6",
              get(evn, 6), "EVN-2", get(evn, 2), "MSH-7", get(msh, 7))));
        }
        case "A03" -> {
          return List.of(visit(RisEventType.DISCHARGED, pick(RisEventType.DISCHARGED, "PV1-45", get(pv1, 45),
              "EVN-6", get(evn, 6), "EVN-2", get(evn, 2), "MSH-7", get(msh, 7))));
        }
        case "A02", "A05", "A06", "A07", "A08", "A31" -> {
          return List.of(visit(RisEventType.PATIENT_UPDATED, eventTime(RisEventType.PATIENT_UPDATED)));
        }
        case "A34", "A36", "A39", "A40", "A46", "A47" -> {
          return merges();
        }
        default -> throw fail("ADT^" + RisReadException.code(tr) + " not supported");
      }
    }

    /** One event per PID/MRG pair (A39 and A40 may hold several). */
    private List<EventDraft> merges() throws RisReadException {
      Instant when = eventTime(RisEventType.PATIENT_MERGED);
      List<EventDraft> out = new ArrayList<>();
      Segment currentPid = null;
      for (Segment s : segments) {
        String n = Hl7Fields.name(s);
        if ("PID".equals(n)) {
          currentPid = s;
        } else if ("MRG".equals(n)) {
          EventDraft d = visit(RisEventType.PATIENT_MERGED, when);
          d.patientPseudoId = pseudonym(Namespace.PATIENT_ID, get(currentPid, 3));
          d.priorPatientPseudoId = pseudonym(Namespace.PATIENT_ID, get(s, 1));
          out.add(d);
        }
      }
      if (out.isEmpty()) {
        throw fail("ADT^" + RisReadException.code(trigger) + " without an MRG segment");
      }
      return out;
    }

    private Instant eventTime(RisEventType t) throws RisReadException {
      return pick(t, "EVN-6", get(evn, 6), "EVN-2", get(evn, 2), "MSH-7", get(msh, 7));
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    /** A draft with the patient and visit values of the message. */
    private EventDraft visit(RisEventType t, Instant time) {
      EventDraft d = new EventDraft(t, time);
      d.patientPseudoId = pseudonym(Namespace.PATIENT_ID, get(pid, 3));
      d.patientClass = RisCodes.patientClass(get(pv1, 2));
      d.site = first(get(pv1, 3, 4), get(pv1, 39), get(msh, 4));
      return d;
    }

    /** The first parseable time of the labelled candidates, in order; a quarantine when there is none. */
    private Instant pick(RisEventType t, String... labelsAndValues) throws RisReadException {
      StringBuilder tried = new StringBuilder();
      for (int i = 0; i < labelsAndValues.length; i += 2) {
        Instant v = time(labelsAndValues[i + 1]);
        if (v != null) {
          return v;
        }
        tried.append(i == 0 ? "" : ", ").append(labelsAndValues[i]);
      }
      throw fail("no time for " + t + ": " + tried + " empty or not HL7 timestamps");
    }

    private Instant time(String value) {
      return Hl7Fields.instant(value, zone);
    }

    private Segment firstSegment(String name) {
      for (Segment s : segments) {
        if (name.equals(Hl7Fields.name(s))) {
          return s;
        }
      }
      return null;
    }

    private RisReadException fail(String reason) {
      return new RisReadException(Stage.MAP, where, reason);
    }
  }

  private String pseudonym(Namespace ns, String raw) {
    return pseudonymizer.pseudonym(ns, raw);
  }

  /**
   * A staff ID, or null when it holds no digit: feeds that put a name where the ID belongs ({@code Harry&Raud})
   * must not leak it into {@code reader_id}.
   */
  static String staffId(String value) {
    return value != null && value.chars().anyMatch(Character::isDigit) ? value : null;
  }
}
