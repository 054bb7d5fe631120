package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.NodeId;
import java.util.Collections;
import java.util.List;

/** What a strategy wants for one EIP; {@link AbstractPlacementStrategy} turns it into a point. */
sealed interface Decision {
  /** Keep the EIP on its current (keepable) holder. */
  record Stay() implements Decision {}

  /** Put the EIP on its home point (the home node must be ALIVE, or already hold it). */
  record Home() implements Decision {}

  /** Put the EIP on a free reserved point of the first of {@code candidates} that has one. */
  record Seek(List<NodeId> candidates) implements Decision {
    public Seek {
      // Not copied: rankings are produced lazily and read only as far as a free point is found.
      candidates = Collections.unmodifiableList(candidates);
    }
  }

  /** No eligible node: leave the EIP out of the placement. */
  record Leave() implements Decision {}

  Decision STAY = new Stay();
  Decision HOME = new Home();
  Decision LEAVE = new Leave();

  static Decision seek(List<NodeId> candidates) {
    return candidates.isEmpty() ? LEAVE : new Seek(candidates);
  }
}
