package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.NodeId;
import java.util.Objects;

/**
 * What the step knows that never changes while a node runs: who it is, the cluster, the strategy
 * (a pure function) and the tuning.
 */
public record ReconcilerSettings(NodeId self, ClusterTopology topology, FailoverStrategy strategy,
    FailoverConfig config) {
  /** Plans change with time only through the strategy's delays: re-plan at least this often anyway. */
  static final long IDLE_PLAN_NANOS = 1_000_000_000L;
  /**
   * How many hold times an EIP pulled back by a peer this node believes unreachable stays damped at
   * most (while that peer stays so): long enough to outlast a one-way partition's ping-pong, short
   * enough that a peer which really dies meanwhile is still taken over.
   */
  static final long UNREACHABLE_PULLER_HOLDS = 10;

  public ReconcilerSettings {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(config, "config");
  }

  long deadline() {
    return config.detectionDeadline().toNanos();
  }

  /**
   * The longest the loop sleeps, and the lateness that reveals a pause: half the detection deadline
   * each, so every pause longer than the deadline is seen.
   */
  long watchdog() {
    return deadline() / 2;
  }

  /** The resync interval for this cluster's size (see {@code FailoverConfigBuilder#resyncNodesPerInterval}). */
  long resync() {
    return config.effectiveResyncInterval(topology.nodes().size()).toNanos();
  }

  /** The wait until the next resync after a describe: the interval plus up to a tenth, by {@code jitter}. */
  long resyncAfter(double jitter) {
    long r = resync();
    return r + (long) (jitter * (r / 10));
  }

  long confirmDelay() {
    return config.confirmDelay().toNanos();
  }

  long inFlightTimeout() {
    return config.inFlightTimeout().toNanos();
  }

  long holdTime() {
    return config.holdTime().toNanos();
  }

  long backoff(int failures, double jitter) {
    return Backoff.delayNanos(failures, config.initialBackoff(), config.maxBackoff(), jitter);
  }
}
