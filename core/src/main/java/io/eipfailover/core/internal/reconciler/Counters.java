package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.FailoverStatus;

/** Running totals of the reconciler, as an immutable value; see {@link FailoverStatus.Counters}. */
record Counters(long takeovers, long takeoverFailures, long guardDenials, long describeCalls, long describeFailures,
    long budgetDeferrals, long localPauses) {
  static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

  Counters takeover() {
    return new Counters(takeovers + 1, takeoverFailures, guardDenials, describeCalls, describeFailures,
        budgetDeferrals, localPauses);
  }

  Counters takeoverFailure() {
    return new Counters(takeovers, takeoverFailures + 1, guardDenials, describeCalls, describeFailures,
        budgetDeferrals, localPauses);
  }

  Counters guardDenial() {
    return new Counters(takeovers, takeoverFailures, guardDenials + 1, describeCalls, describeFailures,
        budgetDeferrals, localPauses);
  }

  Counters describeCall() {
    return new Counters(takeovers, takeoverFailures, guardDenials, describeCalls + 1, describeFailures,
        budgetDeferrals, localPauses);
  }

  Counters describeFailure() {
    return new Counters(takeovers, takeoverFailures, guardDenials, describeCalls, describeFailures + 1,
        budgetDeferrals, localPauses);
  }

  Counters budgetDeferral() {
    return new Counters(takeovers, takeoverFailures, guardDenials, describeCalls, describeFailures,
        budgetDeferrals + 1, localPauses);
  }

  Counters localPause() {
    return new Counters(takeovers, takeoverFailures, guardDenials, describeCalls, describeFailures,
        budgetDeferrals, localPauses + 1);
  }

  FailoverStatus.Counters snapshot() {
    return new FailoverStatus.Counters(takeovers, takeoverFailures, guardDenials, describeCalls, describeFailures,
        budgetDeferrals, localPauses);
  }
}
