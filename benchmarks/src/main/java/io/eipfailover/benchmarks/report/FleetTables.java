package io.eipfailover.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary's fleet-scale detail tables, from {@code FleetScale}'s files. Pure. */
final class FleetTables {
  private FleetTables() {}

  static String render(Results r) {
    Results.Fleet f = r.fleet();
    if (f.failovers().isEmpty() && f.steady().isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Fleet scale (simulation on virtual time)\n\n`FleetScale`: the real"
        + " `EipFailover` of every node (balanced strategy, quorum or the EC2 witness as guard, the library's"
        + " default reconciler settings, UDP default detection of a gone host: 100 ms heartbeats, dead after 600 ms) on the core"
        + " test-jar's simulated network and EC2, with EC2's documented account buckets shared by all nodes"
        + " (`AssociateAddress` 50 + 5/s, `DescribeAddresses` 100 + 20/s), full at the crash. Seconds after the"
        + " crash; floor = max(0, (orphans − 50) / 5) s. Files: `fleet.csv`, `fleet-nodes.csv`,"
        + " `fleet-steady.csv`.\n\n| nodes | runs | floor s | first `AssociateAddress` p50 | all on survivors"
        + " min / p50 / max | ÷ floor (p50, max) | refused associates p50 | describes p50 (refused) | CPU per run"
        + " p50 |\n|---|---|---|---|---|---|---|---|---|\n");
    for (int n : Issue17Targets.SIZES) {
      List<Map<String, String>> runs = f.failovers(n);
      if (runs.isEmpty()) {
        continue;
      }
      double floor = Double.parseDouble(runs.get(0).get("floor_s"));
      Stats done = Stats.of(Results.column(runs, "all_on_survivors_s"));
      md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.2f / %.2f / %.2f | %.2f, %.2f | %.0f | %.0f"
          + " (%.0f) | %.1f s |\n", n, runs.size(), floor, Stats.of(Results.column(runs, "first_associate_s")).p50(),
          done.min(), done.p50(), done.max(), done.p50() / floor, done.max() / floor,
          Stats.of(Results.column(runs, "throttled_associates")).p50(), Stats.of(Results.column(runs, "describes")).p50(),
          Stats.of(Results.column(runs, "throttled_describes")).p50(), Stats.of(Results.column(runs, "cpu_ms")).p50() / 1000));
    }
    if (!f.steady().isEmpty()) {
      md.append("\nSteady state, healthy fleet after a 120 s warm-up:\n\n| nodes | resync | window s | describes |"
          + " per s | share of 20/s |\n|---|---|---|---|---|---|\n");
      for (Map<String, String> s : f.steady()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.1f %% |\n", s.get("nodes"),
            s.get("resync_nodes_per_interval").equals("default") ? "default (stretched above 30 nodes)"
                : "every 30 s per node", s.get("window_s"), s.get("describes"),
            Double.parseDouble(s.get("describes_per_s")), 100 * Double.parseDouble(s.get("share_of_refill"))));
      }
    }
    return md.toString();
  }
}
