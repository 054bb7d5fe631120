package io.eipfailover.examples.custom;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A user-written {@link SplitBrainGuard}: an operator's kill switch. While the flag file exists
 * (e.g. {@code touch /etc/eipfailover/no-takeover} during a network change that will make peers
 * look dead), no takeover from an unreachable peer happens; otherwise the decision is {@code
 * next}'s. Standby hand-offs and fail-backs between reachable nodes are not guarded, so
 * maintenance still works. Never throws (a file-system error counts as "flag present": deny).
 * Thread-safe.
 */
public final class KillSwitchGuard implements SplitBrainGuard {
  private final Path flag;
  private final SplitBrainGuard next;

  public KillSwitchGuard(Path flag, SplitBrainGuard next) {
    this.flag = Objects.requireNonNull(flag, "flag must not be null");
    this.next = Objects.requireNonNull(next, "next must not be null");
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    boolean present;
    try {
      present = Files.exists(flag) || !Files.isDirectory(flag.toAbsolutePath().getParent());
    } catch (SecurityException e) {
      present = true;
    }
    if (present) {
      return GuardVerdict.deny("kill switch " + flag + " is set (or its directory is unreadable)");
    }
    return next.evaluate(request);
  }

  @Override
  public String toString() {
    return "killSwitch(" + flag + ", then " + next + ")";
  }
}
