package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.event.PlacementShortfall;
import io.eipfailover.core.testing.InvariantChecker;
import io.eipfailover.core.testing.SimEvent;
import io.eipfailover.core.testing.SimGuards;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Fewer reserved IPs than the worst case needs: the plan places what fits, leaves out the EIPs
 * that come last in topology order (predictably, on every node alike), and says so with a {@link
 * PlacementShortfall} event when the set changes, and again (empty) once every EIP fits.
 */
class ScarceReservedScenarioTest {
  private static final Duration STEP = Duration.ofMillis(250);
  /** 4 nodes, 2 EIPs and 2 reserved IPs each: three nodes down leave 6 orphans for 2 free IPs. */
  private final ClusterTopology topology = Topologies.shaped(4, 2, 1, 2);
  private final NodeId n4 = Topologies.node(4);

  private List<PlacementShortfall> shortfalls(SimulatedCluster c, NodeId node) {
    return c.eventsOf(node).stream().map(SimEvent::event).filter(PlacementShortfall.class::isInstance)
        .map(PlacementShortfall.class::cast).toList();
  }

  private void threeOfFourFail(Function<Duration, FailoverStrategy> strategy) {
    AtomicReference<SimulatedCluster> self = new AtomicReference<>();
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(3)
        .strategy(ctx -> strategy.apply(ctx.timings().failbackDelay()))
        .guard(ctx -> SplitBrainGuards.anyOf(SplitBrainGuards.quorum(),
            SimGuards.instanceDown(id -> self.get().node(id).crashed())))
        .build();
    self.set(c);
    c.start();
    InvariantChecker checker = new InvariantChecker(c);
    run(c, checker, Duration.ofSeconds(4));
    assertEquals(List.of(), shortfalls(c, n4), "all placed while everyone is up (start-up grace not counted)");
    for (int n = 1; n <= 3; n++) {
      c.crash(Topologies.node(n));
    }
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(8));

    List<ElasticIp> all = topology.elasticIps();
    List<ElasticIp> placed = all.subList(0, 2);
    List<ElasticIp> leftOut = all.subList(2, 6);
    for (ElasticIp e : placed) {
      assertEquals(n4, c.ec2().holder(e).orElseThrow(), e + ": the first orphans in topology order fit on n4");
    }
    for (ElasticIp e : leftOut) {
      assertTrue(c.ec2().holder(e).map(h -> !h.equals(n4)).orElse(true), e + " stays where it was");
    }
    List<PlacementShortfall> reported = shortfalls(c, n4);
    assertEquals(1, reported.size(), "reported once, not on every pass: " + reported);
    assertEquals(leftOut, reported.get(0).unplaced());

    c.restart(Topologies.node(1));
    c.restart(Topologies.node(2));
    c.restart(Topologies.node(3));
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(12));
    reported = shortfalls(c, n4);
    assertEquals(List.of(), reported.get(reported.size() - 1).unplaced(), "placed again: " + reported);
    checker.checkLiveness(true, Duration.ofSeconds(3));
  }

  private static void run(SimulatedCluster c, InvariantChecker checker, Duration d) {
    for (long t = 0; t < d.toNanos(); t += STEP.toNanos()) {
      c.advance(STEP);
      checker.checkSafety();
    }
  }

  @Test
  void balancedPlacesWhatFitsAndReportsTheRest() {
    threeOfFourFail(FailoverStrategies::balanced);
  }

  @Test
  void homeWithFailbackPlacesWhatFitsAndReportsTheRest() {
    threeOfFourFail(FailoverStrategies::homeWithFailback);
  }
}
