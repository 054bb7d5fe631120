package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.Membership;
import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.FaultStep;
import io.eipfailover.core.testing.LinkSettings;
import io.eipfailover.core.testing.NodeContext;
import io.eipfailover.core.testing.ScheduleRunner;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import io.eipfailover.membership.udp.testing.SimUdp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The deterministic simulation with the real UDP membership: random membership fault schedules
 * (crashes, restarts, pauses, partitions, one-way blocks, isolation, gone hosts, VM-level pauses,
 * firewalls dropping kernel probes, lossy / slow / duplicating / replaying links, health flips,
 * standby) over 2 to 5 nodes, each running the real reconciler on {@link UdpMembership} over the
 * simulated network, with the deadline, phi-accrual or stall-immune profile ({@link SimUdp}). The core kit's {@link ScheduleRunner} checks
 * its safety invariants after every step and liveness after healing; here we also check that every
 * membership's counters add up and that the simulated network, which loses, delays, duplicates and
 * replays but never corrupts, caused no corruption drops. A failing try prints the schedule;
 * jqwik's seed replays it exactly.
 */
class UdpSimulationTest {
  static final int TRIES = 300;
  static final int STALL_IMMUNE_TRIES = 10_000;

  private final List<UdpMembership> memberships = new ArrayList<>();

  private Membership membership(NodeContext ctx, SimUdp.Profile profile) {
    UdpMembership m = SimUdp.membership(ctx, SimUdp.settings(profile, ctx.timings()));
    memberships.add(m);
    return m;
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void realUdpProtocolKeepsTheClusterSafeAndConvergesUnderRandomFaults(@ForAll("schedules") FaultSchedule schedule,
      @ForAll SimUdp.Profile profile) {
    check(schedule, profile);
  }

  /**
   * The stall-immune profile alone over {@link #STALL_IMMUNE_TRIES} schedules (about 2 ms of CPU
   * each: 20 s on an idle two-core box).
   */
  @Property(tries = STALL_IMMUNE_TRIES, shrinking = ShrinkingMode.BOUNDED)
  void stallImmuneProfileKeepsTheClusterSafeOverTenThousandSchedules(@ForAll("schedules") FaultSchedule schedule) {
    check(schedule, SimUdp.Profile.STALL_IMMUNE);
  }

  private void check(FaultSchedule schedule, SimUdp.Profile profile) {
    memberships.clear();
    new ScheduleRunner(b -> b.membership(ctx -> membership(ctx, profile))).run(schedule);
    long accepted = 0;
    long fastPath = 0;
    long pauseGuards = 0;
    long replays = 0;
    long hostGone = 0;
    long holds = 0;
    for (UdpMembership m : memberships) {
      UdpMembershipCounters c = m.counters();
      assertEquals(c.received(), c.accepted() + c.droppedTotal(), m.self() + " counters add up: " + c);
      assertEquals(0, c.dropped(DropReason.BAD_MAC) + c.dropped(DropReason.GARBAGE) + c.dropped(DropReason.TRUNCATED),
          m.self() + ": the simulated network never corrupts datagrams: " + c);
      accepted += c.accepted();
      fastPath += c.fastPathConvictions();
      pauseGuards += c.pauseGuards();
      replays += c.dropped(DropReason.REPLAYED);
      hostGone += c.verification().hostGoneConvictions();
      holds += c.verification().stallHolds();
    }
    Statistics.label("crash fast path used").collect(fastPath > 0);
    Statistics.label("local-pause guard used").collect(pauseGuards > 0);
    Statistics.label("replays or duplicates dropped").collect(replays > 0);
    if (profile == SimUdp.Profile.STALL_IMMUNE) {
      Statistics.label("verification: host gone convicted").collect(hostGone > 0);
      Statistics.label("verification: stalled peer held").collect(holds > 0);
    }
    assertTrue(accepted > 0, "the UDP protocol carried the cluster's heartbeats");
  }

  @Provide
  Arbitrary<FaultSchedule> schedules() {
    return Arbitraries.frequency(Tuple.of(40, 2), Tuple.of(30, 3), Tuple.of(20, 4), Tuple.of(10, 5))
        .flatMap(n -> Combinators.combine(
            Arbitraries.of(FaultSchedule.StrategyKind.class),
            Arbitraries.longs(),
            step(n).list().ofMinSize(2).ofMaxSize(8))
            .as((strategy, seed, steps) -> new FaultSchedule(n, strategy, true, seed, steps)));
  }

  private static Arbitrary<FaultSchedule.Step> step(int n) {
    Arbitrary<Duration> after = Arbitraries.integers().between(1, 30).map(k -> Duration.ofMillis(k * 100L));
    return Combinators.combine(fault(n), after).as(FaultSchedule.Step::new);
  }

  @SuppressWarnings("unchecked")
  private static Arbitrary<FaultStep> fault(int n) {
    Arbitrary<Integer> node = Arbitraries.integers().between(1, n);
    Arbitrary<int[]> pair = Combinators.combine(node, Arbitraries.integers().between(1, n - 1))
        .as((a, off) -> new int[] {a, (a - 1 + off) % n + 1});
    Arbitrary<LinkSettings> links = Combinators.combine(
        Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 200),
        Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(0, 20))
        .as((delay, jitter, loss, dup, replay) -> new LinkSettings(Duration.ofMillis(delay), Duration.ofMillis(jitter),
            loss / 100.0, dup / 100.0, replay / 100.0));
    return Arbitraries.frequencyOf(
        Tuple.of(10, node.map(FaultStep.Crash::new)),
        Tuple.of(8, node.map(FaultStep.Restart::new)),
        Tuple.of(8, node.map(FaultStep.Pause::new)),
        Tuple.of(6, node.map(FaultStep.Resume::new)),
        Tuple.of(5, pair.map(p -> new FaultStep.Partition(p[0], p[1]))),
        Tuple.of(5, pair.map(p -> new FaultStep.BlockOneWay(p[0], p[1]))),
        Tuple.of(3, node.map(FaultStep.Isolate::new)),
        Tuple.of(5, Arbitraries.just(new FaultStep.HealNetwork())),
        Tuple.of(8, links.map(FaultStep.Links::new)),
        Tuple.of(4, Combinators.combine(node, Arbitraries.of(true, false)).as(FaultStep.Health::new)),
        Tuple.of(4, node.map(FaultStep.Standby::new)),
        Tuple.of(3, node.map(FaultStep.LeaveStandby::new)),
        Tuple.of(3, Arbitraries.just(new FaultStep.Wait())),
        Tuple.of(4, node.map(FaultStep.HostGone::new)),
        Tuple.of(4, node.map(FaultStep.VmPause::new)),
        Tuple.of(3, node.map(FaultStep.DropProbes::new)));
  }
}
