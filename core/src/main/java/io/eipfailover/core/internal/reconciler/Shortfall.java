package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.Placement;
import io.eipfailover.core.event.PlacementShortfall;
import io.eipfailover.core.internal.reconciler.Effect.Log.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports the EIPs a plan leaves where they are (no eligible node has a free reserved IP for them)
 * when that set changes, so scarce reserved IPs degrade loudly rather than silently. Not while
 * takeovers from unreachable peers are held back: then every unheard peer counts as gone and the
 * shortfall would be a false alarm. Pure.
 */
final class Shortfall {
  private Shortfall() {}

  static Step report(ReconcilerSettings settings, ReconcilerState s, Placement plan, Stamp at) {
    if (s.suppression().isActive() || s.view().epoch() == 0) {
      return Step.of(s);
    }
    List<ElasticIp> left = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (ElasticIp e : settings.topology().elasticIps()) {
      if (plan.targetOf(e).isEmpty()) {
        left.add(e);
        ids.add(e.allocationId());
      }
    }
    if (ids.equals(s.unplaced())) {
      return Step.of(s);
    }
    Effect.Log log = left.isEmpty() ? new Effect.Log(Level.INFO, "every EIP is placed again")
        : new Effect.Log(Level.WARN, "the plan leaves " + left.size() + " EIP(s) where they are, no eligible node has"
            + " a free reserved IP for them: " + ids);
    return Step.of(s.withUnplaced(ids), log,
        new Effect.Emit(new PlacementShortfall(settings.self(), at.wallClock(), left)));
  }
}
