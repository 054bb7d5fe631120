package io.eipfailover.core.testing;

import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated node of a {@link SimulatedCluster}, one incarnation at a time: its scheduler lane,
 * membership, EIP manager, strategy instance and the real {@link EipFailover} built on them, plus the
 * fault state the cluster applied to it. Read by tests and by {@link InvariantChecker}; changed only
 * through the cluster.
 */
public final class SimNode {
  final NodeId id;
  int incarnation;
  long startedAtNanos;
  VirtualScheduler scheduler;
  Membership membership;
  ElasticIpManager manager;
  FailoverStrategy strategy;
  EipFailover failover;
  boolean healthy = true;
  boolean standby;
  boolean crashed;
  final List<Long> startTimes = new ArrayList<>();

  SimNode(NodeId id) {
    this.id = id;
  }

  public NodeId id() {
    return id;
  }

  /** 1 for the first start, +1 for each restart. */
  public int incarnation() {
    return incarnation;
  }

  /** Virtual start time of every incarnation so far, oldest first. */
  public List<Long> startTimes() {
    return List.copyOf(startTimes);
  }

  /** Virtual time this incarnation started. */
  public long startedAtNanos() {
    return startedAtNanos;
  }

  public VirtualScheduler scheduler() {
    return scheduler;
  }

  public Membership membership() {
    return membership;
  }

  public EipFailover failover() {
    return failover;
  }

  /** This incarnation's strategy instance (each node gets its own from the cluster's factory). */
  public FailoverStrategy strategy() {
    return strategy;
  }

  /** Whether its local service is healthy (what its health check reports). */
  public boolean healthy() {
    return healthy;
  }

  /** Whether it was put in standby and not resumed. */
  public boolean standby() {
    return standby;
  }

  /** Whether it is crashed and not restarted. */
  public boolean crashed() {
    return crashed;
  }

  /** Whether its scheduler is paused. */
  public boolean paused() {
    return scheduler != null && scheduler.isPaused();
  }

  /** Running, unpaused, healthy and not in standby: it may receive EIPs. */
  public boolean eligible() {
    return !crashed && !paused() && healthy && !standby;
  }

  @Override
  public String toString() {
    return id + "#" + incarnation + (crashed ? " crashed" : "") + (paused() ? " paused" : "")
        + (healthy ? "" : " unhealthy") + (standby ? " standby" : "");
  }
}
