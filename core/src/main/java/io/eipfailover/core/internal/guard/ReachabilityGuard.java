package io.eipfailover.core.internal.guard;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Heartbeat's {@code ping} node over TCP: allows when any target accepts a connection. Targets are
 * tried in order and the first answer wins, so a healthy node decides after one round trip; a cut-off
 * node waits up to {@code timeout} per target. Immutable and thread-safe.
 */
public final class ReachabilityGuard implements SplitBrainGuard {
  private final List<InetSocketAddress> targets;
  private final Duration timeout;

  public ReachabilityGuard(List<InetSocketAddress> targets, Duration timeout) {
    Objects.requireNonNull(targets, "targets must not be null");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must name at least one address, was []");
    }
    for (InetSocketAddress t : targets) {
      if (t == null) {
        throw new IllegalArgumentException("targets must not contain null, was " + targets);
      }
    }
    this.targets = List.copyOf(targets);
    this.timeout = TcpProbe.requireTimeout("timeout", timeout);
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    List<String> failures = new ArrayList<>();
    for (InetSocketAddress target : targets) {
      TcpProbe.Result r = TcpProbe.connect(target, timeout);
      if (r.connected()) {
        return GuardVerdict.allow("reachability: " + TcpProbe.format(target) + " answered");
      }
      failures.add(r.detail());
    }
    return GuardVerdict.deny("reachability: no target answered: " + String.join("; ", failures));
  }

  @Override
  public String toString() {
    return "reachability(" + targets.stream().map(TcpProbe::format).toList() + ", " + timeout + ")";
  }
}
