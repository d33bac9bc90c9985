package org.imaginglake.synth.sim;

import static org.imaginglake.synth.model.SeriesPlan.Exposure.CT_HELICAL;
import static org.imaginglake.synth.model.SeriesPlan.Exposure.CT_LOCALIZER;
import static org.imaginglake.synth.model.SeriesPlan.Exposure.CT_RECON;
import static org.imaginglake.synth.model.SeriesPlan.Exposure.NONE;
import static org.imaginglake.synth.model.SeriesPlan.Exposure.PROJECTION;

import java.util.List;
import java.util.Map;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.Protocol;
import org.imaginglake.synth.model.Protocol.TargetRegion;
import org.imaginglake.synth.model.SeriesPlan;

/**
 * The department's fixed catalogue: orderable protocols per modality with their series and dose scale, device
 * makes and models, and the name lists fake people are drawn from. Target regions are SNOMED CT codes from
 * PS3.16 CID 4030/4031.
 */
public final class Catalog {
  static final TargetRegion HEAD = new TargetRegion("69536005", "Head");
  static final TargetRegion CHEST = new TargetRegion("51185008", "Chest");
  static final TargetRegion ABDOMEN = new TargetRegion("818981001", "Abdomen");
  static final TargetRegion CHEST_ABDOMEN_PELVIS = new TargetRegion("416775004", "Chest, Abdomen and Pelvis");
  static final TargetRegion KNEE = new TargetRegion("72696002", "Knee");
  static final TargetRegion LUMBAR_SPINE = new TargetRegion("122496007", "Lumbar spine");
  static final TargetRegion PELVIS = new TargetRegion("816092008", "Pelvis");
  static final TargetRegion BREAST = new TargetRegion("76752008", "Breast");
  static final TargetRegion NECK = new TargetRegion("45048000", "Neck");

  /** The follow-up CT the longitudinal patients get; its studies carry a TID 1500 measurement report. */
  public static final Protocol CT_FOLLOW_UP = ct("CTCAPFU", "CT CHEST ABDOMEN PELVIS FOLLOW-UP", "CHEST", 20, 10.0,
      650, CHEST_ABDOMEN_PELVIS, series("Chest/Abd/Pelvis 5mm", 110, 140, CT_HELICAL),
      series("Lung 2mm", 160, 200, CT_RECON));

  static final Map<Modality, List<Protocol>> PROTOCOLS = Map.of(
      Modality.CT, List.of(
          ct("CTHEAD", "CT HEAD WITHOUT CONTRAST", "HEAD", 10, 52.0, 170, HEAD,
              series("Head 5mm", 28, 36, CT_HELICAL), series("Head 1.25mm bone", 100, 130, CT_RECON)),
          ct("CTCHEST", "CT CHEST WITH CONTRAST", "CHEST", 14, 8.5, 340, CHEST,
              series("Chest 5mm", 60, 75, CT_HELICAL), series("Lung 2mm", 150, 180, CT_RECON)),
          ct("CTABDPEL", "CT ABDOMEN PELVIS WITH CONTRAST", "ABDOMEN", 17, 12.0, 450, ABDOMEN,
              series("Abd/Pelvis 5mm portal venous", 80, 100, CT_HELICAL), series("Coronal 3mm", 60, 80, CT_RECON))),
      Modality.MR, List.of(
          mr("MRBRAIN", "MR BRAIN WITHOUT AND WITH CONTRAST", "HEAD", 35,
              "T1 SAG", "T2 TSE AX", "FLAIR AX", "DWI AX", "T1 MPRAGE POST"),
          mr("MRKNEE", "MR KNEE", "KNEE", 30, "PD FS SAG", "PD COR", "T1 COR", "PD FS AX"),
          mr("MRLSPINE", "MR LUMBAR SPINE", "LSPINE", 30, "T1 TSE SAG", "T2 TSE SAG", "T2 TSE AX")),
      Modality.DX, projection(Modality.DX),
      Modality.CR, projection(Modality.CR),
      Modality.US, List.of(
          plain("USABD", "US ABDOMEN COMPLETE", Modality.US, "ABDOMEN", 25, ABDOMEN, series("Abdomen", 20, 40, NONE)),
          plain("USTHYR", "US THYROID", Modality.US, "NECK", 20, NECK, series("Thyroid", 12, 24, NONE))),
      Modality.MG, List.of(new Protocol("MGSCREEN", "MG SCREENING BILATERAL", Modality.MG, "BREAST", 15, 0.2,
          List.of(series("R CC", 1, 1, PROJECTION), series("L CC", 1, 1, PROJECTION),
              series("R MLO", 1, 1, PROJECTION), series("L MLO", 1, 1, PROJECTION)),
          0, 0, 0, 1.4, 29, BREAST)),
      Modality.RF, List.of(
          new Protocol("RFSWALLOW", "RF BARIUM SWALLOW", Modality.RF, "ESOPHAGUS", 25, 0.3,
              List.of(series("Spot images", 4, 10, PROJECTION)), 0, 0, 6.0e-5, 0, 80, CHEST),
          new Protocol("RFSBFT", "RF SMALL BOWEL FOLLOW THROUGH", Modality.RF, "ABDOMEN", 40, 0.3,
              List.of(series("Overview", 1, 2, PROJECTION), series("Spot images", 4, 8, PROJECTION)),
              0, 0, 9.0e-5, 0, 85, ABDOMEN)),
      Modality.NM, List.of(
          plain("NMBONE", "NM BONE SCAN WHOLE BODY", Modality.NM, "WHOLEBODY", 45, null,
              series("WB ANT", 1, 1, NONE), series("WB POST", 1, 1, NONE), series("Statics", 4, 8, NONE)),
          plain("NMTHYR", "NM THYROID SCAN", Modality.NM, "NECK", 30, NECK, series("Thyroid statics", 2, 4, NONE))));

  /** Manufacturer and model name choices per modality (real product lines, as real headers carry). */
  static final Map<Modality, List<String[]>> DEVICES = Map.of(
      Modality.CT, List.of(new String[] {"SIEMENS", "SOMATOM Definition AS+"},
          new String[] {"GE MEDICAL SYSTEMS", "Revolution CT"}, new String[] {"Philips", "iCT 256"}),
      Modality.MR, List.of(new String[] {"SIEMENS", "MAGNETOM Vida"}, new String[] {"GE MEDICAL SYSTEMS", "SIGNA Premier"},
          new String[] {"Philips Medical Systems", "Ingenia"}),
      Modality.DX, List.of(new String[] {"Philips Medical Systems", "DigitalDiagnost C90"},
          new String[] {"SIEMENS", "Ysio Max"}),
      Modality.CR, List.of(new String[] {"FUJIFILM Corporation", "FCR PROFECT CS"}, new String[] {"Agfa", "CR 30-X"}),
      Modality.US, List.of(new String[] {"GE Healthcare", "LOGIQ E10"}, new String[] {"Philips", "EPIQ 7G"}),
      Modality.MG, List.of(new String[] {"HOLOGIC, Inc.", "Selenia Dimensions"},
          new String[] {"GE MEDICAL SYSTEMS", "Senographe Pristina"}),
      Modality.RF, List.of(new String[] {"SIEMENS", "Luminos dRF Max"}, new String[] {"Philips", "CombiDiagnost R90"}),
      Modality.NM, List.of(new String[] {"SIEMENS", "Symbia Intevo"}, new String[] {"GE MEDICAL SYSTEMS", "NM/CT 870 DR"}));

  static final List<String> FAMILY_NAMES = List.of("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit",
      "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
      "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen",
      "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "Schouten", "van Beek", "Willems", "Hoekstra",
      "Maas", "Verhoeven", "Koster", "Prins", "Blom", "Huisman", "Kuipers", "Post", "Timmermans", "Groen");
  static final List<String> GIVEN_NAMES_F = List.of("Anna", "Emma", "Sophie", "Julia", "Lotte", "Eva", "Sanne",
      "Maria", "Johanna", "Femke", "Ingrid", "Marloes", "Petra", "Wilma", "Esther", "Linda", "Noor", "Fleur");
  static final List<String> GIVEN_NAMES_M = List.of("Jan", "Pieter", "Kees", "Johannes", "Willem", "Daan", "Lucas",
      "Thomas", "Bram", "Hendrik", "Gerrit", "Marco", "Erik", "Ruben", "Sander", "Joost", "Bas", "Martijn");

  private Catalog() {}

  static List<Protocol> protocols(Modality m) {
    return PROTOCOLS.get(m);
  }

  private static SeriesPlan series(String description, int min, int max, SeriesPlan.Exposure exposure) {
    return new SeriesPlan(description, min, max, exposure);
  }

  private static Protocol ct(String code, String text, String bodyPart, double minutes, double ctdiVol,
      double lengthMm, TargetRegion region, SeriesPlan... series) {
    List<SeriesPlan> all = new java.util.ArrayList<>();
    all.add(series("Topogram", 1, 2, CT_LOCALIZER));
    all.addAll(List.of(series));
    return new Protocol(code, text, Modality.CT, bodyPart, minutes, 0.3, all, ctdiVol, lengthMm, 0, 0, 120, region);
  }

  private static Protocol mr(String code, String text, String bodyPart, double minutes, String... sequences) {
    List<SeriesPlan> all = new java.util.ArrayList<>();
    all.add(series("Localizer", 3, 3, NONE));
    for (String s : sequences) {
      all.add(series(s, 20, 30, NONE));
    }
    return new Protocol(code, text, Modality.MR, bodyPart, minutes, 0.2, all, 0, 0, 0, 0, 0, null);
  }

  private static Protocol plain(String code, String text, Modality m, String bodyPart, double minutes,
      TargetRegion region, SeriesPlan... series) {
    return new Protocol(code, text, m, bodyPart, minutes, 0.25, List.of(series), 0, 0, 0, 0, 0, region);
  }

  private static List<Protocol> projection(Modality m) {
    return List.of(
        xr(m, "XRCHEST", "XR CHEST 2 VIEWS", "CHEST", 6, 1.2e-5, 125, CHEST, "PA", "LAT"),
        xr(m, "XRKNEE", "XR KNEE 3 VIEWS", "KNEE", 8, 2.0e-6, 65, KNEE, "AP", "LAT", "SKYLINE"),
        xr(m, "XRLSPINE", "XR LUMBAR SPINE 2 VIEWS", "LSPINE", 10, 1.0e-4, 85, LUMBAR_SPINE, "AP", "LAT"),
        xr(m, "XRPELVIS", "XR PELVIS AP", "PELVIS", 5, 6.0e-5, 80, PELVIS, "AP"));
  }

  private static Protocol xr(Modality m, String code, String text, String bodyPart, double minutes, double dap, int kvp,
      TargetRegion region, String... views) {
    List<SeriesPlan> all = new java.util.ArrayList<>();
    for (String v : views) {
      all.add(series(v, 1, 1, PROJECTION));
    }
    return new Protocol(code, text, m, bodyPart, minutes, 0.3, all, 0, 0, dap, 0, kvp, region);
  }
}
