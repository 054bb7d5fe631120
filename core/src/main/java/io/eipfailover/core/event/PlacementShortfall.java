package io.eipfailover.core.event;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The plan leaves {@code unplaced} where they are: no eligible node has a free reserved IP for them
 * (more nodes failed than the reserved IPs cover, or no node is eligible at all). Which EIPs go
 * without is predictable: the strategy places EIPs in topology order, so those later in it are the
 * ones left out. Reported when the set changes (an empty list: every EIP is placed again), and not
 * while takeovers from unreachable peers are held back (start-up grace, a local pause).
 */
public record PlacementShortfall(NodeId self, Instant at, List<ElasticIp> unplaced) implements FailoverEvent {
  public PlacementShortfall {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(at, "at");
    unplaced = List.copyOf(unplaced);
  }
}
