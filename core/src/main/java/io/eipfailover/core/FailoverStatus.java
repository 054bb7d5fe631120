package io.eipfailover.core;

import io.eipfailover.core.event.FailoverTimeline;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one node's failover state, for status pages and tests.
 *
 * @param self this node
 * @param running whether the failover is started and not closed
 * @param dryRun whether writes are suppressed
 * @param localStatus what this node announces
 * @param view the latest membership view
 * @param observed where each EIP was associated at the last describe, by allocation id
 * @param plan the last computed placement
 * @param lastTakeover the timeline of the last takeover this node made, if any
 * @param counters running totals since start
 */
public record FailoverStatus(
    NodeId self,
    boolean running,
    boolean dryRun,
    AnnouncedStatus localStatus,
    MembershipView view,
    Map<String, ObservedAssociation> observed,
    Placement plan,
    Optional<FailoverTimeline> lastTakeover,
    Counters counters) {

  public FailoverStatus {
    Objects.requireNonNull(self, "self");
    observed = Map.copyOf(observed);
  }

  /**
   * Running totals.
   *
   * @param takeovers successful associate calls made by this node
   * @param takeoverFailures failed associate calls
   * @param guardDenials takeovers refused by the guard
   * @param describeCalls describe calls made
   * @param describeFailures describe calls that failed
   * @param budgetDeferrals calls deferred because the EC2 call budget was exhausted
   * @param localPauses times this node detected that it had itself been paused
   */
  public record Counters(
      long takeovers, long takeoverFailures, long guardDenials, long describeCalls, long describeFailures,
      long budgetDeferrals, long localPauses) {}
}
