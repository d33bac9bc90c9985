package org.imaginglake.synth.sim;

import java.time.Instant;
import org.imaginglake.synth.model.Acquisition;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.ExamStatus;
import org.imaginglake.synth.model.LesionTrack;
import org.imaginglake.synth.model.PatientClass;
import org.imaginglake.synth.model.Patient;
import org.imaginglake.synth.model.Priority;
import org.imaginglake.synth.model.Protocol;
import org.imaginglake.synth.model.Radiologist;
import org.imaginglake.synth.model.Scanner;
import org.imaginglake.synth.model.Site;
import org.imaginglake.synth.model.StageTimes;

/** An exam while the simulation fills it in, stage by stage; {@link #toExam()} freezes it. */
final class ExamDraft {
  final String key;
  final Site site;
  final Scanner scanner;
  final Protocol protocol;
  final Priority priority;
  final PatientClass patientClass;
  final Instant ordered;
  final Instant scheduled;
  LesionTrack lesion;
  int lesionTimepoint;
  String accession;
  String placerOrder;
  Patient patient;
  String referringPhysician;
  String operator;
  ExamStatus status = ExamStatus.COMPLETED;
  Instant cancelled;
  Instant arrived;
  Instant started;
  Instant completed;
  Instant preliminary;
  Instant finalized;
  Instant corrected;
  Radiologist reader;
  Radiologist signer;
  Acquisition acquisition;

  ExamDraft(String key, Site site, Scanner scanner, Protocol protocol, Priority priority, PatientClass patientClass,
      Instant ordered, Instant scheduled) {
    this.key = key;
    this.site = site;
    this.scanner = scanner;
    this.protocol = protocol;
    this.priority = priority;
    this.patientClass = patientClass;
    this.ordered = ordered;
    this.scheduled = scheduled;
  }

  Exam toExam() {
    return new Exam(accession, placerOrder, patient, site, scanner, protocol, priority, patientClass, status,
        new StageTimes(ordered, scheduled, arrived, started, completed, preliminary, finalized, corrected, cancelled),
        reader, signer, referringPhysician, operator, acquisition, lesion, lesionTimepoint);
  }
}
