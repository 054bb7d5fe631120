package io.eipfailover.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /proc} says about a set of processes (one daemon may be several: keepalived's parent
 * and its VRRP child): CPU time, resident and proportional memory, threads. Sums over the set.
 * Stateless.
 */
final class ProcStats {
  private ProcStats() {}

  /** A snapshot of a process set. */
  record Snapshot(long cpuTicks, long rssKb, long pssKb, int threads, int processes) {}

  /** Sums over {@code pids}; a process that is gone by now (a short-lived child) counts as nothing. */
  static Snapshot of(List<Long> pids) {
    long ticks = 0;
    long rss = 0;
    long pss = 0;
    int threads = 0;
    int processes = 0;
    for (long pid : pids) {
      Path dir = Path.of("/proc", Long.toString(pid));
      try {
        String stat = Files.readString(dir.resolve("stat"));
        String status = Files.readString(dir.resolve("status"));
        String rollup = Files.readString(dir.resolve("smaps_rollup"));
        ticks += cpuTicks(stat);
        rss += field(status, "VmRSS:");
        threads += (int) field(status, "Threads:");
        pss += field(rollup, "Pss:");
        processes++;
      } catch (IOException e) {
        // gone between the listing and the read
      }
    }
    return new Snapshot(ticks, rss, pss, threads, processes);
  }

  /** User + system CPU of one process in clock ticks, from the text of {@code /proc/<pid>/stat}. */
  static long cpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // After "pid (comm) ": field 3 (state) is f[0], so utime (14) is f[11] and stime (15) f[12].
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The number after {@code key} in a {@code /proc} key-value text ("VmRSS:   1234 kB"). */
  static long field(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalArgumentException("no '" + key + "' line in /proc text: " + text.lines().findFirst().orElse(""));
  }

  /** The direct children of {@code pid} (keepalived's VRRP child), from {@code /proc/<pid>/task/<pid>/children}. */
  static List<Long> children(long pid) {
    List<Long> out = new ArrayList<>();
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children")).trim();
      for (String c : s.isEmpty() ? new String[0] : s.split("\\s+")) {
        out.add(Long.parseLong(c));
      }
    } catch (IOException e) {
      // the process is gone: no children
    }
    return out;
  }

  /** The clock ticks per second of {@code /proc} CPU times ({@code getconf CLK_TCK}, usually 100). */
  static long clockTicksPerSecond() {
    Sh.Result r = Sh.tryRun("getconf CLK_TCK");
    try {
      return r.ok() ? Long.parseLong(r.output().trim()) : 100;
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
