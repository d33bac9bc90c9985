package org.imaginglake.core.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Finds the pseudonymisation key. Precedence, first found wins:
 * <ol>
 *   <li>the environment variable {@value #ENV_KEY} (base64, or text of at least 16 characters);</li>
 *   <li>the environment variable {@value #ENV_KEY_FILE}: a file holding the key;</li>
 *   <li>the key file named by the configuration key {@code privacy.key-file} (relative to the working folder).</li>
 * </ol>
 * With none of them the job stops with a message that says how to provide one: there is no built-in key. The
 * demo configuration names {@code conf/sample-pseudonym.key}, a key that is public and labelled as such.
 */
public final class PseudonymKeys {
  public static final String ENV_KEY = "IMAGING_LAKE_PSEUDONYM_KEY";
  public static final String ENV_KEY_FILE = "IMAGING_LAKE_PSEUDONYM_KEY_FILE";

  private PseudonymKeys() {}

  /**
   * @param env the environment (System.getenv() in jobs; a map in tests)
   * @param configuredKeyFile the configured key file, or null
   */
  public static Pseudonymizer load(Map<String, String> env, String configuredKeyFile) {
    String inline = env.get(ENV_KEY);
    if (inline != null && !inline.isBlank()) {
      return new Pseudonymizer(decode(inline.trim()), "env:" + ENV_KEY);
    }
    String file = env.get(ENV_KEY_FILE);
    String label = "env:" + ENV_KEY_FILE;
    if (file == null || file.isBlank()) {
      file = configuredKeyFile;
      label = "conf:privacy.key-file";
    }
    if (file == null || file.isBlank()) {
      throw new IllegalStateException("No pseudonymisation key: set " + ENV_KEY + " (base64), or " + ENV_KEY_FILE
          + " to a key file, or privacy.key-file in the configuration. Make a key with: "
          + "head -c 32 /dev/urandom | base64 > my.key");
    }
    Path path = Path.of(file);
    try {
      return new Pseudonymizer(decode(keyText(Files.readString(path, StandardCharsets.UTF_8))),
          path.getFileName().toString());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the pseudonymisation key file " + path.toAbsolutePath()
          + " (" + label + "): " + e.getMessage(), e);
    }
  }

  /** Key files may carry '#' comment lines (the sample key says that it is a sample); the rest is the key. */
  static String keyText(String fileContent) {
    StringBuilder sb = new StringBuilder();
    for (String line : fileContent.split("\n")) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        sb.append(t);
      }
    }
    return sb.toString();
  }

  static byte[] decode(String text) {
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      if (bytes.length >= 16) {
        return bytes;
      }
    } catch (IllegalArgumentException notBase64) {
      // fall through: use the text itself
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
