package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.PlacementInput;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which attachment points are taken during one placement. A point is taken for an EIP when another
 * EIP is observed on it (EC2 carries one EIP per private IP, so we never plan to collide with one
 * that is there now) or when this placement already put another EIP on it.
 *
 * <p>Built fresh for every {@code place()} call; not thread-safe.
 */
final class PointLedger {
  private final PlacementInput input;
  /**
   * Private IP to the allocation ids observed there (more than one only in corrupt observations).
   * Keyed by private IP alone: private IPs are unique in a VPC (and the topology validates it), and
   * a string the points already hold costs no allocation per lookup.
   */
  private final Map<String, Set<String>> observedAt = new HashMap<>();
  private final Set<String> placed = new HashSet<>();

  PointLedger(PlacementInput input) {
    this.input = input;
    for (ObservedAssociation a : input.observed().values()) {
      if (a.isAssociated()) {
        observedAt.computeIfAbsent(a.privateIp().get(), k -> new HashSet<>()).add(a.allocationId());
      }
    }
  }

  /** Whether {@code point} may receive {@code eip}: nobody else is there now or planned there. */
  boolean isFree(AttachmentPoint point, ElasticIp eip) {
    String key = point.privateIp();
    if (placed.contains(key)) {
      return false;
    }
    Set<String> there = observedAt.get(key);
    return there == null || (there.size() == 1 && there.contains(eip.allocationId()));
  }

  /** The lowest-index reserved point of {@code node} that is free for {@code eip}. */
  Optional<AttachmentPoint> freeReserved(NodeId node, ElasticIp eip) {
    for (AttachmentPoint p : input.topology().node(node).reservedPoints()) {
      if (isFree(p, eip)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code node} has a reserved point free for {@code eip}. */
  boolean hasFreeReserved(NodeId node, ElasticIp eip) {
    return freeReserved(node, eip).isPresent();
  }

  void claim(AttachmentPoint point) {
    placed.add(point.privateIp());
  }
}
