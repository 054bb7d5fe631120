package io.eipfailover.core.internal.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rendezvous weights are part of the contract between versions: during a rolling upgrade old and
 * new nodes must compute the same placement, so the weights are pinned to known values.
 */
class RendezvousTest {
  private static final List<NodeId> NODES = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"), NodeId.of("n4"));

  @Test
  void weightsAreTheSameInEveryVersion() {
    assertEquals(-1948606373129906458L, Rendezvous.weight("eipalloc-0a1", NodeId.of("n1")));
    assertEquals(-1730696525934192556L, Rendezvous.weight("eipalloc-0a1", NodeId.of("lb-b")));
  }

  @Test
  void rankOrdersByDescendingWeightAndIsPinned() {
    List<NodeId> ranked = Rendezvous.rank("eipalloc-0a1", NODES);
    assertEquals(List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n4"), NodeId.of("n3")), ranked);
    List<NodeId> byWeight = NODES.stream()
        .sorted((x, y) -> Long.compareUnsigned(Rendezvous.weight("eipalloc-0a1", y), Rendezvous.weight("eipalloc-0a1", x)))
        .toList();
    assertEquals(byWeight, ranked, "rank is the weights' order (unsigned, highest first), whatever the input order");
    assertEquals(ranked, Rendezvous.rank("eipalloc-0a1", List.of(NODES.get(3), NODES.get(1), NODES.get(0), NODES.get(2))));
  }
}
