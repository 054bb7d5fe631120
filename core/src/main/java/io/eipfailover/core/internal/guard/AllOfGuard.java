package io.eipfailover.core.internal.guard;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Allows only if every guard allows, asking in order and stopping at the first denial (so a cheap
 * guard listed first spares the slow ones). Thread-safe if its guards are.
 */
public final class AllOfGuard implements SplitBrainGuard {
  private final List<SplitBrainGuard> guards;

  public AllOfGuard(SplitBrainGuard... guards) {
    this.guards = Guards.copy("allOf", guards);
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    List<String> reasons = new ArrayList<>();
    for (SplitBrainGuard g : guards) {
      GuardVerdict v = Guards.ask(g, request);
      if (!v.allowed()) {
        return v;
      }
      reasons.add(v.reason());
    }
    return GuardVerdict.allow(String.join("; ", reasons));
  }

  @Override
  public String toString() {
    return guards.stream().map(Object::toString).collect(Collectors.joining(", ", "allOf(", ")"));
  }
}
