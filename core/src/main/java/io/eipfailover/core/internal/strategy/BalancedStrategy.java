package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import java.time.Duration;

/**
 * Balanced, for N nodes: fail-back like {@link HomeWithFailbackStrategy}, but an orphaned EIP goes
 * to the ALIVE node that {@link Rendezvous} ranks highest among those with a free reserved point,
 * so one node's EIPs spread over all survivors. Immutable and thread-safe.
 */
public final class BalancedStrategy extends AbstractPlacementStrategy {
  private final Duration failbackDelay;
  private final long failbackNanos;

  public BalancedStrategy(Duration failbackDelay) {
    this.failbackDelay = Delays.requireNonNegative("failbackDelay", failbackDelay);
    this.failbackNanos = Delays.toNanos(failbackDelay);
  }

  public Duration failbackDelay() {
    return failbackDelay;
  }

  @Override
  Decision decide(EipContext eip) {
    if (HomeWithFailbackStrategy.goesHome(eip, failbackNanos)) {
      return Decision.HOME;
    }
    if (eip.holderKeepable()) {
      return Decision.STAY;
    }
    return Decision.seek(Rendezvous.rank(eip.eip().allocationId(), eip.eligibleOthers()));
  }

  /**
   * {@code ceil(W / (N - f))}, where W is the sum of the {@code f} largest home-EIP counts among the
   * other nodes and N the node count. Why that suffices: when a set F of f nodes fails, each of the
   * N - f survivors has F among its "other nodes", so it holds at least {@code ceil(|EIPs of F| /
   * (N - f))} reserved points; together the survivors hold at least every orphan, and since an EIP
   * whose favourite survivor is full spills to the next-ranked one, every orphan finds a point.
   */
  @Override
  public int reservedIpsNeeded(ClusterTopology topology, NodeId node, int toleratedFailures) {
    int nodes = topology.nodes().size();
    if (toleratedFailures < 0 || toleratedFailures >= nodes) {
      throw new IllegalArgumentException(
          "toleratedFailures must be between 0 and " + (nodes - 1) + " for " + nodes + " nodes, was "
              + toleratedFailures);
    }
    int worst = super.reservedIpsNeeded(topology, node, toleratedFailures);
    int survivors = nodes - toleratedFailures;
    return (worst + survivors - 1) / survivors;
  }

  @Override
  public String toString() {
    return "balanced(" + failbackDelay + ")";
  }
}
