package io.eipfailover.core.testing;

import io.eipfailover.core.ClusterTopology;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A script for one simulation run: cluster size, strategy, initial placement, the seed of every
 * random choice inside the run, and fault steps each followed by a stretch of virtual time. Its
 * {@code toString()} is the replay recipe printed with every failure.
 *
 * @param nodes cluster size
 * @param strategy which built-in strategy every node runs
 * @param placeAtHome whether EIPs start at home (else unassociated)
 * @param seed seed of the cluster's randomness (network, EC2, back-off jitter)
 * @param steps the faults, in order
 * @param shape EIPs, ENIs and reserved IPs per node ({@link Shape#RING}: one EIP, enough reserved IPs for any failures)
 */
public record FaultSchedule(int nodes, StrategyKind strategy, boolean placeAtHome, long seed, List<Step> steps,
    Shape shape) {
  /**
   * What each node has: {@code eipsPerNode} home EIPs, its private IPs spread over {@code
   * enisPerNode} ENIs, and {@code reservedPerNode} reserved IPs; {@code -1} reserved IPs means
   * enough for every other node's EIPs ({@code eipsPerNode × (nodes − 1)}), fewer means scarce: the
   * plan cannot place every orphan when many nodes fail, and must say which it leaves out.
   */
  public record Shape(int eipsPerNode, int enisPerNode, int reservedPerNode) {
    /** One EIP per node, home on one ENI and reserved IPs on another, enough reserved IPs for any failures. */
    public static final Shape RING = new Shape(1, 0, -1);

    public Shape {
      if (eipsPerNode < 1 || enisPerNode < 0 || reservedPerNode < -1) {
        throw new IllegalArgumentException("eipsPerNode must be >= 1, enisPerNode >= 0 and reservedPerNode >= -1, was "
            + eipsPerNode + ", " + enisPerNode + ", " + reservedPerNode);
      }
    }

    /** The topology of {@code nodes} nodes of this shape. */
    public ClusterTopology topology(int nodes) {
      if (equals(RING)) {
        return Topologies.ring(nodes);
      }
      int reserved = reservedPerNode >= 0 ? reservedPerNode : eipsPerNode * (nodes - 1);
      return Topologies.shaped(nodes, eipsPerNode, enisPerNode, reserved);
    }

    @Override
    public String toString() {
      return "Shape(" + eipsPerNode + ", " + enisPerNode + ", " + reservedPerNode + ")";
    }
  }
  /** The strategies schedules run; {@code expectsHome} when liveness means "every EIP home". */
  public enum StrategyKind {
    HOME_WITH_FAILBACK(true),
    STICKY(false),
    BALANCED(true),
    /** Priority lists: home first, then the ring successors (see {@link ScheduleRunner}). */
    PRIORITY(true);

    private final boolean expectsHome;

    StrategyKind(boolean expectsHome) {
      this.expectsHome = expectsHome;
    }

    public boolean expectsHome() {
      return expectsHome;
    }
  }

  /** A fault, then {@code after} of virtual time. */
  public record Step(FaultStep fault, Duration after) {
    public Step {
      Objects.requireNonNull(fault, "fault");
      Objects.requireNonNull(after, "after");
    }

    @Override
    public String toString() {
      return fault + " +" + after.toMillis() + "ms";
    }
  }

  public FaultSchedule {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
    }
    Objects.requireNonNull(strategy, "strategy");
    steps = List.copyOf(steps);
    Objects.requireNonNull(shape, "shape");
  }

  /** A schedule on the ring topology (one EIP per node, enough reserved IPs for any failures). */
  public FaultSchedule(int nodes, StrategyKind strategy, boolean placeAtHome, long seed, List<Step> steps) {
    this(nodes, strategy, placeAtHome, seed, steps, Shape.RING);
  }

  /** Total virtual time of the fault phase. */
  public Duration duration() {
    return steps.stream().map(Step::after).reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FaultSchedule{nodes=").append(nodes).append(", strategy=").append(strategy)
        .append(", placeAtHome=").append(placeAtHome).append(", seed=").append(seed)
        .append(shape.equals(Shape.RING) ? "" : ", shape=new FaultSchedule." + shape).append(", steps=[");
    for (int i = 0; i < steps.size(); i++) {
      sb.append(i == 0 ? "\n  " : ",\n  ").append(steps.get(i));
    }
    return sb.append("]}").toString();
  }
}
