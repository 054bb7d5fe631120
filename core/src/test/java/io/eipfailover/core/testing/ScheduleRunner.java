package io.eipfailover.core.testing;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.FailoverStrategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Runs a {@link FaultSchedule} on a {@link SimulatedCluster} with an {@link InvariantChecker}:
 * warm-up, each fault followed by its stretch of virtual time with safety checks at least every
 * {@link #CHECK_EVERY}, then heal everything, check liveness, and a stable tail with no moves. A
 * violation is rethrown with the schedule and the recent history appended, so the failure message is
 * a replay recipe.
 */
public final class ScheduleRunner {
  /** Longest stretch of virtual time between two safety checks. */
  public static final Duration CHECK_EVERY = Duration.ofMillis(500);
  /** Time before the first fault: membership converges, start-up grace ends. */
  public static final Duration WARM_UP = Duration.ofSeconds(3);
  /** Time after convergence in which nothing may move. */
  public static final Duration STABLE_TAIL = Duration.ofSeconds(3);

  private final UnaryOperator<SimulatedCluster.Builder> customize;

  /** Result of one run, for measurements. */
  public record Outcome(Duration convergence, Duration virtualTime, long tasks, int calls, int moves) {}

  /** A runner that builds clusters as the schedule says, then lets {@code customize} change the builder. */
  public ScheduleRunner(UnaryOperator<SimulatedCluster.Builder> customize) {
    this.customize = Objects.requireNonNull(customize, "customize");
  }

  /** A runner with the defaults. */
  public ScheduleRunner() {
    this(b -> b);
  }

  /** Builds the cluster for {@code s} (not started). */
  public SimulatedCluster cluster(FaultSchedule s) {
    ClusterTopology topology = s.shape().topology(s.nodes());
    SimulatedCluster.Builder b = SimulatedCluster.builder(topology).seed(s.seed()).placeAtHome(s.placeAtHome())
        .strategy(ctx -> switch (s.strategy()) {
          case HOME_WITH_FAILBACK -> FailoverStrategies.homeWithFailback(ctx.timings().failbackDelay());
          case STICKY -> FailoverStrategies.sticky();
          case BALANCED -> FailoverStrategies.balanced(ctx.timings().failbackDelay());
          case PRIORITY -> FailoverStrategies.priority(ringPriorities(topology), ctx.timings().failbackDelay());
        });
    return customize.apply(b).build();
  }

  /** For each EIP: its home, then the following nodes in sorted (ring) order. */
  static Map<String, List<NodeId>> ringPriorities(ClusterTopology topology) {
    List<NodeId> ids = topology.nodeIds();
    Map<String, List<NodeId>> lists = new LinkedHashMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      List<NodeId> order = new ArrayList<>();
      int start = ids.indexOf(eip.home());
      for (int i = 0; i < ids.size(); i++) {
        order.add(ids.get((start + i) % ids.size()));
      }
      lists.put(eip.allocationId(), order);
    }
    return lists;
  }

  /** Runs {@code s}; throws {@link InvariantViolation} (with the schedule in its message) on failure. */
  public Outcome run(FaultSchedule s) {
    SimulatedCluster c = cluster(s);
    InvariantChecker checker = new InvariantChecker(c);
    try {
      c.start();
      advance(c, checker, WARM_UP);
      for (FaultSchedule.Step step : s.steps()) {
        step.fault().apply(c);
        checker.noteFault();
        advance(c, checker, step.after());
      }
      c.healAll();
      checker.noteFault();
      Duration took = checker.checkLiveness(s.strategy().expectsHome(), STABLE_TAIL);
      return new Outcome(took, c.time().elapsed(), c.time().tasksRun(), c.ec2().calls().size(), c.ec2().moves().size());
    } catch (InvariantViolation v) {
      throw new InvariantViolation(v, "schedule: " + s + "\n" + history(c));
    }
  }

  private static void advance(SimulatedCluster c, InvariantChecker checker, Duration d) {
    Duration left = d;
    while (!left.isZero() && !left.isNegative()) {
      Duration chunk = left.compareTo(CHECK_EVERY) < 0 ? left : CHECK_EVERY;
      c.advance(chunk);
      checker.checkSafety();
      left = left.minus(chunk);
    }
  }

  /** The last moves, calls and events, for failure messages. */
  public static String history(SimulatedCluster c) {
    return "last moves: " + tail(c.ec2().moves(), 12) + "\nlast EC2 calls: " + tail(c.ec2().calls(), 12)
        + "\nlast events: " + tail(c.events(), 25);
  }

  private static String tail(List<?> list, int n) {
    StringBuilder sb = new StringBuilder();
    for (Object o : list.subList(Math.max(0, list.size() - n), list.size())) {
      sb.append("\n  ").append(o);
    }
    return sb.toString();
  }
}
