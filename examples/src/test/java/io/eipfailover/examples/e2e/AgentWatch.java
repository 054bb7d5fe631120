package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agents cost during a window of a hostile case: the log lines they wrote (counted in
 * their log files: total, the busiest second, by level and logger, which is the "reason" a budget
 * is kept by) and the CPU time they used (utime + stime from {@code /proc/<pid>/stat}, as a share
 * of one core). An agent restarted inside the window is counted in the log files of both runs; its
 * CPU only while alive at both ends. Not thread-safe: the test thread drives it.
 */
final class AgentWatch {
  private static final Pattern LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d)\\.\\d{3} (\\w+)\\s+(\\S+) - ");
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /** What one agent cost in the window. */
  record Cost(String lb, int lines, int busiestSecond, Map<String, Integer> byReason, double cpuSeconds,
      double wallSeconds) {
    double cpuShare() {
      return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds;
    }

    /** "412 lines (max 9/s; WARN DropLog 20, ...), CPU 3.1 s = 12% of a core". */
    String describe() {
      StringBuilder top = new StringBuilder();
      byReason.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
          .forEach(e -> top.append(top.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
      return String.format("%s: %d lines (max %d/s%s), CPU %.1f s = %.0f%% of a core", lb, lines, busiestSecond,
          top.length() == 0 ? "" : "; " + top, cpuSeconds, 100 * cpuShare());
    }
  }

  private final Stage stage;
  private final long startNanos = System.nanoTime();
  private final Map<Path, Integer> linesAtStart = new LinkedHashMap<>();
  private final Map<String, Long> pidAtStart = new LinkedHashMap<>();
  private final Map<String, Long> ticksAtStart = new LinkedHashMap<>();

  private AgentWatch(Stage stage) {
    this.stage = stage;
  }

  /** Starts watching both agents now. */
  static AgentWatch start(Stage stage) {
    AgentWatch w = new AgentWatch(stage);
    for (String lb : List.of("lb1", "lb2")) {
      for (Path log : logs(stage, lb)) {
        w.linesAtStart.put(log, lines(log).size());
      }
      StageProcess agent = stage.agent(lb);
      w.pidAtStart.put(lb, agent.pid());
      w.ticksAtStart.put(lb, cpuTicks(agent.pid()));
    }
    return w;
  }

  /** The cost of each agent since {@link #start}. */
  Map<String, Cost> costs() {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Cost> out = new LinkedHashMap<>();
    for (String lb : List.of("lb1", "lb2")) {
      List<String> fresh = new ArrayList<>();
      for (Path log : logs(stage, lb)) {
        List<String> all = lines(log);
        fresh.addAll(all.subList(Math.min(all.size(), linesAtStart.getOrDefault(log, 1)), all.size()));
      }
      Map<String, Integer> perSecond = new TreeMap<>();
      Map<String, Integer> byReason = new TreeMap<>();
      String second = "";
      for (String line : fresh) {
        Matcher m = LINE.matcher(line);
        if (m.find()) {
          second = m.group(1);
          byReason.merge(m.group(2) + " " + m.group(3), 1, Integer::sum);
        }
        perSecond.merge(second, 1, Integer::sum);
      }
      StageProcess agent = stage.agent(lb);
      long before = ticksAtStart.get(lb);
      long after = cpuTicks(agent.pid());
      double cpu = agent.pid() == pidAtStart.get(lb) && before >= 0 && after >= before
          ? (after - before) / (double) CLOCK_TICKS_PER_SECOND : Double.NaN;
      out.put(lb, new Cost(lb, fresh.size(), perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0),
          byReason, cpu, wall));
    }
    return out;
  }

  /** Every log file of {@code lb}'s agent runs ({@code agent-lb1-1.log}, ...). */
  private static List<Path> logs(Stage stage, String lb) {
    try (var files = Files.list(stage.runDir)) {
      return files.filter(p -> p.getFileName().toString().matches("agent-" + lb + "-\\d+\\.log")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> lines(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** utime + stime of {@code pid} in clock ticks, or -1 if it is gone. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
