package io.eipfailover.membership.jgroups.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.Ec2Move;
import io.eipfailover.core.testing.SimulatedEc2;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core reconciler ({@link EipFailover}) on three real JGroups members, against the core kit's
 * simulated EC2: with the balanced strategy a dead node's two EIPs go one to each survivor (each
 * has one reserved IP), and come home after it returns and the fail-back delay passes.
 */
class ReconcilerOverJGroupsTest {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcilerOverJGroupsTest.class);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final NodeId N1 = NodeId.of("n1");

  private final ClusterTopology topology = Topologies.of(3, 2, 1);
  private final SimulatedEc2 ec2 = new SimulatedEc2(topology, new VirtualTime().scheduler("ec2"), new Random(7));
  private final Map<NodeId, EipFailover> failovers = new HashMap<>();

  private EipFailover startNode(LoopbackCluster c, NodeId id) {
    LoopbackCluster.Member m = c.members.get(id);
    m.membership = c.builderFor(m, topology).build();
    m.membership.addListener(m.recorder, Runnable::run);
    EipFailover f = EipFailover.builder()
        .topology(topology)
        .self(id)
        .membership(m.membership)
        .elasticIpManager(new LockedEc2(ec2, id))
        .guard(SplitBrainGuards.quorum())
        .strategy(FailoverStrategies.balanced(Duration.ofSeconds(1)))
        // The grace must cover the time the three nodes take to start one after the other (about a
        // second on a loaded machine): a node not heard by then is dead, and a quorum takes its EIPs.
        .config(FailoverConfig.builder().toleratedFailures(1).resyncInterval(Duration.ofSeconds(2))
            .startupGrace(Duration.ofSeconds(3)).build())
        .build();
    f.start();
    failovers.put(id, f);
    return f;
  }

  private Optional<NodeId> holder(ElasticIp eip) {
    synchronized (ec2) {
      return ec2.holder(eip);
    }
  }

  private boolean allHome() {
    synchronized (ec2) {
      return topology.elasticIps().stream().allMatch(e -> ec2.isAt(e, topology.homePoint(e)));
    }
  }

  private void await(BooleanSupplier condition, String what) {
    Await.until(what, WAIT, condition, this::placement);
  }

  private String placement() {
    synchronized (ec2) {
      return "moves " + ec2.moves();
    }
  }

  @Test
  void aDeadNodesEipsSpreadOverTheSurvivorsAndReturnHomeAfterItComesBack() {
    synchronized (ec2) {
      ec2.placeAllAtHome();
    }
    List<ElasticIp> orphans = topology.homedOn(N1);
    assertEquals(2, orphans.size());
    try (LoopbackCluster c = new LoopbackCluster(topology)) {
      for (NodeId id : topology.nodeIds()) {
        startNode(c, id);
      }
      for (String n : List.of("n1", "n2", "n3")) {
        c.await(n, v -> v.count(MemberState.ALIVE) == 3, WAIT, "three ALIVE nodes");
      }
      // On a loaded machine a member may join after another's start-up grace: its EIPs are taken
      // and come home after the fail-back delay. Start from that steady state.
      await(this::allHome, "every EIP at home once the three see each other");
      int movesBefore;
      synchronized (ec2) {
        movesBefore = ec2.moves().size();
      }

      c.kill("n1");
      closeQuietly(failovers.remove(N1));
      await(() -> orphans.stream().allMatch(e -> holder(e).filter(h -> !h.equals(N1)).isPresent()),
          "n1's EIPs held by survivors");
      NodeId first = holder(orphans.get(0)).orElseThrow();
      NodeId second = holder(orphans.get(1)).orElseThrow();
      assertNotEquals(first, second, "balanced: one orphan per survivor (each has one reserved IP)");
      for (NodeId survivor : List.of(NodeId.of("n2"), NodeId.of("n3"))) {
        for (ElasticIp own : topology.homedOn(survivor)) {
          assertEquals(Optional.of(survivor), holder(own), "survivors keep their own EIPs");
        }
      }

      startNode(c, N1);
      await(this::allHome, "every EIP at home after n1 returned");
      synchronized (ec2) {
        List<String> orphanIds = orphans.stream().map(ElasticIp::allocationId).toList();
        List<Ec2Move> moves = ec2.moves().subList(movesBefore, ec2.moves().size()).stream()
            .filter(m -> orphanIds.contains(m.allocationId())).toList();
        assertEquals(4, moves.size(), () -> "n1's EIPs: two takeovers and two fail-backs, nothing else: " + moves);
      }
    } finally {
      failovers.values().forEach(ReconcilerOverJGroupsTest::closeQuietly);
    }
  }

  private static void closeQuietly(EipFailover f) {
    if (f != null) {
      try {
        f.close();
      } catch (RuntimeException e) {
        LOG.info("closing a killed node: {}", e.toString());
      }
    }
  }
}
