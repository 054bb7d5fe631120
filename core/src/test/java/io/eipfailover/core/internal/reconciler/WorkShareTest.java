package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.testing.Topologies;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The weight of a node's associate budget: its moves left against the mean of the nodes with moves left. */
class WorkShareTest {
  private final ClusterTopology topology = Topologies.of(4, 16, 32);
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final NodeId n3 = Topologies.node(3);
  private final Map<String, ObservedAssociation> home = new HashMap<>();

  WorkShareTest() {
    for (ElasticIp e : topology.elasticIps()) {
      AttachmentPoint p = topology.homePoint(e);
      home.put(e.allocationId(), ObservedAssociation.associated(e.allocationId(), "a", p.networkInterfaceId(), p.privateIp()));
    }
  }

  /** A plan that moves {@code counts[i]} of n4's then n3's EIPs to node i+1 and keeps every other EIP home. */
  private double weightOf(NodeId self, int... counts) {
    Map<String, Placement.Target> targets = new LinkedHashMap<>();
    for (ElasticIp e : topology.elasticIps()) {
      targets.put(e.allocationId(), new Placement.Target(e.home(), topology.homePoint(e)));
    }
    List<ElasticIp> orphans = new java.util.ArrayList<>(topology.homedOn(Topologies.node(4)));
    orphans.addAll(topology.homedOn(n3));
    int next = 0;
    for (int i = 0; i < counts.length; i++) {
      NodeId to = Topologies.node(i + 1);
      for (int k = 0; k < counts[i]; k++) {
        targets.put(orphans.get(next++).allocationId(), new Placement.Target(to, topology.node(to).reservedPoints().get(k)));
      }
    }
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    topology.nodeIds().forEach(n -> members.put(n, MemberEntry.of(MemberState.ALIVE, 0)));
    PlacementInput input = new PlacementInput(topology, new MembershipView(1, self, members), home, 0);
    return WorkShare.weight(self, input, new Placement(targets));
  }

  @Test
  void aNodeWithMoreToMoveThanTheMeanWeighsMore() {
    assertEquals(1.5, weightOf(n1, 3, 1, 2), 1e-9, "3 of a mean of 2");
    assertEquals(0.5, weightOf(n2, 3, 1, 2), 1e-9);
    assertEquals(1.0, weightOf(n3, 3, 1, 2), 1e-9);
  }

  @Test
  void nodesWithNothingToMoveDoNotLowerTheMean() {
    assertEquals(1.0, weightOf(n1, 2, 0, 2), 1e-9);
    assertEquals(1.0, weightOf(n2, 2, 0, 2), 1e-9, "nothing to move: the neutral weight");
  }

  @Test
  void theWeightStaysWithinItsLimits() {
    assertEquals(1.0, weightOf(n1), 1e-9, "nothing moves at all");
    assertEquals(1.0, weightOf(n1, 6), 1e-9, "the only mover is the mean");
    assertEquals(1 / WorkShare.LIMIT, weightOf(n1, 1, 31), 1e-9, "1 of a mean of 16, kept at 1/8");
    assertEquals(31 / 16.0, weightOf(n2, 1, 31), 1e-9);
  }
}
