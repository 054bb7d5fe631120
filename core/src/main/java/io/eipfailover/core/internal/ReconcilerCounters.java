package io.eipfailover.core.internal;

import io.eipfailover.core.FailoverStatus;

/** Running totals of the reconciler. Mutated on the loop only; read through {@link #snapshot()}. */
final class ReconcilerCounters {
  long takeovers;
  long takeoverFailures;
  long guardDenials;
  long describeCalls;
  long describeFailures;
  int describeFailureStreak;
  long budgetDeferrals;
  long localPauses;

  FailoverStatus.Counters snapshot() {
    return new FailoverStatus.Counters(takeovers, takeoverFailures, guardDenials, describeCalls, describeFailures,
        budgetDeferrals, localPauses);
  }
}
