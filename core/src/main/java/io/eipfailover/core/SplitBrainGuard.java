package io.eipfailover.core;

/**
 * Decides whether this node may take an EIP from a peer it can no longer hear. Asked only for
 * takeovers from a holder that is not reachable (suspect, dead, or unknown); fail-back and standby
 * hand-offs between reachable nodes do not ask.
 *
 * <p>A guard may block for a short, bounded time (a TCP connect with a time-out); it must never
 * throw for an expected failure: it returns {@link GuardVerdict#deny} with a reason instead. If it
 * throws anyway, the reconciler treats that as a denial. Implementations are thread-safe. Built-in
 * guards: {@link SplitBrainGuards}.
 */
@FunctionalInterface
public interface SplitBrainGuard {
  GuardVerdict evaluate(TakeoverRequest request);
}
