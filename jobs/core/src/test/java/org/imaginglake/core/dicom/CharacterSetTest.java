package org.imaginglake.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.TagFromName;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imaginglake.core.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Specific Character Set decoding of every character set in ../shared/data, on Patient's Name (the attribute these
 * test files were made for; it is read here before de-identification). Expected strings were decoded independently
 * with pydicom 2.3.1 (Debian python3-pydicom) — see the SOURCE notes; the raw bytes are in charset_files/FileInfo.txt.
 */
class CharacterSetTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      chrArab.dcm                | قباني^لنزار
      chrFren.dcm                | Buc^Jérôme
      chrGerm.dcm                | Äneas^Rüdiger
      chrGreek.dcm               | Διονυσιος
      chrH31.dcm                 | Yamada^Tarou=山田^太郎=やまだ^たろう
      chrH32.dcm                 | ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう
      chrHbrw.dcm                | שרון^דבורה
      chrI2.dcm                  | Hong^Gildong=洪^吉洞=홍^길동
      chrJapMulti.dcm            | やまだ^たろう
      chrJapMultiExplicitIR6.dcm | やまだ^たろう
      chrKoreanMulti.dcm         | 김희중
      chrRuss.dcm                | Люкceмбypг
      chrX1.dcm                  | Wang^XiaoDong=王^小東
      chrX2.dcm                  | Wang^XiaoDong=王^小东
      """)
  void patientNameDecodesAsPydicomDecodesIt(String file, String expected) throws Exception {
    Path f = SharedData.dicom("pydicom_debian/charset_files/" + file);
    DicomHeader h;
    try (InputStream in = Files.newInputStream(f)) {
      h = new DicomHeaderReader(64L << 20).read(in);
    }
    String name = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(h.attributes(),
        TagFromName.PatientName);
    assertThat(name.replaceAll("=+$", "").strip()).isEqualTo(expected);
  }
}
