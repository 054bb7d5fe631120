package io.eipfailover.examples.custom;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user-written {@link FailoverStrategy}, to show the extension point: an EIP whose home node is
 * alive lives at home (immediate fail-back); an EIP held by a live (alive or suspect) node stays;
 * an orphaned EIP goes to the alive node that carries the fewest EIPs so far (ties: lowest node
 * id), on its first free reserved IP.
 *
 * <p>It keeps the contract every strategy must keep: a pure function of its input (no clock, no
 * I/O, no randomness; EIPs decided in topology order), only ALIVE nodes receive an EIP they do not
 * hold, a target point belongs to the target node, and no point is used twice or while another
 * EIP is observed on it. Thread-safe (stateless).
 */
public final class LeastLoadedStrategy implements FailoverStrategy {
  @Override
  public Placement place(PlacementInput input) {
    ClusterTopology topology = input.topology();
    Map<String, Placement.Target> targets = new LinkedHashMap<>();
    Map<NodeId, Integer> load = new HashMap<>();
    Set<String> used = new HashSet<>();
    // Points where some EIP is observed now are taken unless that EIP is placed elsewhere; keep it simple
    // and conservative: never target a point holding another EIP.
    Map<String, String> observedOn = new HashMap<>();
    for (ObservedAssociation o : input.observed().values()) {
      o.privateIp().ifPresent(ip -> observedOn.put(ip, o.allocationId()));
    }
    Map<String, ElasticIp> orphans = new LinkedHashMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      AttachmentPoint home = topology.homePoint(eip);
      Optional<NodeId> holder = input.holderOf(eip);
      if (input.view().stateOf(eip.home()) == MemberState.ALIVE) {
        place(targets, load, used, eip, eip.home(), home);
      } else if (holder.isPresent() && isLive(input.view().stateOf(holder.get()))) {
        ObservedAssociation o = input.observed().get(eip.allocationId());
        AttachmentPoint at = pointOf(topology.node(holder.get()), o.privateIp().get());
        place(targets, load, used, eip, holder.get(), at);
      } else {
        orphans.put(eip.allocationId(), eip);
      }
    }
    for (ElasticIp eip : orphans.values()) {
      NodeId best = null;
      AttachmentPoint bestPoint = null;
      for (NodeSpec n : topology.nodes().values()) {
        if (input.view().stateOf(n.id()) != MemberState.ALIVE) {
          continue;
        }
        Optional<AttachmentPoint> free = n.reservedPoints().stream()
            .filter(p -> !used.contains(p.privateIp()))
            .filter(p -> !observedOn.containsKey(p.privateIp()) || observedOn.get(p.privateIp()).equals(eip.allocationId()))
            .findFirst();
        if (free.isPresent() && (best == null || load.getOrDefault(n.id(), 0) < load.getOrDefault(best, 0))) {
          best = n.id();
          bestPoint = free.get();
        }
      }
      if (best != null) {
        place(targets, load, used, eip, best, bestPoint);
      }
    }
    return new Placement(targets);
  }

  private static void place(Map<String, Placement.Target> targets, Map<NodeId, Integer> load, Set<String> used,
      ElasticIp eip, NodeId node, AttachmentPoint point) {
    targets.put(eip.allocationId(), new Placement.Target(node, point));
    load.merge(node, 1, Integer::sum);
    used.add(point.privateIp());
  }

  private static boolean isLive(MemberState s) {
    return s == MemberState.ALIVE || s == MemberState.SUSPECT;
  }

  private static AttachmentPoint pointOf(NodeSpec node, String privateIp) {
    for (AttachmentPoint p : node.homePoints()) {
      if (p.privateIp().equals(privateIp)) {
        return p;
      }
    }
    for (AttachmentPoint p : node.reservedPoints()) {
      if (p.privateIp().equals(privateIp)) {
        return p;
      }
    }
    throw new IllegalStateException(node.id() + " does not own " + privateIp);
  }

  @Override
  public String toString() {
    return "leastLoaded";
  }
}
