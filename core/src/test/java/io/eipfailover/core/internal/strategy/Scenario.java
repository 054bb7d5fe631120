package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.PlacementInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds strategy inputs tersely: nodes are "a", "b", "c"...; node i has ENI eni-000i, home points
 * 10.0.i.10.. and reserved points 10.0.i.100..; EIP k is eipalloc-k with public IP 52.0.0.k. By
 * default every node is ALIVE since time 0, "now" is one hour, and every EIP is observed at home.
 */
final class Scenario {
  static final long NOW = Duration.ofHours(1).toNanos();

  final ClusterTopology topology;
  private final Map<NodeId, MemberEntry> members = new HashMap<>();
  private final Map<String, ObservedAssociation> observed = new HashMap<>();
  private long now = NOW;

  private Scenario(ClusterTopology topology) {
    this.topology = topology;
    for (NodeId n : topology.nodeIds()) {
      members.put(n, MemberEntry.of(MemberState.ALIVE, 0));
    }
    for (ElasticIp eip : topology.elasticIps()) {
      at(eip.allocationId(), topology.homePoint(eip));
    }
  }

  /** {@code nodes} nodes with {@code reservedEach} reserved points; EIP k+1 is homed on homes[k]. */
  static Scenario of(int nodes, int reservedEach, String... homes) {
    return new Scenario(topology(nodes, reservedEach, homes));
  }

  static ClusterTopology topology(int nodes, int reservedEach, String... homes) {
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("test");
    for (int i = 0; i < nodes; i++) {
      String name = name(i);
      int homed = (int) java.util.Arrays.stream(homes).filter(name::equals).count();
      List<AttachmentPoint> home = new ArrayList<>();
      for (int k = 0; k < Math.max(1, homed); k++) {
        home.add(AttachmentPoint.primary(eni(i), "10.0." + (i + 1) + "." + (10 + k)));
      }
      List<AttachmentPoint> reserved = new ArrayList<>();
      for (int j = 0; j < reservedEach; j++) {
        reserved.add(AttachmentPoint.reserved(eni(i), "10.0." + (i + 1) + "." + (100 + j)));
      }
      b.node(new NodeSpec(NodeId.of(name), home, reserved));
    }
    for (int k = 0; k < homes.length; k++) {
      b.elasticIp(ElasticIp.of(eip(k + 1), "52.0.0." + (k + 1), homes[k]));
    }
    return b.build();
  }

  static String name(int i) {
    return String.valueOf((char) ('a' + i));
  }

  static String eni(int i) {
    return String.format("eni-%04x", i + 1);
  }

  static String eip(int k) {
    return "eipalloc-" + k;
  }

  static NodeId n(String name) {
    return NodeId.of(name);
  }

  /** Node {@code node} is in {@code state} since time 0. */
  Scenario state(String node, MemberState state) {
    return state(node, state, 0);
  }

  /** Node {@code node} is in {@code state} since {@code since} nanoseconds. */
  Scenario state(String node, MemberState state, long since) {
    members.put(n(node), MemberEntry.of(state, since));
    return this;
  }

  /** Node {@code node} has been ALIVE for {@code alive} before now. */
  Scenario aliveFor(String node, Duration alive) {
    return state(node, MemberState.ALIVE, now - alive.toNanos());
  }

  Scenario at(String allocationId, AttachmentPoint p) {
    observed.put(allocationId, ObservedAssociation.associated(allocationId, "eipassoc-1", p.networkInterfaceId(), p.privateIp()));
    return this;
  }

  /** EIP k observed on the j-th reserved point of {@code node}. */
  Scenario atReserved(int k, String node, int j) {
    return at(eip(k), reserved(node, j));
  }

  Scenario unassociated(int k) {
    observed.put(eip(k), ObservedAssociation.unassociated(eip(k)));
    return this;
  }

  AttachmentPoint reserved(String node, int j) {
    return topology.node(n(node)).reservedPoints().get(j);
  }

  AttachmentPoint home(int k) {
    return topology.homePoint(topology.elasticIp(eip(k)).orElseThrow());
  }

  PlacementInput input() {
    return new PlacementInput(topology, new MembershipView(1, topology.nodeIds().get(0), members), observed, now);
  }
}
