package io.eipfailover.core.internal.guard;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.util.List;
import java.util.Objects;

/** Helpers for the combinators: argument checks and a guard call that cannot throw. */
final class Guards {
  private Guards() {}

  /** Copies {@code guards}, rejecting a null or empty array and null elements; names {@code op}. */
  static List<SplitBrainGuard> copy(String op, SplitBrainGuard[] guards) {
    Objects.requireNonNull(guards, op + " guards must not be null");
    if (guards.length == 0) {
      throw new IllegalArgumentException(op + " needs at least one guard, was none");
    }
    for (int i = 0; i < guards.length; i++) {
      if (guards[i] == null) {
        throw new IllegalArgumentException(op + " guard #" + i + " must not be null");
      }
    }
    return List.of(guards);
  }

  /**
   * Asks {@code guard}; a guard that throws or returns null counts as a denial whose reason says so,
   * which is the safe reading: when in doubt, do not take an EIP.
   */
  static GuardVerdict ask(SplitBrainGuard guard, TakeoverRequest request) {
    try {
      GuardVerdict v = guard.evaluate(request);
      return v != null ? v : GuardVerdict.deny(guard + " returned no verdict");
    } catch (RuntimeException e) {
      return GuardVerdict.deny(guard + " failed: " + TcpProbe.describe(e));
    }
  }
}
