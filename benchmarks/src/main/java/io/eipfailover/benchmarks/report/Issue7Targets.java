package io.eipfailover.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Issue 7's targets (the library's promises), each checked against the side-by-side run's results:
 * met, missed, or not measured (and why). Pure: a function of {@link Results}.
 */
final class Issue7Targets {
  private static final String DEFAULT = "udp-default";
  private final Results r;
  private final String soakNote;

  Issue7Targets(Results results, boolean fullRun) {
    this.r = results;
    this.soakNote = fullRun ? "" : " (short run: 1-minute soak, the target names 10 minutes)";
  }

  List<TargetRow> rows() {
    List<TargetRow> rows = new ArrayList<>();
    rows.add(timing("detection of a `kill -9`ed peer, UDP default, host gone", "p99 ≤ 1.1 s", DEFAULT, "host-gone",
        "detection_ms", 1100));
    rows.add(timing("`kill -9` → survivor's `AssociateAddress` at the EC2 fake, UDP default, host gone",
        "p99 ≤ 1.5 s", DEFAULT, "host-gone", "associate_ms", 1500));
    rows.add(timing("`kill -9`, host up (crash fast path), UDP default: detection", "p99 ≤ 50 ms", DEFAULT,
        "kill9-hostup", "detection_ms", 50));
    rows.add(timing("the same, UDP aggressive (host gone): detection", "p99 ≤ 0.4 s", "udp-aggressive", "host-gone",
        "detection_ms", 400));
    rows.add(timing("the same, UDP aggressive (host gone): first `AssociateAddress`", "p99 ≤ 0.6 s", "udp-aggressive",
        "host-gone", "associate_ms", 600));
    rows.add(timing("JGroups default stack, killed process → `AssociateAddress`", "p99 ≤ 2 s", "jgroups-default",
        "kill9-hostup", "associate_ms", 2000));
    rows.add(TargetRow.notMeasured("JGroups default stack, frozen process (SIGSTOP) → `AssociateAddress`", "p99 ≤ 3 s",
        "the side-by-side harness counts takeovers under stalls instead of timing one (`stalls-2s`)"));
    rows.add(timing("graceful stop (standby hand-off) → peer's `AssociateAddress`, UDP default", "p99 ≤ 100 ms",
        DEFAULT, "graceful", "associate_ms", 100));
    rows.add(zero("false takeovers, both healthy, 20±10 ms jitter + 1 % loss", "jitter-loss", "takeovers"));
    rows.add(zero("false takeovers, one agent SIGSTOPped 500 ms every 10 s", "stalls-500ms", "stalls_with_takeover"));
    rows.add(cpu());
    rows.add(jmh("allocation per heartbeat sent + received + verified (`-prof gc`)", "≤ 64 B (aim 0)",
        "HeartbeatExchangeBenchmark.exchange", "", 64, 0.5, "B/heartbeat", true));
    rows.add(jmh("codec encode + HMAC verify", "≤ 1 µs", "CodecBenchmark.encodeAndVerify", "", 1000, 1, "ns", false));
    rows.add(jmh("placement, 64 nodes × 1,024 EIPs, 8 dead: balanced", "≤ 1 ms",
        "PlacementBenchmark.placeAfterEightDeaths", "strategy=balanced", 1000, 1, "µs", false));
    rows.add(jmh("placement, 64 nodes × 1,024 EIPs, 8 dead: home with fail-back", "≤ 1 ms",
        "PlacementBenchmark.placeAfterEightDeaths", "strategy=homeWithFailback", 1000, 1, "µs", false));
    rows.add(ec2PerFailover());
    rows.add(steadyEc2());
    return rows;
  }

  private TargetRow timing(String what, String target, String setting, String scenario, String column,
      double limitMs) {
    List<Map<String, String>> runs = r.runs(setting, scenario);
    if (runs.isEmpty()) {
      return TargetRow.notMeasured(what, target, "setting `" + setting + "` or scenario not in this run");
    }
    List<Double> values = Results.column(runs, column);
    Stats s = Stats.of(values);
    long missing = values.stream().filter(v -> v.isNaN()).count();
    String measured = "p99 " + Stats.ms(s.p99()) + " ms (p50 " + Stats.ms(s.p50()) + ", n=" + s.n() + ")";
    if (missing > 0) {
      return new TargetRow(what, target, measured + "; " + missing + " of " + runs.size() + " without a result", false);
    }
    return new TargetRow(what, target, measured, s.p99() <= limitMs);
  }

  private TargetRow zero(String what, String kind, String name) {
    OptionalDouble v = r.value(kind, DEFAULT, name);
    if (v.isEmpty()) {
      return TargetRow.notMeasured(what, "0 (10 min each)", "soak not run");
    }
    String detail = r.measure(kind, DEFAULT, name).map(m -> m.get("detail")).orElse("");
    TargetRow row = new TargetRow(what, "0 (10 min each)", String.format(Locale.ROOT, "%.0f; %s", v.getAsDouble(),
        detail), v.getAsDouble() == 0);
    return new TargetRow(row.what(), row.target(), row.measured(), row.verdict() + soakNote);
  }

  private TargetRow cpu() {
    String what = "CPU of an idle healthy pair (UDP default), JVM start excluded";
    OptionalDouble max = r.perNodeMax("idle", DEFAULT, "cpu_percent_of_core");
    if (max.isEmpty()) {
      return TargetRow.notMeasured(what, "≤ 0.1 % of a core per agent", "idle window not run");
    }
    String floor = Metric.num(r.value("idle-jvm", DEFAULT, "idle-jvm.cpu_percent_of_core"), "%.3f");
    return new TargetRow(what, "≤ 0.1 % of a core per agent", String.format(Locale.ROOT,
        "lb-a %.3f %%, lb-b %.3f %%; an idle JVM with the same flags: %s %%", r.value("idle", DEFAULT,
            "lb-a.cpu_percent_of_core").orElse(Double.NaN), r.value("idle", DEFAULT, "lb-b.cpu_percent_of_core")
            .orElse(Double.NaN), floor), max.getAsDouble() <= 0.1);
  }

  private TargetRow jmh(String what, String target, String bench, String params, double limit, double scale,
      String unit, boolean alloc) {
    Optional<Map<String, String>> row = r.jmh(bench, params);
    if (row.isEmpty()) {
      return TargetRow.notMeasured(what, target, "benchmark not run");
    }
    String raw = alloc ? row.get().get("alloc_bytes_per_op") : row.get().get("score");
    if (raw == null || raw.isEmpty()) {
      return TargetRow.notMeasured(what, target, "no value");
    }
    double v = Double.parseDouble(raw) * scale;
    String measured = String.format(Locale.ROOT, "%.1f %s", v, unit)
        + (alloc ? " (" + raw + " B per op of 2 heartbeats)" : String.format(Locale.ROOT, " ± %.1f (JMH avg)",
            Double.parseDouble(row.get().get("error").isEmpty() ? "NaN" : row.get().get("error")) * scale));
    return new TargetRow(what, target, measured, v <= limit);
  }

  private TargetRow ec2PerFailover() {
    List<Map<String, String>> failovers = new ArrayList<>();
    for (String s : r.labels("agent")) {
      for (String sc : List.of("kill9-hostup", "host-gone", "graceful")) {
        failovers.addAll(r.runs(s, sc).stream().filter(x -> x.get("ok").equals("true")).toList());
      }
    }
    String what = "EC2 calls per single-node failover (survivor, 2 s after the fault)";
    String target = "1 `AssociateAddress` per orphaned EIP (here 1), 0 `DisassociateAddress`, ≤ 2 Describe";
    if (failovers.isEmpty()) {
      return TargetRow.notMeasured(what, target, "no failover of ours in this run");
    }
    int maxAssoc = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("associate_calls"))).max().orElse(0);
    int minAssoc = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("associate_calls"))).min().orElse(0);
    int dis = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("disassociate_calls"))).sum();
    int maxDescribe = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("describe_calls"))).max().orElse(0);
    int other = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("other_calls"))).sum();
    return new TargetRow(what, target, String.format(Locale.ROOT,
        "over %d failovers: AssociateAddress %d–%d, DisassociateAddress %d in all, Describe ≤ %d, other calls %d",
        failovers.size(), minAssoc, maxAssoc, dis, maxDescribe, other),
        minAssoc == 1 && maxAssoc == 1 && dis == 0 && maxDescribe <= 2);
  }

  private TargetRow steadyEc2() {
    String what = "steady-state EC2 calls per node";
    String target = "≤ 1 filtered `DescribeAddresses` per 30 s";
    OptionalDouble max = r.perNodeMax("steady-ec2", DEFAULT, "describes_per_30s");
    if (max.isEmpty()) {
      return TargetRow.notMeasured(what, target, "idle window not run");
    }
    String detail = r.measure("steady-ec2", DEFAULT, "lb-a.describes_per_30s").map(m -> m.get("detail")).orElse("");
    return new TargetRow(what, target, String.format(Locale.ROOT, "max %.2f per 30 s (lb-a: %s)", max.getAsDouble(),
        detail), max.getAsDouble() <= 1.0 + 1e-9);
  }
}
