package org.imaginglake.synth.model;

/** A named reader; {@code shift} names the rota they work (see the simulation's reading rota). */
public record Radiologist(String id, String familyName, String givenName, String shift) {
  public String dicomName() {
    return familyName + "^" + givenName + "^^Dr";
  }
}
