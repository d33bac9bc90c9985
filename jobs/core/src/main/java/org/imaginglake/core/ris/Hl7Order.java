package org.imaginglake.core.ris;

import ca.uhn.hl7v2.model.Segment;
import java.util.ArrayList;
import java.util.List;

/** An order as it came on the wire: an ORC (or an OBR with none) and the OBR, TQ1 and IPC after it. */
final class Hl7Order {
  Segment orc;
  Segment obr;
  Segment tq1;
  Segment ipc;

  static List<Hl7Order> of(List<Segment> segments) {
    List<Hl7Order> out = new ArrayList<>();
    Hl7Order cur = null;
    for (Segment s : segments) {
      switch (Hl7Fields.name(s)) {
        case "ORC" -> {
          cur = new Hl7Order();
          cur.orc = s;
          out.add(cur);
        }
        case "OBR" -> {
          if (cur == null || cur.obr != null) {
            cur = new Hl7Order();
            out.add(cur);
          }
          cur.obr = s;
        }
        case "TQ1" -> {
          if (cur != null && cur.tq1 == null) {
            cur.tq1 = s;
          }
        }
        case "IPC" -> {
          if (cur != null && cur.ipc == null) {
            cur.ipc = s;
          }
        }
        default -> { }
      }
    }
    return out;
  }
}
