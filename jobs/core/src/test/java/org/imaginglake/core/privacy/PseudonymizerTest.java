package org.imaginglake.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.imaginglake.core.privacy.Pseudonymizer.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {
  private static final byte[] KEY = "0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
  private final Pseudonymizer p = new Pseudonymizer(KEY, "test");

  @Test
  void isTheFirst128BitsOfHmacSha256OverNamespaceAndValue() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] d = mac.doFinal("patient_id\u0000PAT-001".getBytes(StandardCharsets.UTF_8));
    assertThat(p.pseudonym(Namespace.PATIENT_ID, "PAT-001")).isEqualTo(HexFormat.of().formatHex(d, 0, 16));
  }

  @Test
  void paddingIsIgnoredCaseIsNotNamespacesDiffer() {
    String a = p.pseudonym(Namespace.PATIENT_ID, "PAT-001");
    assertThat(p.pseudonym(Namespace.PATIENT_ID, " PAT-001 \u0000")).isEqualTo(a);
    assertThat(p.pseudonym(Namespace.PATIENT_ID, "pat-001")).isNotEqualTo(a);
    assertThat(p.pseudonym(Namespace.ACCESSION_NUMBER, "PAT-001")).isNotEqualTo(a);
    assertThat(p.pseudonym(Namespace.PATIENT_ID, "  ")).isNull();
    assertThat(p.pseudonym(Namespace.PATIENT_ID, null)).isNull();
    assertThat(a).hasSize(32).matches("[0-9a-f]+");
  }

  @Test
  void anotherKeyGivesAnotherPseudonym() {
    Pseudonymizer other = new Pseudonymizer("another-key-0123456789".getBytes(StandardCharsets.UTF_8), "x");
    assertThat(other.pseudonym(Namespace.PATIENT_ID, "PAT-001")).isNotEqualTo(p.pseudonym(Namespace.PATIENT_ID, "PAT-001"));
  }

  @Test
  void shortKeysAreRefusedWithTheFix() {
    assertThatThrownBy(() -> new Pseudonymizer(new byte[8], "x"))
        .hasMessageContaining("at least 16 bytes").hasMessageContaining("/dev/urandom");
  }

  @Test
  void keyPrecedenceEnvironmentThenKeyFileThenConfiguration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("k.key");
    Files.writeString(file, "# a comment\nZmlsZS1rZXktMDEyMzQ1Njc4OWFiY2RlZg==\n");
    Pseudonymizer fromConf = PseudonymKeys.load(Map.of(), file.toString());
    Pseudonymizer fromEnvFile = PseudonymKeys.load(Map.of(PseudonymKeys.ENV_KEY_FILE, file.toString()), null);
    Pseudonymizer fromEnv = PseudonymKeys.load(Map.of(PseudonymKeys.ENV_KEY, "ZW52LWtleS0wMTIzNDU2Nzg5YWJjZGVm",
        PseudonymKeys.ENV_KEY_FILE, file.toString()), file.toString());
    assertThat(fromConf.pseudonym(Namespace.PATIENT_ID, "X")).isEqualTo(fromEnvFile.pseudonym(Namespace.PATIENT_ID, "X"));
    assertThat(fromEnv.pseudonym(Namespace.PATIENT_ID, "X")).isNotEqualTo(fromConf.pseudonym(Namespace.PATIENT_ID, "X"));
    assertThat(fromEnv.keyLabel()).isEqualTo("env:" + PseudonymKeys.ENV_KEY);
    assertThatThrownBy(() -> PseudonymKeys.load(Map.of(), null)).hasMessageContaining(PseudonymKeys.ENV_KEY);
    assertThatThrownBy(() -> PseudonymKeys.load(Map.of(), dir.resolve("missing.key").toString()))
        .hasMessageContaining("missing.key");
  }

  @Test
  void sampleKeyOfTheDemoLoads() {
    Path sample = Path.of(System.getProperty("imaginglake.project.dir", "../.."), "conf", "sample-pseudonym.key");
    Pseudonymizer s = PseudonymKeys.load(Map.of(), sample.toString());
    assertThat(s.keyLabel()).isEqualTo("sample-pseudonym.key");
    assertThat(s.pseudonym(Namespace.PATIENT_ID, "X")).hasSize(32);
  }
}
