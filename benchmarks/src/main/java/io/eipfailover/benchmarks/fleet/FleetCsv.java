package io.eipfailover.benchmarks.fleet;

import java.util.Locale;

/** The rows of {@code fleet.csv}, {@code fleet-nodes.csv} and {@code fleet-steady.csv}. Pure. */
final class FleetCsv {
  static final String FAILOVER_HEADER = "nodes,seed,orphans,reserved_per_node,floor_s,associate_tokens_at_crash,"
      + "first_associate_s,all_on_survivors_s,ok_associates,orphans_with_exactly_one,max_associates_per_orphan,"
      + "unassociated_at_end,other_eips_moved,throttled_associates,describes,throttled_describes,"
      + "max_foreign_per_survivor,survivors_over_share,cpu_ms";
  static final String NODE_HEADER = "nodes,seed,node,orphans_held,ok_associates,throttled_associates,first_ok_s,last_ok_s";
  static final String STEADY_HEADER = "nodes,seed,resync_nodes_per_interval,window_s,describes,throttled,associates,"
      + "describes_per_s,share_of_refill,cpu_ms";

  private FleetCsv() {}

  static String failover(MassFailover.Result r) {
    return String.format(Locale.ROOT, "%d,%d,%d,%d,%.1f,%.1f,%.3f,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", r.nodes(),
        r.seed(), r.orphans(), r.reservedPerNode(), r.floorSeconds(), r.associateTokensAtCrash(),
        r.firstAssociateSeconds(), r.complete() ? String.format(Locale.ROOT, "%.3f", r.allOnSurvivorsSeconds()) : "",
        r.okAssociates(), r.orphansWithExactlyOne(), r.maxAssociatesPerOrphan(), r.unassociatedAtEnd(),
        r.otherEipsMoved(), r.throttledAssociates(), r.describes(), r.throttledDescribes(), r.maxForeignPerSurvivor(),
        r.survivorsOverShare(), r.cpuMillis());
  }

  static String node(MassFailover.Result r, MassFailover.NodeResult n) {
    return String.format(Locale.ROOT, "%d,%d,%s,%d,%d,%d,%s,%s", r.nodes(), r.seed(), n.node(), n.orphansHeld(), n.ok(),
        n.throttled(), seconds(n.firstOkSeconds()), seconds(n.lastOkSeconds()));
  }

  static String steady(SteadyDescribes.Result r) {
    return String.format(Locale.ROOT, "%d,%d,%s,%.0f,%d,%d,%d,%.4f,%.4f,%d", r.nodes(), r.seed(),
        r.resyncNodesPerInterval() == 0 ? "default" : r.resyncNodesPerInterval() == Integer.MAX_VALUE ? "unlimited"
            : Integer.toString(r.resyncNodesPerInterval()), r.windowSeconds(), r.describes(), r.throttled(),
        r.associates(), r.perSecond(), r.shareOfRefill(), r.cpuMillis());
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "" : String.format(Locale.ROOT, "%.3f", s);
  }
}
