package io.eipfailover.benchmarks.fleet;

import io.eipfailover.core.testing.AccountThrottling;
import io.eipfailover.core.testing.Ec2Call;
import io.eipfailover.core.testing.SimulatedCluster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * The steady-state describe load of a healthy {@link FleetCluster}: after a warm-up (start-up
 * describes, convergence), every {@code DescribeAddresses} of every node over a window, as a rate
 * and as a share of the account's documented non-mutating refill (20/s).
 */
final class SteadyDescribes {
  static final Duration WARM_UP = Duration.ofSeconds(120);

  /**
   * One window's count.
   *
   * @param resyncNodesPerInterval the setting the nodes ran with ({@code 0}: the library's default)
   */
  record Result(int nodes, long seed, int resyncNodesPerInterval, double windowSeconds, int describes,
      int throttled, int associates, double perSecond, double shareOfRefill, long cpuMillis) {}

  private SteadyDescribes() {}

  /** A window of {@code window} on {@code nodes} nodes; {@code resyncNodesPerInterval} 0 keeps the default. */
  static Result run(int nodes, long seed, Duration window, int resyncNodesPerInterval) {
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    SimulatedCluster c = FleetCluster.build(nodes, seed,
        b -> resyncNodesPerInterval > 0 ? b.resyncNodesPerInterval(resyncNodesPerInterval) : b);
    c.start();
    c.advance(WARM_UP);
    int from = c.ec2().calls().size();
    c.advance(window);
    List<Ec2Call> calls = c.ec2().calls().subList(from, c.ec2().calls().size());
    int describes = (int) calls.stream().filter(x -> x.op() == Ec2Call.Op.DESCRIBE).count();
    int throttled = (int) calls.stream().filter(x -> x.outcome() == Ec2Call.Outcome.THROTTLED).count();
    int associates = (int) calls.stream().filter(x -> x.op() == Ec2Call.Op.ASSOCIATE).count();
    double seconds = window.toNanos() / 1e9;
    double rate = describes / seconds;
    long used = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000;
    return new Result(nodes, seed, resyncNodesPerInterval, seconds, describes, throttled, associates, rate,
        rate / AccountThrottling.NON_MUTATING.refillPerSecond(), used);
  }
}
