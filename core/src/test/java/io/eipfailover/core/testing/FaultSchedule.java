package io.eipfailover.core.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A script for one simulation run: cluster size, strategy, initial placement, the seed of every
 * random choice inside the run, and fault steps each followed by a stretch of virtual time. Its
 * {@code toString()} is the replay recipe printed with every failure.
 *
 * @param nodes cluster size (node i has one home EIP and N-1 reserved points)
 * @param strategy which built-in strategy every node runs
 * @param placeAtHome whether EIPs start at home (else unassociated)
 * @param seed seed of the cluster's randomness (network, EC2, back-off jitter)
 * @param steps the faults, in order
 */
public record FaultSchedule(int nodes, StrategyKind strategy, boolean placeAtHome, long seed, List<Step> steps) {
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
  }

  /** Total virtual time of the fault phase. */
  public Duration duration() {
    return steps.stream().map(Step::after).reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FaultSchedule{nodes=").append(nodes).append(", strategy=").append(strategy)
        .append(", placeAtHome=").append(placeAtHome).append(", seed=").append(seed).append(", steps=[");
    for (int i = 0; i < steps.size(); i++) {
      sb.append(i == 0 ? "\n  " : ",\n  ").append(steps.get(i));
    }
    return sb.append("]}").toString();
  }
}
