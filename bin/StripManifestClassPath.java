import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Copies a jar without the "Class-Path" attribute of its manifest. Debian's pixelmed jar lists
 * /usr/share/java/slf4j-api.jar and slf4j-jdk14.jar there; on a machine with Debian's Maven those exist, and they
 * put slf4j 1.7 with the JUL binding on our classpath, which loops with Spark's JUL-to-SLF4J bridge
 * (StackOverflowError). Run by bin/fetch-pixelmed as a single-file program: java StripManifestClassPath.java IN OUT
 */
public class StripManifestClassPath {
  public static void main(String[] args) throws IOException {
    try (JarInputStream in = new JarInputStream(Files.newInputStream(Path.of(args[0])))) {
      Manifest manifest = in.getManifest() == null ? new Manifest() : in.getManifest();
      manifest.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
      manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(Path.of(args[1])), manifest)) {
        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
          JarEntry copy = new JarEntry(e.getName());
          copy.setTime(e.getTime());
          out.putNextEntry(copy);
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
  }
}
