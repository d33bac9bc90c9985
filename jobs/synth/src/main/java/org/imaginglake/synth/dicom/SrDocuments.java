package org.imaginglake.synth.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.time.Instant;
import org.imaginglake.synth.model.Exam;
import org.imaginglake.synth.sim.Uids;

/**
 * Wraps an SR content tree into a complete SR document of the exam's study: patient, study and equipment modules,
 * its own series (Modality SR), SOP class and instance, content date/time (scanner clock), completion and
 * verification flags; then writes it.
 */
final class SrDocuments {
  private SrDocuments() {}

  static long write(long seed, Exam exam, AttributeList content, String sopClassUid, int seriesNumber,
      String seriesDescription, Instant contentTime, boolean verified, Path file) {
    ScannerClock clock = new ScannerClock(exam.scanner(), exam.site().zone());
    AttributeList list = new AttributeList();
    list.putAll(content);
    Studies.putPatientStudyEquipment(list, seed, exam, clock);
    ScannerClock.Reading t = clock.at(contentTime);
    Dicom.put(list, TagFromName.SOPClassUID, sopClassUid);
    Dicom.put(list, TagFromName.SOPInstanceUID, Uids.instance(seed, exam.accession(), seriesNumber, 1));
    Dicom.put(list, TagFromName.Modality, "SR");
    Dicom.put(list, TagFromName.SeriesInstanceUID, Uids.series(seed, exam.accession(), seriesNumber));
    Dicom.put(list, TagFromName.SeriesNumber, Integer.toString(seriesNumber));
    Dicom.put(list, TagFromName.SeriesDescription, seriesDescription);
    Dicom.put(list, TagFromName.SeriesDate, t.da());
    Dicom.put(list, TagFromName.SeriesTime, t.tm());
    Dicom.put(list, TagFromName.InstanceNumber, "1");
    Dicom.put(list, TagFromName.ContentDate, t.da());
    Dicom.put(list, TagFromName.ContentTime, t.tm());
    Dicom.put(list, ImageWriter.TIMEZONE_OFFSET, t.offsetFromUtc());
    Dicom.put(list, TagFromName.CompletionFlag, "COMPLETE");
    Dicom.put(list, TagFromName.VerificationFlag, verified ? "VERIFIED" : "UNVERIFIED");
    list.remove(TagFromName.InstanceCreationDate);
    list.remove(TagFromName.InstanceCreationTime);
    return Dicom.write(list, file);
  }

  static AttributeList contentOf(com.pixelmed.dicom.ContentItem root) {
    try {
      return new StructuredReport(root).getAttributeList();
    } catch (DicomException e) {
      throw new IllegalStateException("cannot build SR content: " + e.getMessage(), e);
    }
  }
}
