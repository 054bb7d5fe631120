package io.eipfailover.core.internal.guard;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Allows if any guard allows, asking in order and stopping at the first that does; denies with
 * every guard's reason otherwise. Thread-safe if its guards are.
 */
public final class AnyOfGuard implements SplitBrainGuard {
  private final List<SplitBrainGuard> guards;

  public AnyOfGuard(SplitBrainGuard... guards) {
    this.guards = Guards.copy("anyOf", guards);
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    List<String> reasons = new ArrayList<>();
    for (SplitBrainGuard g : guards) {
      GuardVerdict v = Guards.ask(g, request);
      if (v.allowed()) {
        return v;
      }
      reasons.add(v.reason());
    }
    return GuardVerdict.deny(String.join("; ", reasons));
  }

  @Override
  public String toString() {
    return guards.stream().map(Object::toString).collect(Collectors.joining(", ", "anyOf(", ")"));
  }
}
