package io.eipfailover.core.scenario;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deliberately wrong strategies and EIP managers, to show the simulation catches them. */
final class BrokenParts {
  private BrokenParts() {}

  /** Puts every EIP on a random alive node: not a function of its input. */
  static FailoverStrategy randomStrategy(Random random) {
    return input -> {
      ClusterTopology t = input.topology();
      List<NodeId> alive = new ArrayList<>();
      for (NodeId n : t.nodeIds()) {
        if (input.view().stateOf(n) == MemberState.ALIVE) {
          alive.add(n);
        }
      }
      Map<String, Placement.Target> targets = new LinkedHashMap<>();
      int k = 0;
      for (ElasticIp eip : t.elasticIps()) {
        if (alive.isEmpty()) {
          break;
        }
        NodeId n = alive.get(random.nextInt(alive.size()));
        NodeSpec spec = t.node(n);
        AttachmentPoint p = n.equals(eip.home()) ? t.homePoint(eip) : spec.reservedPoints().get(k++ % spec.reservedPoints().size());
        targets.put(eip.allocationId(), new Placement.Target(n, p));
      }
      return new Placement(targets);
    };
  }

  /** Deterministic, but moves EIP 0 between its home and node 2 every {@code period}: ping-pong with a stable view. */
  static FailoverStrategy flipFlop(Duration period) {
    return input -> {
      ClusterTopology t = input.topology();
      Map<String, Placement.Target> targets = new LinkedHashMap<>();
      for (ElasticIp eip : t.elasticIps()) {
        targets.put(eip.allocationId(), new Placement.Target(eip.home(), t.homePoint(eip)));
      }
      ElasticIp first = t.elasticIps().get(0);
      NodeId other = t.nodeIds().get(1);
      if ((input.now() / period.toNanos()) % 2 == 1) {
        targets.put(first.allocationId(), new Placement.Target(other, t.node(other).reservedPoints().get(0)));
      }
      return new Placement(targets);
    };
  }

  /** Every EIP on its home, except node 2's, which node 1 keeps for good: never fails back. */
  static FailoverStrategy neverFailsBackToNode2() {
    return input -> {
      ClusterTopology t = input.topology();
      Map<String, Placement.Target> targets = new LinkedHashMap<>();
      NodeId n1 = t.nodeIds().get(0);
      for (ElasticIp eip : t.elasticIps()) {
        targets.put(eip.allocationId(), eip.home().equals(t.nodeIds().get(1))
            ? new Placement.Target(n1, t.node(n1).reservedPoints().get(0))
            : new Placement.Target(eip.home(), t.homePoint(eip)));
      }
      return new Placement(targets);
    };
  }

  /** Places nothing: EIPs stay wherever they are, including nowhere. */
  static FailoverStrategy placesNothing() {
    return input -> new Placement(Map.of());
  }

  /** An EIP manager that, asked to associate with one of its node's points, pushes to a peer's point instead. */
  static ElasticIpManager pushingToPeer(ElasticIpManager delegate, ClusterTopology topology, NodeId self) {
    List<NodeId> ids = topology.nodeIds();
    NodeId peer = ids.get((ids.indexOf(self) + 1) % ids.size());
    return new ElasticIpManager() {
      @Override
      public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
        return delegate.describe(elasticIps);
      }

      @Override
      public String associate(ElasticIp elasticIp, AttachmentPoint target) {
        List<AttachmentPoint> points = topology.node(peer).reservedPoints();
        return delegate.associate(elasticIp, points.get(points.size() - 1));
      }
    };
  }
}
