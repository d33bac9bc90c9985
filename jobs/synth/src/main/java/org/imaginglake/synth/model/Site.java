package org.imaginglake.synth.model;

import java.time.ZoneId;
import java.util.List;

/** A hospital site: its code (used in file names and HL7 MSH-4), institution name, time zone and scanners. */
public record Site(String code, String institutionName, String address, ZoneId zone, List<Scanner> scanners) {
  public Site {
    scanners = List.copyOf(scanners);
  }
}
