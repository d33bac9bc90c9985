package org.imaginglake.core.ris;

import java.util.List;

/**
 * What one input (an HL7 message or a CSV record) gave: one or more events, or a quarantine. Exactly one of the two
 * is present, so a run's inputs always reconcile as messages with events plus quarantined messages.
 *
 * @param where the position of the input in its file
 * @param events the events, in the order of their ordinal in the message; empty when quarantined
 * @param quarantine why the input gave no events; {@code null} when it gave some
 */
public record RisMessageResult(RisReadException.Where where, List<RisEvent> events, RisReadException quarantine) {

  public RisMessageResult {
    events = List.copyOf(events);
    if (events.isEmpty() == (quarantine == null)) {
      throw new IllegalArgumentException("A result has events or a quarantine, not both or neither");
    }
  }

  static RisMessageResult of(RisReadException.Where where, List<RisEvent> events) {
    return new RisMessageResult(where, events, null);
  }

  static RisMessageResult quarantined(RisReadException e) {
    return new RisMessageResult(e.where(), List.of(), e);
  }

  public boolean isQuarantined() {
    return quarantine != null;
  }
}
