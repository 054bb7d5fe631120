package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Priority lists per EIP (keepalived priorities): an EIP belongs to the first ALIVE node of its list
 * that has a point for it; a better-ranked node pulls it once ALIVE for the fail-back delay; nodes
 * outside the list never take it.
 *
 * <p>The lists are checked for shape when built and against the topology on first use (and again
 * whenever a different topology is passed). Immutable apart from that check's cache; thread-safe.
 */
public final class PriorityStrategy extends AbstractPlacementStrategy {
  private final Map<String, List<NodeId>> lists;
  private final Duration failbackDelay;
  private final long failbackNanos;
  private volatile ClusterTopology checkedTopology;

  public PriorityStrategy(Map<String, List<NodeId>> nodesByAllocationId, Duration failbackDelay) {
    this.lists = copyValidated(nodesByAllocationId);
    this.failbackDelay = Delays.requireNonNegative("failbackDelay", failbackDelay);
    this.failbackNanos = Delays.toNanos(failbackDelay);
  }

  private static Map<String, List<NodeId>> copyValidated(Map<String, List<NodeId>> byId) {
    Objects.requireNonNull(byId, "nodesByAllocationId must not be null");
    if (byId.isEmpty()) {
      throw new IllegalArgumentException("nodesByAllocationId must not be empty, was {}");
    }
    Map<String, List<NodeId>> copy = new TreeMap<>();
    for (Map.Entry<String, List<NodeId>> e : byId.entrySet()) {
      String id = e.getKey();
      if (id == null) {
        throw new IllegalArgumentException("nodesByAllocationId must not have a null allocation id");
      }
      List<NodeId> list = e.getValue();
      if (list == null || list.isEmpty()) {
        throw new IllegalArgumentException(
            "nodesByAllocationId[" + id + "] must name at least one node, was " + list);
      }
      Set<NodeId> seen = new HashSet<>();
      for (NodeId n : list) {
        if (n == null) {
          throw new IllegalArgumentException("nodesByAllocationId[" + id + "] must not contain null, was " + list);
        }
        if (!seen.add(n)) {
          throw new IllegalArgumentException(
              "nodesByAllocationId[" + id + "] names node '" + n + "' twice, was " + list);
        }
      }
      copy.put(id, List.copyOf(list));
    }
    return copy;
  }

  @Override
  void checkTopology(ClusterTopology topology) {
    ClusterTopology checked = checkedTopology;
    if (topology == checked || topology.equals(checked)) {
      return;
    }
    for (ElasticIp eip : topology.elasticIps()) {
      List<NodeId> list = lists.get(eip.allocationId());
      if (list == null) {
        throw new IllegalArgumentException(
            "the " + this + " strategy has no node list for elastic IP " + eip.allocationId()
                + "; every EIP of the topology needs one, lists were given for " + lists.keySet());
      }
      for (NodeId n : list) {
        if (!topology.contains(n)) {
          throw new IllegalArgumentException(
              "nodesByAllocationId[" + eip.allocationId() + "] names '" + n + "', which is not a node of "
                  + topology.nodeIds());
        }
      }
      if (!list.get(0).equals(eip.home())) {
        throw new IllegalArgumentException(
            "nodesByAllocationId[" + eip.allocationId() + "] must start with the EIP's home node '"
                + eip.home() + "', was " + list);
      }
    }
    for (String id : lists.keySet()) {
      if (topology.elasticIp(id).isEmpty()) {
        throw new IllegalArgumentException(
            "nodesByAllocationId has a list for " + id + ", which is not an elastic IP of the topology");
      }
    }
    checkedTopology = topology;
  }

  @Override
  Decision decide(EipContext eip) {
    List<NodeId> list = lists.get(eip.eip().allocationId());
    int best = -1;
    for (int i = 0; i < list.size() && best < 0; i++) {
      NodeId n = list.get(i);
      if (eip.isEligible(n) && (n.equals(eip.home()) || eip.hasFreeReserved(n))) {
        best = i;
      }
    }
    if (eip.holderKeepable()) {
      int holderRank = list.indexOf(eip.holder().get());
      boolean holderRanksBetter = holderRank >= 0 && holderRank <= best;
      if (best < 0 || holderRanksBetter || eip.nanosInState(list.get(best)) < failbackNanos) {
        return Decision.STAY;
      }
    }
    if (best < 0) {
      return Decision.LEAVE;
    }
    if (best == 0) {
      return Decision.HOME;
    }
    List<NodeId> candidates = new ArrayList<>();
    for (NodeId n : list.subList(best, list.size())) {
      if (eip.isEligible(n)) {
        candidates.add(n);
      }
    }
    return Decision.seek(candidates);
  }

  @Override
  public String toString() {
    return "priority(" + lists + ", " + failbackDelay + ")";
  }
}
