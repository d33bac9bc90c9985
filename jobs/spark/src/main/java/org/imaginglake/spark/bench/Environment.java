package org.imaginglake.spark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line saying where a benchmark ran: JVM, cores, heap, memory and load, so numbers are read in context. */
final class Environment {
  private Environment() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format("JVM %s %s (%s), %d cores, max heap %d MiB, %s, load average %s",
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() >> 20, memory(), loadAverage());
  }

  /** The 1, 5 and 15 minute load averages (Linux), else the JVM's 1 minute figure. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format("%.1f GiB RAM", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "RAM unknown";
  }
}
