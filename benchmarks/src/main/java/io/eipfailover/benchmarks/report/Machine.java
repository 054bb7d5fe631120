package io.eipfailover.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine the results come from (cores, CPU, kernel, JVM, load). */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    String load = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(cpu);
      String[] l = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      load = l[0] + " " + l[1] + " " + l[2];
    } catch (IOException e) {
      // not Linux: keep the defaults
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Linux " + System.getProperty("os.version")
        + ", Java " + System.getProperty("java.version") + ", load average at report time " + load;
  }
}
