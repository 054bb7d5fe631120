package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.FaultStep;
import io.eipfailover.core.testing.LinkSettings;
import io.eipfailover.core.testing.NodeContext;
import io.eipfailover.core.testing.ScheduleRunner;
import io.eipfailover.core.testing.SimTimings;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import io.eipfailover.membership.udp.testing.SimDatagramTransport;
import io.eipfailover.membership.udp.testing.TestKeys;
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
 * (crashes, restarts, pauses, partitions, one-way blocks, isolation, lossy / slow / duplicating /
 * replaying links, health flips, standby) over 2 to 5 nodes, each running the real reconciler on
 * {@link UdpMembership} over the simulated network, with the deadline or the phi-accrual detector. The core kit's {@link ScheduleRunner} checks
 * its safety invariants after every step and liveness after healing; here we also check that every
 * membership's counters add up and that the simulated network, which loses, delays, duplicates and
 * replays but never corrupts, caused no corruption drops. A failing try prints the schedule;
 * jqwik's seed replays it exactly.
 */
class UdpSimulationTest {
  static final int TRIES = 300;

  private final List<UdpMembership> memberships = new ArrayList<>();
  private final List<SimDatagramTransport> transports = new ArrayList<>();

  private Membership membership(NodeContext ctx, DetectorSettings.Kind kind) {
    SimTimings t = ctx.timings();
    Duration deadtime = t.detection();
    // Phi knobs scaled to the simulation's slower heartbeat so that phi, not the deadtime bound,
    // usually decides: mean interval + pause + 5.2 deviations is about the deadtime.
    DetectorSettings detector = DetectorSettings.builder().kind(kind).keepalive(t.heartbeatInterval())
        .warntime(deadtime.dividedBy(2)).deadtime(deadtime).initdead(deadtime)
        .phiAcceptablePause(t.heartbeatInterval()).phiMinStdDeviation(t.heartbeatInterval().dividedBy(3))
        .probeInterval(Duration.ofMillis(10)).build();
    SimDatagramTransport transport = new SimDatagramTransport(ctx.self(), ctx.network(), ctx.scheduler());
    UdpMembershipBuilder b = UdpMembership.builder().self(ctx.self()).topology(ctx.topology())
        .keyring(TestKeys.k1()).detector(detector).ticker(ctx.scheduler().ticker()).clock(ctx.scheduler().clock())
        .transport(transport);
    for (NodeId peer : ctx.topology().nodeIds()) {
      if (!peer.equals(ctx.self())) {
        b.peer(peer);
      }
    }
    UdpMembership m = b.build();
    memberships.add(m);
    transports.add(transport);
    return m;
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void realUdpProtocolKeepsTheClusterSafeAndConvergesUnderRandomFaults(@ForAll("schedules") FaultSchedule schedule,
      @ForAll DetectorSettings.Kind detector) {
    memberships.clear();
    transports.clear();
    new ScheduleRunner(b -> b.membership(ctx -> membership(ctx, detector))).run(schedule);
    long accepted = 0;
    long fastPath = 0;
    long pauseGuards = 0;
    long replays = 0;
    for (UdpMembership m : memberships) {
      UdpMembershipCounters c = m.counters();
      assertEquals(c.received(), c.accepted() + c.droppedTotal(), m.self() + " counters add up: " + c);
      assertEquals(0, c.dropped(DropReason.BAD_MAC) + c.dropped(DropReason.GARBAGE) + c.dropped(DropReason.TRUNCATED),
          m.self() + ": the simulated network never corrupts datagrams: " + c);
      accepted += c.accepted();
      fastPath += c.fastPathConvictions();
      pauseGuards += c.pauseGuards();
      replays += c.dropped(DropReason.REPLAYED);
    }
    Statistics.label("crash fast path used").collect(fastPath > 0);
    Statistics.label("local-pause guard used").collect(pauseGuards > 0);
    Statistics.label("replays or duplicates dropped").collect(replays > 0);
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
        Tuple.of(3, Arbitraries.just(new FaultStep.Wait())));
  }
}
