package io.eipfailover.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The target table, each target checked against the results: met, missed, or not measured
 * (with why). Pure: a function of {@link Results}.
 */
final class Targets {
  /** One row of the target table. */
  record Row(String what, String target, String measured, String verdict) {}

  private final Results r;
  private final String soakNote;

  Targets(Results results, boolean fullRun) {
    this.r = results;
    this.soakNote = fullRun ? "" : " (short run: 1-minute soak, the target names 10 minutes)";
  }

  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(timing("detection of a `kill -9`ed peer, UDP default, host gone (no ICMP)", "p99 ≤ 1.1 s",
        "udp-default", "kill9-hostdown", "detection_ms", 1100));
    rows.add(timing("`kill -9` → survivor's `AssociateAddress` at the EC2 fake, UDP default, host gone",
        "p99 ≤ 1.5 s", "udp-default", "kill9-hostdown", "associate_ms", 1500));
    rows.add(timing("`kill -9`, host up (crash fast path), UDP default: detection", "p99 ≤ 50 ms",
        "udp-default", "kill9-hostup", "detection_ms", 50));
    rows.add(timing("the same, UDP aggressive (host gone): detection", "p99 ≤ 0.4 s", "udp-aggressive",
        "kill9-hostdown", "detection_ms", 400));
    rows.add(timing("the same, UDP aggressive (host gone): first `AssociateAddress`", "p99 ≤ 0.6 s",
        "udp-aggressive", "kill9-hostdown", "associate_ms", 600));
    rows.add(timing("JGroups default stack, killed process → `AssociateAddress`", "p99 ≤ 2 s", "jgroups-default",
        "kill9-hostup", "associate_ms", 2000));
    rows.add(timing("JGroups default stack, frozen process (SIGSTOP) → `AssociateAddress`", "p99 ≤ 3 s",
        "jgroups-default", "sigstop", "associate_ms", 3000));
    rows.add(timing("graceful standby → peer's `AssociateAddress`, UDP default", "p99 ≤ 100 ms", "udp-default",
        "standby", "associate_ms", 100));
    rows.add(zero("false takeovers, both healthy, 20±10 ms jitter + 1 % loss (in-JVM link decorator)", "soak-jitter"));
    rows.add(zero("false takeovers, one agent SIGSTOPped 500 ms every 10 s", "soak-sigstop"));
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

  private Row timing(String what, String target, String profile, String scenario, String column, double limitMs) {
    List<Map<String, String>> runs = r.runs(profile, scenario);
    if (runs.isEmpty()) {
      return new Row(what, target, "–", "not measured (scenario not run)");
    }
    List<Double> values = Results.column(runs, column);
    Stats s = Stats.of(values);
    long missing = values.stream().filter(v -> v.isNaN()).count();
    String measured = "p99 " + Stats.ms(s.p99()) + " ms (p50 " + Stats.ms(s.p50()) + ", n=" + s.n() + ")";
    if (missing > 0) {
      return new Row(what, target, measured + "; " + missing + " of " + runs.size() + " without a result",
          "**missed**");
    }
    return new Row(what, target, measured, s.p99() <= limitMs ? "met" : "**missed**");
  }

  private Row zero(String what, String kind) {
    Optional<Map<String, String>> m = r.measure(kind, "false_takeovers");
    if (m.isEmpty()) {
      return new Row(what, "0", "–", "not measured");
    }
    double v = Double.parseDouble(m.get().get("value"));
    String dead = r.measure(kind, "false_dead_views").map(x -> x.get("value")).orElse("?");
    return new Row(what, "0 (10 min each)", String.format(Locale.ROOT, "%.0f takeovers, %.0f DEAD views; %s", v,
        Double.parseDouble(dead), m.get().get("detail")), (v == 0 ? "met" : "**missed**") + soakNote);
  }

  private Row cpu() {
    List<Map<String, String>> cpu = r.measures().stream().filter(m -> m.get("kind").equals("cpu")).toList();
    if (cpu.isEmpty()) {
      return new Row("CPU of an idle healthy pair (UDP default)", "≤ 0.1 % of a core per agent", "–", "not measured");
    }
    double max = 0;
    StringBuilder sb = new StringBuilder();
    for (Map<String, String> m : cpu) {
      double v = Double.parseDouble(m.get("value"));
      max = Math.max(max, v);
      sb.append(sb.length() == 0 ? "" : ", ").append(m.get("name").replace(".cpu_percent_of_core", ""))
          .append(String.format(Locale.ROOT, " %.3f %%", v));
    }
    String floor = r.measures().stream().filter(m -> m.get("kind").equals("cpu-baseline")).findFirst()
        .map(m -> String.format(Locale.ROOT, "; an idle JVM with the same flags: %.3f %%",
            Double.parseDouble(m.get("value"))))
        .orElse("");
    return new Row("CPU of an idle healthy pair (UDP default), JVM start excluded", "≤ 0.1 % of a core per agent",
        sb + floor + " (" + cpu.get(0).get("detail") + ")", max <= 0.1 ? "met" : "**missed**");
  }

  private Row jmh(String what, String target, String bench, String params, double limit, double scale, String unit,
      boolean alloc) {
    Optional<Map<String, String>> row = r.jmh(bench, params);
    if (row.isEmpty()) {
      return new Row(what, target, "–", "not measured (benchmark not run)");
    }
    String raw = alloc ? row.get().get("alloc_bytes_per_op") : row.get().get("score");
    if (raw == null || raw.isEmpty()) {
      return new Row(what, target, "–", "not measured (no value)");
    }
    double v = Double.parseDouble(raw) * scale;
    String measured = String.format(Locale.ROOT, "%.1f %s", v, unit)
        + (alloc ? " (" + raw + " B per op of 2 heartbeats)" : String.format(Locale.ROOT, " ± %.1f (JMH avg)",
            Double.parseDouble(row.get().get("error").isEmpty() ? "NaN" : row.get().get("error")) * scale));
    return new Row(what, target, measured, v <= limit ? "met" : "**missed**");
  }

  private Row ec2PerFailover() {
    List<Map<String, String>> failovers = new ArrayList<>();
    for (List<String> g : r.groups()) {
      if (!g.get(1).equals("kill9-after-failback")) {
        failovers.addAll(r.runs(g.get(0), g.get(1)).stream().filter(x -> x.get("ok").equals("true")).toList());
      }
    }
    String what = "EC2 calls per single-node failover (survivor, 3 s after the fault)";
    String target = "1 `AssociateAddress` per orphaned EIP (here 1), 0 `DisassociateAddress`, ≤ 2 Describe";
    if (failovers.isEmpty()) {
      return new Row(what, target, "–", "not measured");
    }
    int maxAssoc = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("associate_calls"))).max().orElse(0);
    int minAssoc = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("associate_calls"))).min().orElse(0);
    int dis = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("disassociate_calls"))).sum();
    int maxDescribe = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("describe_calls"))).max().orElse(0);
    int other = failovers.stream().mapToInt(x -> Integer.parseInt(x.get("other_calls"))).sum();
    boolean met = minAssoc == 1 && maxAssoc == 1 && dis == 0 && maxDescribe <= 2;
    return new Row(what, target, String.format(Locale.ROOT,
        "over %d failovers: AssociateAddress %d–%d, DisassociateAddress %d in all, Describe ≤ %d, other calls %d",
        failovers.size(), minAssoc, maxAssoc, dis, maxDescribe, other), met ? "met" : "**missed**");
  }

  private Row steadyEc2() {
    List<Map<String, String>> s = r.measures().stream().filter(m -> m.get("kind").equals("steady-ec2")).toList();
    String what = "steady-state EC2 calls per node";
    String target = "≤ 1 filtered `DescribeAddresses` per 30 s";
    if (s.isEmpty()) {
      return new Row(what, target, "–", "not measured");
    }
    double max = s.stream().mapToDouble(m -> Double.parseDouble(m.get("value"))).max().orElse(0);
    return new Row(what, target, String.format(Locale.ROOT, "max %.2f per 30 s (%s)", max, s.get(0).get("detail")),
        max <= 1.0 + 1e-9 ? "met" : "**missed**");
  }
}
