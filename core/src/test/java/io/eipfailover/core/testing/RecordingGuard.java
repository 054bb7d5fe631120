package io.eipfailover.core.testing;

import com.google.common.base.Ticker;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Wraps a node's guard and appends every verdict (a thrown exception counts as a denial, as the
 * reconciler treats it) to a shared log, so {@link InvariantChecker} can tell whether a takeover
 * had the guard's consent.
 */
public final class RecordingGuard implements SplitBrainGuard {
  private final NodeId node;
  private final SplitBrainGuard delegate;
  private final Ticker ticker;
  private final List<GuardRecord> log;
  private final LongSupplier sequence;

  /** Records into {@code log}, numbering each verdict with {@code sequence}. */
  public RecordingGuard(NodeId node, SplitBrainGuard delegate, Ticker ticker, List<GuardRecord> log,
      LongSupplier sequence) {
    this.node = Objects.requireNonNull(node, "node");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.log = Objects.requireNonNull(log, "log");
    this.sequence = Objects.requireNonNull(sequence, "sequence");
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    GuardVerdict verdict;
    try {
      verdict = delegate.evaluate(request);
    } catch (RuntimeException e) {
      log.add(new GuardRecord(ticker.read(), sequence.getAsLong(), node, request, GuardVerdict.deny("guard threw " + e)));
      throw e;
    }
    log.add(new GuardRecord(ticker.read(), sequence.getAsLong(), node, request,
        verdict != null ? verdict : GuardVerdict.deny("guard returned no verdict")));
    return verdict;
  }

  @Override
  public String toString() {
    return "recording(" + delegate + ")";
  }
}
