package io.eipfailover.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Issue 18's targets, each checked against the results: met, missed, or not measured (and why).
 * The stall-immune profile is the setting labelled {@value #STALL_IMMUNE}; until it exists its rows
 * say so. Pure: a function of {@link Results}.
 */
final class Issue18Targets {
  /** The label of the stall-immune profile's setting file ({@code settings/udp-stall-immune.properties}). */
  static final String STALL_IMMUNE = "udp-stall-immune";
  private static final String DEFAULT = "udp-default";

  private final Results r;
  private final String sample;

  Issue18Targets(Results results, boolean fullRun) {
    this.r = results;
    this.sample = fullRun ? "" : " (short run: p99 of 5 is the worst of 5)";
  }

  List<TargetRow> rows() {
    List<TargetRow> rows = new ArrayList<>();
    for (String s : r.labels("agent")) {
      rows.add(time("process crash, host up → `AssociateAddress`, " + s, "p99 ≤ 50 ms", s, "kill9-hostup", 50));
    }
    rows.add(time("host gone → `AssociateAddress`, stall-immune profile", "p99 ≤ 0.4 s", STALL_IMMUNE, "host-gone",
        400));
    rows.add(time("host gone → `AssociateAddress`, default profile", "p99 ≤ 0.75 s", DEFAULT, "host-gone", 750));
    rows.add(zero("takeovers under 0.5 s stalls, stall-immune profile", STALL_IMMUNE, "stalls-500ms"));
    rows.add(zero("takeovers under 2 s stalls, stall-immune profile", STALL_IMMUNE, "stalls-2s"));
    rows.add(zero("takeovers under 0.5 s stalls, default profile", DEFAULT, "stalls-500ms"));
    for (String s : r.labels("agent")) {
      rows.add(zeroJitter(s));
    }
    rows.add(perNode("idle CPU per agent at 10 Hz heartbeats, default profile", "≤ 0.2 % of a core",
        "cpu_percent_of_core", 0.2, "%.2f %%"));
    rows.add(perNode("resident memory per agent, default profile", "≤ 64 MB", "rss_mb", 64, "%.1f MB"));
    rows.add(frontier());
    return rows;
  }

  private TargetRow time(String what, String target, String setting, String scenario, double limitMs) {
    List<Map<String, String>> runs = r.runs(setting, scenario);
    if (runs.isEmpty()) {
      return TargetRow.notMeasured(what, target, setting.equals(STALL_IMMUNE) ? "no `" + STALL_IMMUNE
          + "` setting in this run (the profile does not exist yet)" : "scenario not run");
    }
    Stats s = Stats.of(Results.column(runs, "associate_ms"));
    long failed = runs.stream().filter(x -> !x.get("ok").equals("true")).count();
    String measured = "p99 " + Stats.ms(s.p99()) + " ms (p50 " + Stats.ms(s.p50()) + ", n=" + s.n() + ")"
        + (failed > 0 ? "; " + failed + " of " + runs.size() + " repetitions failed" : "") + sample;
    return new TargetRow(what, target, measured, failed == 0 && s.p99() <= limitMs);
  }

  private TargetRow zero(String what, String setting, String kind) {
    OptionalDouble n = r.value(kind, setting, "stalls_with_takeover");
    if (n.isEmpty()) {
      return TargetRow.notMeasured(what, "0", r.labels("agent").contains(setting) ? "soak not run"
          : "no `" + setting + "` setting in this run");
    }
    String detail = r.measure(kind, setting, "takeovers").map(m -> m.get("detail")).orElse("");
    return new TargetRow(what, "0", String.format(Locale.ROOT, "%.0f of %.0f stalls followed by a takeover (%s)",
        n.getAsDouble(), r.value(kind, setting, "stalls").orElse(0), detail), n.getAsDouble() == 0);
  }

  private TargetRow zeroJitter(String setting) {
    String what = "takeovers under 20 ± 10 ms jitter + 1 % loss, " + setting;
    OptionalDouble n = r.value("jitter-loss", setting, "takeovers");
    if (n.isEmpty()) {
      return TargetRow.notMeasured(what, "0", "soak not run");
    }
    String detail = r.measure("jitter-loss", setting, "takeovers").map(m -> m.get("detail")).orElse("");
    return new TargetRow(what, "0", String.format(Locale.ROOT, "%.0f (%s)", n.getAsDouble(), detail),
        n.getAsDouble() == 0);
  }

  private TargetRow perNode(String what, String target, String suffix, double limit, String format) {
    OptionalDouble max = r.perNodeMax("idle", DEFAULT, suffix);
    if (max.isEmpty()) {
      return TargetRow.notMeasured(what, target, "idle window not run");
    }
    String both = String.format(Locale.ROOT, "lb-a " + format + ", lb-b " + format,
        r.value("idle", DEFAULT, "lb-a." + suffix).orElse(Double.NaN),
        r.value("idle", DEFAULT, "lb-b." + suffix).orElse(Double.NaN));
    String beside = r.labels("keepalived").stream().map(k -> k + " " + Metric.num(r.perNodeMax("idle", k, suffix),
        format)).reduce((a, b) -> a + ", " + b).map(x -> "; keepalived, larger node: " + x).orElse("");
    return new TargetRow(what, target, both + beside, max.getAsDouble() <= limit);
  }

  /**
   * Whether a stall-immune profile's point ({@value #STALL_IMMUNE} or another setting whose label
   * starts with it, such as {@code udp-stall-immune-fast}) lies below and right of every keepalived
   * point; the row names each such point and whether it does.
   */
  private TargetRow frontier() {
    return frontier(FrontierChart.points(r));
  }

  static TargetRow frontier(List<FrontierChart.Point> points) {
    String what = "frontier: a stall-immune profile below and right of every keepalived setting";
    List<FrontierChart.Point> family = points.stream().filter(p -> p.label().startsWith(STALL_IMMUNE)).toList();
    if (family.isEmpty()) {
      String def = points.stream().filter(p -> p.label().equals(DEFAULT)).findFirst().map(d -> "; the default"
          + " profile " + (dominatesAll(d, points) ? "does" : "does not") + " dominate them").orElse("");
      return TargetRow.notMeasured(what, "dominates", "no `" + STALL_IMMUNE + "` setting in this run" + def);
    }
    String measured = family.stream().map(p -> String.format(Locale.ROOT, "%s survives %.0f ms, host gone p50 %s ms"
        + " (%s)", p.label(), p.stallMs(), Stats.ms(p.hostGoneMs()), dominatesAll(p, points) ? "dominates"
        : "does not dominate")).reduce((a, b) -> a + "; " + b).orElseThrow();
    return new TargetRow(what, "dominates", measured, family.stream().anyMatch(p -> dominatesAll(p, points)));
  }

  static boolean dominatesAll(FrontierChart.Point ours, List<FrontierChart.Point> points) {
    return points.stream().filter(p -> !p.ours())
        .allMatch(p -> ours.stallMs() > p.stallMs() && ours.hostGoneMs() < p.hostGoneMs());
  }

}
