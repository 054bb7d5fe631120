package io.eipfailover.core.scenario;

import io.eipfailover.core.testing.Ec2Call;
import io.eipfailover.core.testing.Ec2Faults;
import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.FaultStep;
import io.eipfailover.core.testing.LinkSettings;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of {@link FaultSchedule}s over 2 to 7 nodes: crashes and restarts, pauses,
 * symmetric and asymmetric partitions, isolation, lossy/slow/duplicating/replaying links, health
 * flips, standby, EC2 throttling, 5xx, auth errors, lost responses, latency, stale describes (a
 * fixed lag, and EC2's eventual consistency drawn per EIP and change), the account's shared request
 * buckets, outages, and hand-made changes (moves to a peer, moves to an ENI outside the cluster,
 * disassociations). Half the schedules run on the ring (one EIP per node, reserved IPs for any
 * failures), half on a drawn shape: 1 to 3 EIPs per node, their IPs on 1 to 3 ENIs or the ring's
 * layout, and reserved IPs for any failures or scarce ones. Small clusters are drawn more often
 * (they are where pairs fight). Public so other modules (e.g. the UDP membership) can run the same
 * schedules with their parts.
 */
public final class FaultSchedules {
  private FaultSchedules() {}

  public static Arbitrary<FaultSchedule> schedules() {
    return schedules(Arbitraries.frequency(Tuple.of(30, 2), Tuple.of(25, 3), Tuple.of(15, 4), Tuple.of(12, 5),
        Tuple.of(10, 6), Tuple.of(8, 7)), 3, 12);
  }

  public static Arbitrary<FaultSchedule> schedules(Arbitrary<Integer> nodes, int minSteps, int maxSteps) {
    return nodes.flatMap(n -> Combinators.combine(
        Arbitraries.of(FaultSchedule.StrategyKind.class),
        Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
        Arbitraries.longs(),
        step(n).list().ofMinSize(minSteps).ofMaxSize(maxSteps),
        shape(n))
        .as((strategy, home, seed, steps, shape) -> new FaultSchedule(n, strategy, home, seed, steps, shape)));
  }

  /** The ring half the time, else 1 to 3 EIPs per node on 0 (the ring's layout) to 3 ENIs, reserved IPs enough or scarce. */
  public static Arbitrary<FaultSchedule.Shape> shape(int n) {
    Arbitrary<FaultSchedule.Shape> drawn = Arbitraries.integers().between(1, 3).flatMap(eips -> Combinators.combine(
        Arbitraries.integers().between(0, 3),
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(-1)),
            Tuple.of(1, Arbitraries.integers().between(0, eips * (n - 1) - 1))))
        .as((enis, reserved) -> new FaultSchedule.Shape(eips, enis, reserved)));
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(FaultSchedule.Shape.RING)), Tuple.of(1, drawn));
  }

  public static Arbitrary<FaultSchedule.Step> step(int n) {
    Arbitrary<Duration> after = Arbitraries.integers().between(2, 30).map(k -> Duration.ofMillis(k * 100L));
    return Combinators.combine(fault(n), after).as(FaultSchedule.Step::new);
  }

  @SuppressWarnings("unchecked")
  public static Arbitrary<FaultStep> fault(int n) {
    Arbitrary<Integer> node = Arbitraries.integers().between(1, n);
    Arbitrary<int[]> pair = Combinators.combine(node, Arbitraries.integers().between(1, n - 1))
        .as((a, off) -> new int[] {a, (a - 1 + off) % n + 1});
    return Arbitraries.frequencyOf(
        Tuple.of(10, node.map(FaultStep.Crash::new)),
        Tuple.of(8, node.map(FaultStep.Restart::new)),
        Tuple.of(6, node.map(FaultStep.Pause::new)),
        Tuple.of(6, node.map(FaultStep.Resume::new)),
        Tuple.of(5, pair.map(p -> new FaultStep.Partition(p[0], p[1]))),
        Tuple.of(5, pair.map(p -> new FaultStep.BlockOneWay(p[0], p[1]))),
        Tuple.of(4, node.map(FaultStep.Isolate::new)),
        Tuple.of(6, Arbitraries.just(new FaultStep.HealNetwork())),
        Tuple.of(6, links().map(FaultStep.Links::new)),
        Tuple.of(6, Combinators.combine(node, Arbitraries.of(true, false)).as(FaultStep.Health::new)),
        Tuple.of(4, node.map(FaultStep.Standby::new)),
        Tuple.of(4, node.map(FaultStep.LeaveStandby::new)),
        Tuple.of(5, ec2Faults().map(FaultStep.Ec2Errors::new)),
        Tuple.of(2, Arbitraries.of(Ec2Call.Outcome.THROTTLED, Ec2Call.Outcome.SERVER_ERROR, Ec2Call.Outcome.AUTH_ERROR)
            .map(FaultStep.Ec2Outage::new)),
        Tuple.of(4, Combinators.combine(millis(0, 2000), millis(0, 2000)).as(FaultStep.Ec2Slow::new)),
        Tuple.of(5, Arbitraries.just(new FaultStep.Ec2Heal())),
        Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, n - 1), node).as(FaultStep.OperatorMove::new)),
        Tuple.of(4, millis(0, 3000).map(FaultStep.Ec2Lag::new)),
        Tuple.of(3, accountLimits()),
        Tuple.of(2, Arbitraries.integers().between(0, 3 * n - 1).map(FaultStep.OperatorMoveOutside::new)),
        Tuple.of(2, Arbitraries.integers().between(0, 3 * n - 1).map(FaultStep.OperatorDisassociate::new)),
        Tuple.of(4, Arbitraries.just(new FaultStep.Wait())));
  }

  /** Account buckets small enough for 2 to 7 nodes to feel: associates 2-10 + 1-5/s, describes 5-20 + 2-20/s. */
  public static Arbitrary<FaultStep> accountLimits() {
    return Combinators.combine(Arbitraries.integers().between(2, 10), Arbitraries.integers().between(1, 5),
        Arbitraries.integers().between(5, 20), Arbitraries.integers().between(2, 20))
        .as((ab, ar, db, dr) -> new FaultStep.AccountLimits(ab, ar, db, dr));
  }

  public static Arbitrary<LinkSettings> links() {
    return Combinators.combine(millis(0, 50), millis(0, 150), probability(0.3), probability(0.2), probability(0.2))
        .as(LinkSettings::new);
  }

  public static Arbitrary<Ec2Faults> ec2Faults() {
    return Combinators.combine(probability(0.5), probability(0.3), probability(0.1), probability(0.2))
        .as(Ec2Faults::new);
  }

  private static Arbitrary<Duration> millis(int min, int max) {
    return Arbitraries.integers().between(min, max).map(Duration::ofMillis);
  }

  private static Arbitrary<Double> probability(double max) {
    return Arbitraries.integers().between(0, (int) Math.round(max * 100)).map(p -> p / 100.0);
  }
}
