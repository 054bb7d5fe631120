package io.eipfailover.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link FailoverStrategy}'s answer: for each EIP, the node and attachment point it should be
 * associated with. An EIP with no eligible node is absent (it stays where it is).
 *
 * @param targets by allocation id
 */
public record Placement(Map<String, Target> targets) {
  public Placement {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  /** Where one EIP should be. */
  public record Target(NodeId node, AttachmentPoint point) {
    public Target {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(point, "point");
    }

    @Override
    public String toString() {
      return node + ":" + point;
    }
  }

  /** The target of one EIP, if the strategy placed it. */
  public Optional<Target> targetOf(ElasticIp eip) {
    return Optional.ofNullable(targets.get(eip.allocationId()));
  }
}
