package io.eipfailover.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary's detail tables: every failover group, every restart, every measure, JMH. Pure. */
final class Tables {
  private Tables() {}

  static String failoverTimes(Results r) {
    StringBuilder md = new StringBuilder("\n## Failover times (ms after the fault: min / p50 / p99 / max)\n\n"
        + "| setting | scenario | ok / runs | detection | fault → AssociateAddress | Describe / Associate /"
        + " Disassociate calls per failover (min–max) |\n|---|---|---|---|---|---|\n");
    for (List<String> g : r.groups()) {
      if (g.get(1).equals("restart")) {
        continue;
      }
      List<Map<String, String>> runs = r.runs(g.get(0), g.get(1));
      md.append("| ").append(g.get(0)).append(" | ").append(g.get(1)).append(" | ").append(ok(runs)).append(" / ")
          .append(runs.size()).append(" | ").append(Stats.of(Results.column(runs, "detection_ms")).render())
          .append(" | ").append(Stats.of(Results.column(runs, "associate_ms")).render()).append(" | ")
          .append(range(runs, "describe_calls")).append(" / ").append(range(runs, "associate_calls")).append(" / ")
          .append(range(runs, "disassociate_calls")).append(" |\n");
    }
    return md.toString();
  }

  static String restarts(Results r) {
    StringBuilder md = new StringBuilder("\n## Restarts (ms after the exec: min / p50 / p99 / max)\n\nEvery victim"
        + " restart after a fault. Running: the agent's `started:` line (membership and reconciler up), keepalived's"
        + " first VRRP state. Able to take over: the agent's start-up grace is over (`failover.startup-grace`, 2 s"
        + " by default); keepalived can as soon as it runs. EIP home: its `AssociateAddress` pulling its own EIP"
        + " back, after the setting's fail-back delay (ours 1 s here; keepalived preempts at once).\n\n"
        + "| setting | ok / runs | exec → running | exec → able to take over | exec → EIP home |\n"
        + "|---|---|---|---|---|\n");
    for (Map<String, String> s : r.settings()) {
      List<Map<String, String>> runs = r.runs(s.get("setting"), "restart");
      if (runs.isEmpty()) {
        continue;
      }
      md.append("| ").append(s.get("setting")).append(" | ").append(ok(runs)).append(" / ").append(runs.size())
          .append(" | ").append(Stats.of(Results.column(runs, "detection_ms")).render()).append(" | ")
          .append(Stats.of(Results.column(runs, "ready_ms")).render()).append(" | ")
          .append(Stats.of(Results.column(runs, "associate_ms")).render()).append(" |\n");
    }
    return md.toString();
  }

  static String measures(Results r) {
    StringBuilder md = new StringBuilder("\n## CPU, memory, stalls, soaks (every measure)\n\n| kind | setting | name |"
        + " value | unit | how |\n|---|---|---|---|---|---|\n");
    for (Map<String, String> m : r.measures()) {
      md.append("| ").append(m.get("kind")).append(" | ").append(m.get("setting")).append(" | ").append(m.get("name"))
          .append(" | ").append(m.get("value")).append(" | ").append(m.get("unit")).append(" | ")
          .append(m.get("detail")).append(" |\n");
    }
    return md.toString();
  }

  static String jmh(Results r) {
    StringBuilder md = new StringBuilder("\n## JMH micro-benchmarks (average time per operation, allocation from"
        + " `-prof gc`)\n\n| benchmark | params | score | ± error | unit | allocated B/op |\n"
        + "|---|---|---|---|---|---|\n");
    for (Map<String, String> j : r.jmh()) {
      md.append("| ").append(j.get("benchmark")).append(" | ").append(j.get("params")).append(" | ")
          .append(j.get("score")).append(" | ").append(j.get("error")).append(" | ").append(j.get("unit"))
          .append(" | ").append(j.get("alloc_bytes_per_op")).append(" |\n");
    }
    return md.toString();
  }

  private static long ok(List<Map<String, String>> runs) {
    return runs.stream().filter(x -> x.get("ok").equals("true")).count();
  }

  private static String range(List<Map<String, String>> runs, String column) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (Map<String, String> x : runs) {
      if (!x.get("ok").equals("true")) {
        continue;
      }
      int v = Integer.parseInt(x.get(column));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min == Integer.MAX_VALUE) {
      return "–";
    }
    return min == max ? Integer.toString(min) : String.format(Locale.ROOT, "%d–%d", min, max);
  }
}
