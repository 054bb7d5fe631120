package io.eipfailover.core;

import java.util.Objects;

/**
 * A {@link SplitBrainGuard}'s answer, always with a reason a person can read in the logs.
 *
 * @param allowed whether the takeover may proceed
 * @param reason why, e.g. "quorum 2 of 3 reachable" or "gateway 10.0.0.1:443 unreachable"
 */
public record GuardVerdict(boolean allowed, String reason) {
  public GuardVerdict {
    Objects.requireNonNull(reason, "reason");
  }

  public static GuardVerdict allow(String reason) {
    return new GuardVerdict(true, reason);
  }

  public static GuardVerdict deny(String reason) {
    return new GuardVerdict(false, reason);
  }

  @Override
  public String toString() {
    return (allowed ? "ALLOW: " : "DENY: ") + reason;
  }
}
