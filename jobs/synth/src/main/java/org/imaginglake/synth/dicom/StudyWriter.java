package org.imaginglake.synth.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.model.Modality;
import org.imaginglake.synth.model.SeriesAcquisition;

/**
 * Writes every DICOM file of one performed exam under
 * {@code dicom/<site>/<local date of the exam>/<accession>/S<series number>/I<instance number>.dcm}: the images,
 * the dose report (CT, DX, RF; series 999) and the measurement report of follow-up CTs (series 900).
 * One instance per thread (it holds a reusable image writer).
 */
public final class StudyWriter {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private final long seed;
  private final Path dicomRoot;
  private final ImageWriter images;

  public StudyWriter(long seed, Path outDir, PixelData pixels) {
    this.seed = seed;
    this.dicomRoot = outDir.resolve("dicom");
    this.images = new ImageWriter(seed, pixels);
  }

  /** What one exam produced: instances (images and SRs), of which SRs, and bytes. */
  public record Written(int instances, int srs, long bytes) {
  }

  public Written write(Exam exam) {
    Path studyDir = dicomRoot.resolve(exam.site().code())
        .resolve(DAY.format(exam.times().started().atZone(exam.site().zone())))
        .resolve(exam.accession());
    int instances = 0;
    int srs = 0;
    long bytes = 0;
    for (SeriesAcquisition s : exam.acquisition().series()) {
      bytes += images.write(exam, s, directory(studyDir, s.number()));
      instances += s.instanceCount();
    }
    Modality m = exam.scanner().modality();
    if (m.hasDoseReport()) {
      Path file = directory(studyDir, CtDoseReport.SERIES_NUMBER).resolve("I00001.dcm");
      bytes += m == Modality.CT ? CtDoseReport.write(seed, exam, file) : ProjectionDoseReport.write(seed, exam, file);
      srs++;
    }
    if (exam.lesion() != null) {
      bytes += MeasurementReport.write(seed, exam,
          directory(studyDir, MeasurementReport.SERIES_NUMBER).resolve("I00001.dcm"));
      srs++;
    }
    return new Written(instances + srs, srs, bytes);
  }

  private static Path directory(Path study, int series) {
    try {
      return Files.createDirectories(study.resolve(String.format("S%03d", series)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
