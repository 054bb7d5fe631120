package io.eipfailover.benchmarks.jmh;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A large synthetic cluster for the placement and planning benchmarks: {@code nodes} nodes, each the
 * home of {@code eipsPerNode} EIPs (one primary private IP each) with as many reserved private IPs,
 * and every {@code nodes/dead}-th node dead. EC2 is observed in the state right after the deaths:
 * every EIP still on its home point, the dead nodes' EIPs included, so a placement must move them.
 * Immutable once built.
 */
public final class ScaleCluster {
  /** Time the view was taken, far past every fail-back delay. */
  public static final long NOW = 3_600_000_000_000L;

  private final ClusterTopology topology;
  private final MembershipView view;
  private final MembershipView allAliveView;
  private final Map<String, ObservedAssociation> observed;
  private final Set<NodeId> dead;

  private ScaleCluster(ClusterTopology topology, MembershipView view, MembershipView allAliveView,
      Map<String, ObservedAssociation> observed, Set<NodeId> dead) {
    this.topology = topology;
    this.view = view;
    this.allAliveView = allAliveView;
    this.observed = observed;
    this.dead = dead;
  }

  /** The issue's target shape: 64 nodes, 1,024 EIPs, 8 nodes dead, seen from {@code node-00}. */
  public static ScaleCluster issueTarget() {
    return of(64, 16, 8);
  }

  /** Builds a cluster; dead nodes are spread evenly (never node 0, the observer). */
  public static ScaleCluster of(int nodes, int eipsPerNode, int deadCount) {
    if (nodes < 2 || nodes > 250) {
      throw new IllegalArgumentException("nodes must be between 2 and 250, was " + nodes);
    }
    if (eipsPerNode < 1 || eipsPerNode > 120) {
      throw new IllegalArgumentException("eipsPerNode must be between 1 and 120, was " + eipsPerNode);
    }
    if (deadCount < 0 || deadCount >= nodes) {
      throw new IllegalArgumentException("deadCount must be between 0 and " + (nodes - 1) + ", was " + deadCount);
    }
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("bench");
    Map<String, ObservedAssociation> observed = new HashMap<>();
    for (int n = 0; n < nodes; n++) {
      NodeId id = nodeId(n);
      String eni = String.format("eni-%08x", n + 1);
      List<AttachmentPoint> homes = new ArrayList<>();
      List<AttachmentPoint> reserved = new ArrayList<>();
      for (int i = 0; i < eipsPerNode; i++) {
        homes.add(AttachmentPoint.primary(eni, "10." + n + ".0." + (i + 1)));
        reserved.add(AttachmentPoint.reserved(eni, "10." + n + ".1." + (i + 1)));
      }
      b.node(new NodeSpec(id, homes, reserved));
      for (int i = 0; i < eipsPerNode; i++) {
        int k = n * eipsPerNode + i;
        String alloc = String.format("eipalloc-%08x", k + 1);
        b.elasticIp(new ElasticIp(alloc, "198." + (18 + k / 65_536) + "." + (k / 256 % 256) + "." + (k % 256), id));
        observed.put(alloc, ObservedAssociation.associated(alloc, "eipassoc-" + (k + 1), eni, homes.get(i).privateIp()));
      }
    }
    Set<NodeId> dead = new LinkedHashSet<>();
    for (int d = 0; d < deadCount; d++) {
      dead.add(nodeId(1 + d * (nodes - 1) / Math.max(1, deadCount)));
    }
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    Map<NodeId, MemberEntry> allAlive = new TreeMap<>();
    for (int n = 0; n < nodes; n++) {
      NodeId id = nodeId(n);
      members.put(id, MemberEntry.of(dead.contains(id) ? MemberState.DEAD : MemberState.ALIVE, 0));
      allAlive.put(id, MemberEntry.of(MemberState.ALIVE, 0));
    }
    return new ScaleCluster(b.build(), new MembershipView(2, nodeId(0), members),
        new MembershipView(1, nodeId(0), allAlive), Map.copyOf(observed), Set.copyOf(dead));
  }

  /** {@code node-00}, {@code node-01}, ... */
  public static NodeId nodeId(int n) {
    return NodeId.of(String.format("node-%02d", n));
  }

  public ClusterTopology topology() {
    return topology;
  }

  /** The view with the dead nodes DEAD. */
  public MembershipView view() {
    return view;
  }

  /** The view before the deaths. */
  public MembershipView allAliveView() {
    return allAliveView;
  }

  public Map<String, ObservedAssociation> observed() {
    return observed;
  }

  public Set<NodeId> dead() {
    return dead;
  }

  /** The placement input right after the deaths. */
  public PlacementInput afterDeaths() {
    return new PlacementInput(topology, view, observed, NOW);
  }

  /** The placement input of a healthy cluster (nothing to move). */
  public PlacementInput steadyState() {
    return new PlacementInput(topology, allAliveView, observed, NOW);
  }
}
