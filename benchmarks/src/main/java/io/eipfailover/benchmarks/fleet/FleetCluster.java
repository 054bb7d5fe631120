package io.eipfailover.benchmarks.fleet;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.FailoverConfigBuilder;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.testing.AccountThrottling;
import io.eipfailover.core.testing.SimGuards;
import io.eipfailover.core.testing.SimTimings;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The fleet every measurement runs: {@code nodes} nodes with {@value #EIPS_PER_NODE} EIPs each and
 * the reserved IPs the balanced strategy needs for {@value #TOLERATED} simultaneous failures (the
 * failover's builder checks them), production timings (UDP default profile: heartbeats every 100
 * ms, a gone host dead after 600 ms; the library's defaults otherwise), every node's EC2 budget at
 * the library's defaults, the account's documented token buckets, and the guard a large cluster
 * needs when half of it may fail: quorum, or the EC2 witness (here: the simulation knows which
 * instances are down).
 */
final class FleetCluster {
  static final int EIPS_PER_NODE = 16;
  static final int TOLERATED = 8;
  /**
   * The UDP membership's default profile and the library's default reconciler settings. A crashed
   * instance is a gone host, which the default profile convicts about 600 ms after its last
   * heartbeat (its kernel no longer answers the verification probe); the simulated membership has
   * no probe, so a 600 ms deadline stands in for it (nothing in these runs stalls).
   */
  static final SimTimings PRODUCTION = new SimTimings(Duration.ofMillis(100), 6, Duration.ofMillis(250),
      Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(5),
      Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(1));

  private FleetCluster() {}

  /** Reserved IPs per node for the balanced strategy to survive {@value #TOLERATED} failures. */
  static int reservedPerNode(int nodes) {
    int orphans = TOLERATED * EIPS_PER_NODE;
    int survivors = nodes - TOLERATED;
    return (orphans + survivors - 1) / survivors;
  }

  /** The fleet, not started; {@code tuning} changes every node's configuration further. */
  static SimulatedCluster build(int nodes, long seed, UnaryOperator<FailoverConfigBuilder> tuning) {
    if (nodes <= TOLERATED) {
      throw new IllegalArgumentException("nodes must be more than " + TOLERATED + ", was " + nodes);
    }
    ClusterTopology topology = Topologies.of(nodes, EIPS_PER_NODE, reservedPerNode(nodes));
    AtomicReference<SimulatedCluster> self = new AtomicReference<>();
    SimulatedCluster.Builder b = SimulatedCluster.builder(topology).seed(seed).timings(PRODUCTION)
        .apiBudget(20, 5.0)
        .strategy(ctx -> FailoverStrategies.balanced(ctx.timings().failbackDelay()))
        .guard(ctx -> SplitBrainGuards.anyOf(SplitBrainGuards.quorum(),
            SimGuards.instanceDown(id -> self.get().node(id).crashed())))
        .config(c -> tuning.apply(c.toleratedFailures(TOLERATED)));
    SimulatedCluster cluster = b.build();
    self.set(cluster);
    cluster.ec2().setAccountThrottling(AccountThrottling.documented());
    return cluster;
  }
}
