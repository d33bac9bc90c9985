package org.imaginglake.spark.bench;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.imaginglake.core.dose.DoseReport;
import org.imaginglake.core.dose.DoseReportExtractor;
import org.imaginglake.spark.dose.DoseRows;

/**
 * The benchmark's input files, written with PixelMed: copies of real files with fresh UIDs, and CT-sized images.
 *
 * <p>Small files: every file under {@code <source>/dicom} and {@code <source>/rdsr} that PixelMed reads whole as an
 * instance (SOP Instance, Study Instance and Series Instance UID present) is copied round-robin until there are N
 * copies. Copy {@code i} gets its own SOP Instance UID (and Media Storage SOP Instance UID); every Study and Series
 * Instance UID is replaced by a fresh one per round (round = one pass over the sources), so the copies are distinct
 * instances in distinct studies and the derived tables grow as they would with real data. A copy keeps the source's
 * transfer syntax when PixelMed writes it back readably, else it is written as Explicit VR Little Endian.
 *
 * <p>CT-sized files: the header of a real CT with 512 x 512 16-bit pixels (524,288 bytes of Pixel Data), one series
 * per 200 images and one study per 400, about 0.5 MB each.
 *
 * <p>Dose reports ({@link #buildRdsr}): every readable X-ray or radiopharmaceutical dose report under
 * {@code <source>/rdsr}, copied round-robin, each copy with every UID that identifies an instance, a study, a series or
 * an event replaced (see {@link #uidSlots}), so that no two copies share an Irradiation Event UID.
 *
 * <p>UIDs are {@code 2.25.<UUID as a decimal integer>} (PS3.5 B.2) from name-based UUIDs of the copy's position, so a
 * corpus is reproducible. Files go into sub-folders of at most {@value #FILES_PER_FOLDER}. Building costs roughly
 * one PixelMed write per file and is never part of a measurement.
 */
final class BenchCorpus {
  static final int FILES_PER_FOLDER = 1000;
  /** Bumped whenever what the builder writes changes, so a kept corpus of an older kind is rebuilt. */
  static final String BUILDER_VERSION = "1";
  static final int CT_ROWS = 512;
  static final int CT_COLUMNS = 512;
  private static final String UID_NAMESPACE = "imaging-lake-bench/";
  private static final String SOURCE_AE = "IMAGINGLAKE";

  /** A source file read whole, and the transfer syntax its copies are written in. */
  record Source(Path path, AttributeList attributes, String writeTransferSyntax) {}

  /**
   * A built corpus: its folder, its files in path order, their total size, and the irradiation events its dose reports
   * hold (0 for the corpora not made of dose reports).
   */
  record Corpus(Path dir, List<Path> files, long totalBytes, long events) {
    Corpus(Path dir, List<Path> files, long totalBytes) {
      this(dir, files, totalBytes, 0);
    }

    double megabytes() {
      return totalBytes / 1e6;
    }

    Corpus withEvents(long n) {
      return new Corpus(dir, files, totalBytes, n);
    }
  }

  /**
   * A dose report to copy: the source, the irradiation events {@link DoseReportExtractor} reads from it, and the UID
   * attributes each copy replaces.
   */
  record DoseSource(Source source, DoseReport.Kind kind, int events, List<UidSlot> slots) {}

  /** One UID attribute of a source to be replaced in every copy, with its original values. */
  record UidSlot(Attribute attribute, String[] originals) {}

  private BenchCorpus() {}

  /** {@code 2.25.<n>} where n is the name-based UUID of {@code parts} read as an unsigned 128-bit integer. */
  static String uid(String... parts) {
    UUID u = UUID.nameUUIDFromBytes((UID_NAMESPACE + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, b.array());
  }

  /**
   * The files to copy: everything under {@code root/dicom} and {@code root/rdsr} when either exists, else everything
   * under {@code root}.
   */
  static List<Path> sourceFiles(Path root) {
    List<Path> candidates = new ArrayList<>();
    for (String sub : List.of("dicom", "rdsr")) {
      Path dir = root.resolve(sub);
      if (Files.isDirectory(dir)) {
        candidates.addAll(regularFiles(dir));
      }
    }
    if (candidates.isEmpty() && Files.isDirectory(root)) {
      candidates.addAll(regularFiles(root));
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("No source files under " + root.toAbsolutePath() + "; pass --source DIR"
          + " with a folder of DICOM files, or one holding dicom/ and/or rdsr/ (e.g. ../shared/data or data-samples)");
    }
    return candidates;
  }

  /**
   * Largest source file of the small corpus: STACK.md's reference corpus (pydicom's test files, where PixelMed
   * reached 22,800 headers/s on one core and pydicom 2,100/s) has files of at most 291 KB, mean 8.2 KB.
   */
  static final long MAX_SMALL_SOURCE_BYTES = 300 * 1024;

  static boolean isSmall(Path p) {
    try {
      return Files.size(p) <= MAX_SMALL_SOURCE_BYTES;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads every {@link #sourceFiles source file} whole; keeps those that are instances of {@code kind} and that
   * PixelMed can write back. Files it cannot use are counted in the progress line, not reported one by one
   * (PixelMed's own complaints on standard error are held back while reading).
   */
  static List<Source> loadSources(Path root, IngestBenchmark.SmallKind kind, PrintStream progress) {
    List<Path> candidates = sourceFiles(root);
    List<Source> sources = new ArrayList<>();
    int notInstances = 0;
    int unwritable = 0;
    int otherKind = 0;
    PrintStream err = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      for (Path p : candidates) {
        AttributeList list = readWhole(p);
        if (list == null || !isInstance(list)) {
          notInstances++;
          continue;
        }
        if (kind == IngestBenchmark.SmallKind.SMALL && !isSmall(p)) {
          otherKind++;
          continue;
        }
        String ts = writableTransferSyntax(list);
        if (ts == null) {
          unwritable++;
          continue;
        }
        sources.add(new Source(p, list, ts));
      }
    } finally {
      System.setErr(err);
    }
    progress.printf("  sources: %d files under %s: %d instances used, %d not readable as an instance, %d not"
        + " writable by PixelMed, %d not of kind %s%n", candidates.size(), root, sources.size(), notInstances,
        unwritable, otherKind, kind.name().toLowerCase(java.util.Locale.ROOT));
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("None of the " + candidates.size() + " files under " + root
          + " is a DICOM instance PixelMed can read and write; pass --source with real DICOM files");
    }
    return sources;
  }

  /** Writes {@code n} copies of {@code sources} round-robin into {@code dir} (see the class comment). */
  static Corpus buildSmall(List<Source> sources, Path dir, int n, PrintStream progress) {
    List<Path> files = new ArrayList<>(n);
    long bytes = 0;
    Map<String, String> renamed = new HashMap<>();
    int round = -1;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int s = i % sources.size();
      if (s == 0) {
        round++;
        renamed.clear();
      }
      Source src = sources.get(s);
      AttributeList a = src.attributes();
      String r = Integer.toString(round);
      String sop = uid("sop", Integer.toString(i));
      String study = renamed.computeIfAbsent("study:" + text(a, TagFromName.StudyInstanceUID),
          k -> uid("study", r, k));
      String series = renamed.computeIfAbsent("series:" + text(a, TagFromName.SeriesInstanceUID),
          k -> uid("series", r, k));
      Path f = fileFor(dir, i, "c");
      try {
        setUid(a, TagFromName.SOPInstanceUID, sop);
        setUid(a, TagFromName.StudyInstanceUID, study);
        setUid(a, TagFromName.SeriesInstanceUID, series);
        bytes += write(a, src.writeTransferSyntax(), f);
      } catch (DicomException e) {
        throw new IllegalStateException("Cannot write copy " + f + " of " + src.path() + ": " + e.getMessage(), e);
      }
      files.add(f);
      tick(progress, "small files", i + 1, n, start);
    }
    return new Corpus(dir, files, bytes);
  }

  /** The folder of the dose reports: {@code root/rdsr} when it exists, else {@code root} itself. */
  static Path rdsrFolder(Path root) {
    Path rdsr = root.resolve("rdsr");
    return Files.isDirectory(rdsr) ? rdsr : root;
  }

  /**
   * Reads every file under {@link #rdsrFolder} whole and keeps the dose reports: instances of a SOP class ingest-dicom
   * reads as a dose report ({@link DoseRows#isCandidate}) that {@link DoseReportExtractor} recognises as an X-ray (CT
   * or projection) or radiopharmaceutical report, and that PixelMed can write back. Enhanced SRs with other content
   * and files the extractor refuses are left out and counted.
   */
  static List<DoseSource> loadDoseReports(Path root, PrintStream progress) {
    Path dir = rdsrFolder(root);
    List<Path> candidates = Files.isDirectory(dir) ? regularFiles(dir) : List.of();
    List<DoseSource> sources = new ArrayList<>();
    DoseReportExtractor extractor = new DoseReportExtractor();
    int notInstances = 0;
    int notDose = 0;
    int unwritable = 0;
    long events = 0;
    PrintStream err = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      for (Path p : candidates) {
        AttributeList list = readWhole(p);
        if (list == null || !isInstance(list)) {
          notInstances++;
          continue;
        }
        String sopClass = text(list, TagFromName.SOPClassUID);
        DoseReport report = null;
        if (DoseRows.isCandidate(sopClass != null ? sopClass : text(list, TagFromName.MediaStorageSOPClassUID))) {
          try {
            report = extractor.extract(list);
          } catch (Exception e) {
            report = null;
          }
        }
        if (report == null || report.kind() == DoseReport.Kind.NOT_DOSE) {
          notDose++;
          continue;
        }
        String ts = writableTransferSyntax(list);
        if (ts == null) {
          unwritable++;
          continue;
        }
        sources.add(new DoseSource(new Source(p, list, ts), report.kind(), report.events().size(), uidSlots(list)));
        events += report.events().size();
      }
    } finally {
      System.setErr(err);
    }
    progress.printf("  sources: %d files under %s: %d dose reports used (%,d irradiation events in one pass), %d not"
        + " readable as an instance, %d not a dose report, %d not writable by PixelMed%n", candidates.size(), dir,
        sources.size(), events, notInstances, notDose, unwritable);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("No dose report PixelMed can read and write under " + dir.toAbsolutePath()
          + "; pass --source with a folder holding rdsr/ (e.g. ../shared/data), or --rdsr-files 0");
    }
    return sources;
  }

  /** Irradiation events in {@code n} copies of {@code sources} round-robin. */
  static long events(List<DoseSource> sources, int n) {
    long events = 0;
    for (int s = 0; s < sources.size(); s++) {
      long copies = n / sources.size() + (s < n % sources.size() ? 1 : 0);
      events += copies * sources.get(s).events();
    }
    return events;
  }

  /**
   * UIDs that stay as they are in every copy: those of definitions (SOP classes, transfer syntaxes, coding schemes,
   * mapping resources, implementations, template extensions) and of equipment (the lake keeps device identity). File
   * Meta Information (group 0002) is not listed: it is written afresh from the data set.
   */
  static final Set<AttributeTag> KEPT_UID_TAGS = Set.of(TagFromName.SOPClassUID, TagFromName.ReferencedSOPClassUID,
      TagFromName.RelatedGeneralSOPClassUID, TagFromName.OriginalSpecializedSOPClassUID,
      TagFromName.ReferencedSOPClassUIDInFile, TagFromName.ReferencedTransferSyntaxUIDInFile,
      TagFromName.ReferencedRelatedGeneralSOPClassUIDInFile, TagFromName.CodingSchemeUID,
      TagFromName.ContextGroupExtensionCreatorUID, new AttributeTag(0x0008, 0x0117) /* Context UID */,
      new AttributeTag(0x0008, 0x0118) /* Mapping Resource UID */,
      new AttributeTag(0x0040, 0xDB0C) /* Template Extension Organization UID */,
      new AttributeTag(0x0040, 0xDB0D) /* Template Extension Creator UID */,
      TagFromName.InstanceCreatorUID, TagFromName.DeviceUID);
  /** Concepts of UID content items (0040,A124) that name equipment, not an instance or an event: kept. */
  static final Set<String> KEPT_UID_CONCEPTS = Set.of("121012" /* Device Observer UID, DCM */);
  /** Root of the UIDs the DICOM standard defines (classes, transfer syntaxes, coding schemes): never an instance. */
  static final String DICOM_ROOT = "1.2.840.10008.";

  /**
   * Every UID attribute of {@code a} and its sequences, at any depth, whose values identify an instance, a study, a
   * series, a frame of reference or an event, and so must differ between copies: the top-level SOP, Study and Series
   * Instance UIDs, referenced SOP Instance, Study and Series UIDs, UID content items of the SR tree (Irradiation Event
   * UID, Study Instance UID, Radiopharmaceutical Administration Event UID, Frame of Reference UID, ...) and private
   * UIDs. Kept: {@link #KEPT_UID_TAGS}, {@link #KEPT_UID_CONCEPTS}, and any value under the standard's root
   * {@value #DICOM_ROOT}.
   */
  static List<UidSlot> uidSlots(AttributeList a) {
    List<UidSlot> slots = new ArrayList<>();
    collectUidSlots(a, slots);
    return slots;
  }

  private static void collectUidSlots(AttributeList a, List<UidSlot> slots) {
    for (Attribute attr : a.values()) {
      AttributeTag tag = attr.getTag();
      if (attr instanceof SequenceAttribute seq) {
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
          collectUidSlots(seq.getItem(i).getAttributeList(), slots);
        }
        continue;
      }
      if (tag.getGroup() == 0x0002 || !ValueRepresentation.isUniqueIdentifierVR(attr.getVR())
          || KEPT_UID_TAGS.contains(tag)) {
        continue;
      }
      if (tag.equals(TagFromName.UID) && KEPT_UID_CONCEPTS.contains(conceptCode(a))) {
        continue;
      }
      String[] values;
      try {
        values = attr.getStringValues();
      } catch (DicomException e) {
        continue;
      }
      if (values == null || values.length == 0) {
        continue;
      }
      boolean replace = false;
      for (String v : values) {
        replace |= v != null && !v.isBlank() && !v.strip().startsWith(DICOM_ROOT);
      }
      if (replace) {
        slots.add(new UidSlot(attr, values.clone()));
      }
    }
  }

  /** Code Value of the Concept Name Code Sequence of a content item, or null. */
  private static String conceptCode(AttributeList item) {
    Attribute concept = item.get(TagFromName.ConceptNameCodeSequence);
    if (concept instanceof SequenceAttribute seq && seq.getNumberOfItems() > 0) {
      return text(seq.getItem(0).getAttributeList(), TagFromName.CodeValue);
    }
    return null;
  }

  /**
   * Writes {@code n} copies of the dose reports round-robin into {@code dir}. In copy {@code i} each original UID of
   * a {@link #uidSlots slot} becomes {@code uid("rdsr", i, original)}: the same original UID gets the same new one
   * throughout a copy (the header's Study Instance UID and the SR's (110180, DCM) item stay equal; a referenced
   * instance keeps its reference), and every copy has its own. Copies of reports that shared UIDs in the original data
   * (a study's successive CT reports, a corrected report) therefore no longer share them. The sources are restored
   * afterwards. The corpus's event count is that of {@link #events}.
   */
  static Corpus buildRdsr(List<DoseSource> sources, Path dir, int n, PrintStream progress) {
    List<Path> files = new ArrayList<>(n);
    long bytes = 0;
    long start = System.nanoTime();
    try {
      for (int i = 0; i < n; i++) {
        DoseSource src = sources.get(i % sources.size());
        String copy = Integer.toString(i);
        Map<String, String> renamed = new HashMap<>();
        Path f = fileFor(dir, i, "sr");
        try {
          for (UidSlot slot : src.slots()) {
            setValues(slot.attribute(), slot.originals(), v -> renamed.computeIfAbsent(v, k -> uid("rdsr", copy, k)));
          }
          bytes += write(src.source().attributes(), src.source().writeTransferSyntax(), f);
        } catch (DicomException e) {
          throw new IllegalStateException("Cannot write copy " + f + " of " + src.source().path() + ": "
              + e.getMessage(), e);
        }
        files.add(f);
        tick(progress, "dose reports", i + 1, n, start);
      }
    } finally {
      for (DoseSource src : sources) {
        for (UidSlot slot : src.slots()) {
          try {
            setValues(slot.attribute(), slot.originals(), v -> v);
          } catch (DicomException e) {
            throw new IllegalStateException("Cannot restore " + slot.attribute().getTag() + " of "
                + src.source().path(), e);
          }
        }
      }
    }
    return new Corpus(dir, files, bytes, events(sources, n));
  }

  private static void setValues(Attribute attr, String[] originals, java.util.function.UnaryOperator<String> map)
      throws DicomException {
    attr.removeValues();
    for (String v : originals) {
      String t = v == null ? "" : v.strip();
      attr.addValue(t.isEmpty() || t.startsWith(DICOM_ROOT) ? t : map.apply(t));
    }
  }

  /** Writes {@code m} CT images of 512 x 512 x 16 bits with the header of {@code template} (see the class comment). */
  static Corpus buildCt(Path template, Path dir, int m, PrintStream progress) {
    AttributeList a = readWhole(template);
    if (a == null || !isInstance(a)) {
      throw new IllegalArgumentException("CT template " + template + " is not a DICOM instance PixelMed can read");
    }
    try {
      a.remove(TagFromName.PixelData);
      setUs(a, TagFromName.Rows, CT_ROWS);
      setUs(a, TagFromName.Columns, CT_COLUMNS);
      setUs(a, TagFromName.SamplesPerPixel, 1);
      setUs(a, TagFromName.BitsAllocated, 16);
      setUs(a, TagFromName.BitsStored, 16);
      setUs(a, TagFromName.HighBit, 15);
      setUs(a, TagFromName.PixelRepresentation, 1);
      Attribute pi = new CodeStringAttribute(TagFromName.PhotometricInterpretation);
      pi.addValue("MONOCHROME2");
      a.put(pi);
      OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
      short[] values = new short[CT_ROWS * CT_COLUMNS];
      for (int y = 0; y < CT_ROWS; y++) {
        for (int x = 0; x < CT_COLUMNS; x++) {
          values[y * CT_COLUMNS + x] = (short) (((x - 256) * (x - 256) + (y - 256) * (y - 256)) / 64 - 1000);
        }
      }
      pixels.setValues(values);
      a.put(pixels);
    } catch (DicomException e) {
      throw new IllegalStateException("Cannot prepare the CT template " + template + ": " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>(m);
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < m; i++) {
      Path f = fileFor(dir, i, "ct");
      try {
        setUid(a, TagFromName.SOPInstanceUID, uid("ct-sop", Integer.toString(i)));
        setUid(a, TagFromName.SeriesInstanceUID, uid("ct-series", Integer.toString(i / 200)));
        setUid(a, TagFromName.StudyInstanceUID, uid("ct-study", Integer.toString(i / 400)));
        Attribute number = new IntegerStringAttribute(TagFromName.InstanceNumber);
        number.addValue(i % 200 + 1);
        a.put(number);
        bytes += write(a, TransferSyntax.ExplicitVRLittleEndian, f);
      } catch (DicomException e) {
        throw new IllegalStateException("Cannot write CT image " + f + ": " + e.getMessage(), e);
      }
      files.add(f);
      tick(progress, "CT-sized files", i + 1, m, start);
    }
    return new Corpus(dir, files, bytes);
  }

  /** The files of an existing corpus folder, in path order. */
  static Corpus existing(Path dir) {
    List<Path> files = regularFiles(dir);
    long bytes = 0;
    for (Path f : files) {
      try {
        bytes += Files.size(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Corpus(dir, files, bytes);
  }

  /** Identity of a corpus: what it was built from and how; a kept corpus is reused only when this is equal. */
  static Properties signature(String kind, int count, Path source) {
    Properties p = new Properties();
    p.setProperty("kind", kind);
    p.setProperty("count", Integer.toString(count));
    p.setProperty("builder", BUILDER_VERSION);
    p.setProperty("source", source.toAbsolutePath().normalize().toString());
    List<Path> files = Files.isDirectory(source) ? sourceFiles(source) : List.of(source);
    long bytes = 0;
    long newest = 0;
    for (Path f : files) {
      try {
        bytes += Files.size(f);
        newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    p.setProperty("source.files", Integer.toString(files.size()));
    p.setProperty("source.bytes", Long.toString(bytes));
    p.setProperty("source.newest-mtime", Long.toString(newest));
    return p;
  }

  static Path fileFor(Path dir, int i, String prefix) {
    return dir.resolve(String.format("%04d", i / FILES_PER_FOLDER)).resolve(String.format("%s%07d.dcm", prefix, i));
  }

  static List<Path> regularFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The whole file (pixel data as stored: compressed data stays compressed), or null when PixelMed fails. */
  static AttributeList readWhole(Path p) {
    AttributeList list = new AttributeList();
    list.setDecompressPixelData(false);
    try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(p)))) {
      list.read(in);
      String ts = text(list, TagFromName.TransferSyntaxUID);
      if (ts == null && in.getTransferSyntaxToReadDataSet() != null) {
        // no meta information: remember how the data set was encoded, for writing the copies
        setUid(list, TagFromName.TransferSyntaxUID, in.getTransferSyntaxToReadDataSet().getUID());
      }
      return list;
    } catch (IOException | DicomException | RuntimeException e) {
      return null;
    }
  }

  static boolean isInstance(AttributeList a) {
    return text(a, TagFromName.SOPInstanceUID) != null && text(a, TagFromName.StudyInstanceUID) != null
        && text(a, TagFromName.SeriesInstanceUID) != null
        && (text(a, TagFromName.SOPClassUID) != null || text(a, TagFromName.MediaStorageSOPClassUID) != null);
  }

  /** The source's own transfer syntax if a test copy re-reads intact, else Explicit VR Little Endian, else null. */
  private static String writableTransferSyntax(AttributeList a) {
    try {
      if (text(a, TagFromName.SOPClassUID) == null) {
        setUid(a, TagFromName.SOPClassUID, text(a, TagFromName.MediaStorageSOPClassUID));
      }
    } catch (DicomException e) {
      return null;
    }
    String own = text(a, TagFromName.TransferSyntaxUID);
    for (String ts : new String[] {own, TransferSyntax.ExplicitVRLittleEndian}) {
      if (ts == null || !new TransferSyntax(ts).isRecognized()) {
        continue;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(a, ts, out);
        AttributeList back = new AttributeList();
        try (InputStream in = new DicomInputStream(new ByteArrayInputStream(out.toByteArray()))) {
          back.read((DicomInputStream) in, TagFromName.PixelData);
        }
        if (text(a, TagFromName.SOPInstanceUID).equals(text(back, TagFromName.SOPInstanceUID))
            && text(a, TagFromName.StudyInstanceUID).equals(text(back, TagFromName.StudyInstanceUID))) {
          return ts;
        }
      } catch (IOException | DicomException | RuntimeException e) {
        // try the next transfer syntax
      }
    }
    return null;
  }

  private static long write(AttributeList a, String ts, Path f) throws DicomException {
    try {
      Files.createDirectories(f.getParent());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 64 * 1024)) {
        writeTo(a, ts, out);
      }
      return Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + f + ": " + e.getMessage(), e);
    }
  }

  /** Fresh File Meta Information (its group length follows the new UIDs), then the data set. */
  private static void writeTo(AttributeList a, String ts, OutputStream out) throws IOException, DicomException {
    FileMetaInformation.addFileMetaInformation(a, ts, SOURCE_AE);
    a.write(out, ts, true, true);
  }

  private static void setUid(AttributeList a, AttributeTag tag, String value) throws DicomException {
    Attribute attr = new UniqueIdentifierAttribute(tag);
    attr.addValue(value);
    a.put(attr);
  }

  private static void setUs(AttributeList a, AttributeTag tag, int value) throws DicomException {
    Attribute attr = new UnsignedShortAttribute(tag);
    attr.addValue(value);
    a.put(attr);
  }

  static String text(AttributeList a, AttributeTag tag) {
    String v = Attribute.getSingleStringValueOrNull(a.get(tag));
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  private static void tick(PrintStream progress, String what, int done, int total, long startNanos) {
    if (done % 5000 == 0 || done == total) {
      double secs = (System.nanoTime() - startNanos) / 1e9;
      progress.printf("  building %s: %,d of %,d (%.1f s)%n", what, done, total, secs);
    }
  }
}
