package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.PlacementInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random cluster, view and set of observations, all drawn from one seed so a failing property
 * replays exactly: 1-8 nodes with 0-3 reserved points each, 1-12 EIPs with random homes (each home
 * gets enough home points), every node in a random state since a random time, and every EIP
 * observed unassociated, at home, on a random reserved or primary point, or outside the cluster.
 */
final class RandomCluster {
  static final long NOW = Duration.ofMinutes(10).toNanos();

  final ClusterTopology topology;
  final Map<NodeId, MemberEntry> members;
  final Map<String, ObservedAssociation> observed;
  final List<FailoverStrategy> strategies;
  private final Random random;

  RandomCluster(long seed) {
    random = new Random(seed);
    int nodeCount = 1 + random.nextInt(8);
    int eipCount = 1 + random.nextInt(12);
    List<NodeId> homes = new ArrayList<>();
    for (int k = 0; k < eipCount; k++) {
      homes.add(NodeId.of(Scenario.name(random.nextInt(nodeCount))));
    }
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      NodeId id = NodeId.of(Scenario.name(i));
      int homed = Collections.frequency(homes, id);
      List<AttachmentPoint> home = new ArrayList<>();
      for (int k = 0; k < Math.max(1, homed + random.nextInt(2)); k++) {
        home.add(AttachmentPoint.primary(Scenario.eni(i), "10.0." + (i + 1) + "." + (10 + k)));
      }
      List<AttachmentPoint> reserved = new ArrayList<>();
      int reservedCount = random.nextInt(4);
      for (int j = 0; j < reservedCount; j++) {
        reserved.add(AttachmentPoint.reserved(Scenario.eni(i), "10.0." + (i + 1) + "." + (100 + j)));
      }
      nodes.add(new NodeSpec(id, home, reserved));
    }
    topology = build(nodes, homes, false);
    members = new LinkedHashMap<>();
    MemberState[] states = MemberState.values();
    for (NodeSpec n : nodes) {
      members.put(n.id(), MemberEntry.of(states[random.nextInt(states.length)], (long) (random.nextDouble() * NOW)));
    }
    observed = new LinkedHashMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      observed.put(eip.allocationId(), randomObservation(eip, nodes));
    }
    Duration delay = Duration.ofSeconds(random.nextInt(3) * 60L);
    strategies = List.of(FailoverStrategies.homeWithFailback(delay), FailoverStrategies.sticky(),
        FailoverStrategies.priority(randomLists(), delay), FailoverStrategies.balanced(delay));
  }

  private ClusterTopology build(List<NodeSpec> nodes, List<NodeId> homes, boolean shuffleNodes) {
    List<NodeSpec> order = new ArrayList<>(nodes);
    if (shuffleNodes) {
      Collections.shuffle(order, random);
    }
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("prop");
    order.forEach(b::node);
    for (int k = 0; k < homes.size(); k++) {
      b.elasticIp(new ElasticIp(Scenario.eip(k + 1), "52.0.0." + (k + 1), homes.get(k)));
    }
    return b.build();
  }

  private ObservedAssociation randomObservation(ElasticIp eip, List<NodeSpec> nodes) {
    String id = eip.allocationId();
    NodeSpec n = nodes.get(random.nextInt(nodes.size()));
    int kind = random.nextInt(5);
    if (kind == 1) {
      AttachmentPoint h = topology.homePoint(eip);
      return ObservedAssociation.associated(id, "eipassoc-" + id, h.networkInterfaceId(), h.privateIp());
    }
    if (kind == 2 && !n.reservedPoints().isEmpty()) {
      AttachmentPoint r = n.reservedPoints().get(random.nextInt(n.reservedPoints().size()));
      return ObservedAssociation.associated(id, "eipassoc-" + id, r.networkInterfaceId(), r.privateIp());
    }
    if (kind == 3) {
      AttachmentPoint h = n.homePoints().get(random.nextInt(n.homePoints().size()));
      return ObservedAssociation.associated(id, "eipassoc-" + id, h.networkInterfaceId(), h.privateIp());
    }
    if (kind == 4) {
      return ObservedAssociation.associated(id, "eipassoc-" + id, "eni-ffff", "192.168.0.1");
    }
    return ObservedAssociation.unassociated(id);
  }

  /** For each EIP: its home, then a random selection of the other nodes in random order. */
  private Map<String, List<NodeId>> randomLists() {
    Map<String, List<NodeId>> lists = new HashMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      List<NodeId> others = new ArrayList<>(topology.nodeIds());
      others.remove(eip.home());
      Collections.shuffle(others, random);
      List<NodeId> list = new ArrayList<>();
      list.add(eip.home());
      list.addAll(others.subList(0, random.nextInt(others.size() + 1)));
      lists.put(eip.allocationId(), list);
    }
    return lists;
  }

  PlacementInput input() {
    return new PlacementInput(topology, new MembershipView(7, topology.nodeIds().get(0), members), observed, NOW);
  }

  /** The same input, with every map built in a different insertion order (and nodes added shuffled). */
  PlacementInput shuffledInput() {
    List<NodeSpec> nodes = new ArrayList<>(topology.nodes().values());
    List<NodeId> homes = topology.elasticIps().stream().map(ElasticIp::home).toList();
    ClusterTopology again = build(nodes, homes, true);
    List<Map.Entry<NodeId, MemberEntry>> m = new ArrayList<>(members.entrySet());
    Collections.shuffle(m, random);
    Map<NodeId, MemberEntry> shuffledMembers = new LinkedHashMap<>();
    m.forEach(e -> shuffledMembers.put(e.getKey(), e.getValue()));
    List<Map.Entry<String, ObservedAssociation>> o = new ArrayList<>(observed.entrySet());
    Collections.shuffle(o, random);
    Map<String, ObservedAssociation> shuffledObserved = new LinkedHashMap<>();
    o.forEach(e -> shuffledObserved.put(e.getKey(), e.getValue()));
    NodeId self = again.nodeIds().get(again.nodeIds().size() - 1);
    return new PlacementInput(again, new MembershipView(8, self, shuffledMembers), shuffledObserved, NOW);
  }
}
