package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.testing.FaultStep;
import io.eipfailover.core.testing.LinkSettings;
import io.eipfailover.core.testing.SimEvent;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import io.eipfailover.membership.udp.testing.SimUdp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stall-immune profile's edges in the deterministic simulation: two nodes running the real
 * reconciler on the real UDP membership over the simulated network, whose kernel-probe model
 * answers for a paused process and not for a gone host. The kit's timings: heartbeats every
 * 250 ms, deadline 1 s; verification after 400 ms, 200 ms to answer, stall limit 3 s.
 */
class StallImmuneSimulationTest {
  private static final NodeId N1 = Topologies.node(1);
  private static final NodeId N2 = Topologies.node(2);
  private static final long MS = 1_000_000L;

  private final List<UdpMembership> memberships = new ArrayList<>();

  private SimulatedCluster cluster(SimUdp.Profile profile, long seed) {
    SimulatedCluster c = SimulatedCluster.builder(Topologies.ring(2)).seed(seed).membership(ctx -> {
      UdpMembership m = SimUdp.membership(ctx, SimUdp.settings(profile, ctx.timings()));
      memberships.add(m);
      return m;
    }).build().start();
    c.advance(Duration.ofSeconds(3));
    return c;
  }

  private static ElasticIp eipOf(SimulatedCluster c, NodeId home) {
    return c.topology().elasticIps().stream().filter(e -> e.home().equals(home)).findFirst().orElseThrow();
  }

  /** When N1 first declared N2 dead at or after {@code sinceNanos}. */
  private static Optional<Long> n1ConvictedN2(SimulatedCluster c, long sinceNanos) {
    return c.eventsOf(N1).stream().filter(e -> e.atNanos() >= sinceNanos)
        .filter(e -> e.event() instanceof PeerDead d && d.peer().equals(N2)).map(SimEvent::atNanos).findFirst();
  }

  private static List<SimEvent> takeoversOfN2(SimulatedCluster c) {
    ElasticIp eip2 = eipOf(c, N2);
    return c.eventsOf(N1).stream().filter(e -> e.event() instanceof TakeoverStarted t && t.elasticIp().equals(eip2))
        .toList();
  }

  private UdpMembershipCounters.Verification n1Verification() {
    return memberships.get(0).counters().verification();
  }

  @Test
  void processStallsShorterThanTheStallLimitMoveNothing() {
    SimulatedCluster c = cluster(SimUdp.Profile.STALL_IMMUNE, 1);
    for (Duration stall : List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(2_900))) {
      c.pause(N2);
      c.advance(stall);
      c.resume(N2);
      c.advance(Duration.ofSeconds(4));
    }
    assertEquals(List.of(), takeoversOfN2(c), "stalls of 0.5 s, 2 s and 2.9 s (deadline 1 s)");
    assertEquals(Optional.empty(), n1ConvictedN2(c, 0));
    assertEquals(2, n1Verification().stallHolds(), "the 2 s and 2.9 s stalls outlasted the deadline");
  }

  @Test
  void theDeadlineProfileTakesOverOnTheSameTwoSecondStall() {
    SimulatedCluster c = cluster(SimUdp.Profile.DEADLINE, 1);
    c.pause(N2);
    c.advance(Duration.ofSeconds(2));
    c.resume(N2);
    c.advance(Duration.ofSeconds(4));
    assertTrue(!takeoversOfN2(c).isEmpty(), "the plain deadline convicts a 2 s stall: " + c.eventsOf(N1));
  }

  @Test
  void aStallLongerThanTheStallLimitMovesTheEips() {
    SimulatedCluster c = cluster(SimUdp.Profile.STALL_IMMUNE, 2);
    long at = c.time().nanos();
    c.pause(N2);
    c.advance(Duration.ofSeconds(5));
    long convicted = n1ConvictedN2(c, at).orElseThrow(() -> new AssertionError("not convicted: " + c.eventsOf(N1)));
    assertTrue(convicted - at >= 2_750 * MS, "not before the 3 s limit (less one heartbeat): "
        + (convicted - at) / MS + " ms");
    assertEquals(1, n1Verification().stallLimitConvictions());
    assertEquals(Optional.of(N1), c.ec2().holder(eipOf(c, N2)));
  }

  @Test
  void aGoneHostIsConvictedWithinVerifyAfterPlusTheTimeOutAndTheDeadlineProfileTakesLonger() {
    long stallImmune = hostGoneDetection(SimUdp.Profile.STALL_IMMUNE, new FaultStep.HostGone(2));
    long deadline = hostGoneDetection(SimUdp.Profile.DEADLINE, new FaultStep.HostGone(2));
    assertTrue(stallImmune <= 400 + 200 + 250, "last heartbeat up to 250 ms before: " + stallImmune + " ms");
    assertTrue(deadline >= 1_000 - 250, "the deadline profile: " + deadline + " ms");
    assertTrue(stallImmune < deadline, stallImmune + " ms vs " + deadline + " ms");
  }

  @Test
  void aVmLevelPauseLooksLikeAGoneHostAndTheNodeFailsBackAfterIt() {
    long detected = hostGoneDetection(SimUdp.Profile.STALL_IMMUNE, new FaultStep.VmPause(2));
    assertTrue(detected <= 850, "kernel frozen too: no answer, " + detected + " ms");
  }

  /** Applies {@code fault} to N2 and returns how long N1 took to convict it, in ms. */
  private long hostGoneDetection(SimUdp.Profile profile, FaultStep fault) {
    memberships.clear();
    SimulatedCluster c = cluster(profile, 3);
    long at = c.time().nanos();
    fault.apply(c);
    c.advance(Duration.ofSeconds(3));
    long convicted = n1ConvictedN2(c, at).orElseThrow(() -> new AssertionError("not convicted: " + c.eventsOf(N1)));
    assertEquals(Optional.of(N1), c.ec2().holder(eipOf(c, N2)), "N1 took N2's EIP");
    c.healAll();
    c.advance(Duration.ofSeconds(15));
    assertEquals(Optional.of(N2), c.ec2().holder(eipOf(c, N2)), "N2 back and its EIP home after the fail-back delay");
    return (convicted - at) / MS;
  }

  @Test
  void aFirewallThatDropsProbesMakesAStallConvictAtTheDeadlineNeverSooner() {
    SimulatedCluster c = cluster(SimUdp.Profile.STALL_IMMUNE, 4);
    new FaultStep.DropProbes(2).apply(c);
    c.advance(Duration.ofSeconds(11)); // the next path check (10 s) goes unanswered: the path is unproven
    long at = c.time().nanos();
    c.pause(N2);
    c.advance(Duration.ofSeconds(3));
    long convicted = n1ConvictedN2(c, at).orElseThrow(() -> new AssertionError("not convicted: " + c.eventsOf(N1)));
    assertTrue(convicted - at >= 1_000 * MS - 250 * MS, "not before the deadline: " + (convicted - at) / MS + " ms");
    assertEquals(0, n1Verification().hostGoneConvictions());
  }

  @Test
  void aFirewallRuleAddedJustBeforeAStallIsTheKnownWindowUntilTheNextPathCheck() {
    SimulatedCluster c = cluster(SimUdp.Profile.STALL_IMMUNE, 4);
    new FaultStep.DropProbes(2).apply(c);
    c.advance(Duration.ofSeconds(1)); // the path was proven at start and is not checked again yet
    long at = c.time().nanos();
    c.pause(N2);
    c.advance(Duration.ofSeconds(3));
    long convicted = n1ConvictedN2(c, at).orElseThrow(() -> new AssertionError("not convicted: " + c.eventsOf(N1)));
    assertTrue(convicted - at < 1_000 * MS, "documented limit: taken for a gone host, " + (convicted - at) / MS);
    assertEquals(1, n1Verification().hostGoneConvictions());
  }

  @Test
  void jitterAndLossMoveNothingForAMinute() {
    SimulatedCluster c = cluster(SimUdp.Profile.STALL_IMMUNE, 5);
    c.network().setDefaults(new LinkSettings(Duration.ofMillis(10), Duration.ofMillis(20), 0.01, 0, 0));
    c.advance(Duration.ofSeconds(60));
    assertEquals(List.of(), takeoversOfN2(c));
    assertEquals(Optional.empty(), n1ConvictedN2(c, 0));
  }
}
