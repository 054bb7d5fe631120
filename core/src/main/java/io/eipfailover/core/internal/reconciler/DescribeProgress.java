package io.eipfailover.core.internal.reconciler;

/**
 * The describe side of the loop: the one describe in flight, its back-off, and how fresh the next
 * observation must be.
 *
 * @param inFlightSince when the describe now in flight was sent ({@link Times#NEVER}: none)
 * @param retryAt no describe before this reading (back-off after failures)
 * @param failureStreak consecutive failed describes
 * @param freshFrom an observation from a describe sent before this reading is stale: something
 *     (start, a relevant view change, a status change, {@code reconcileNow}, a pause) asked for a
 *     describe made after it
 * @param resyncAt when the periodic resync is due, counted from the last describe that answered
 *     ({@link Times#NEVER} before the first)
 */
public record DescribeProgress(long inFlightSince, long retryAt, int failureStreak, long freshFrom, long resyncAt) {
  static final DescribeProgress INITIAL = new DescribeProgress(Times.NEVER, Times.NEVER, 0, Times.NEVER, Times.NEVER);

  boolean inFlight() {
    return inFlightSince != Times.NEVER;
  }

  DescribeProgress sent(long now) {
    return new DescribeProgress(now, retryAt, failureStreak, freshFrom, resyncAt);
  }

  /** The describe in flight answered; the next resync is due at {@code resyncAt}. */
  DescribeProgress answered(long resyncAt) {
    return new DescribeProgress(Times.NEVER, retryAt, 0, freshFrom, resyncAt);
  }

  DescribeProgress failed(long retryAt) {
    return new DescribeProgress(Times.NEVER, retryAt, failureStreak + 1, freshFrom, resyncAt);
  }

  /** Observations from describes sent before {@code now} no longer do. */
  DescribeProgress freshFrom(long now) {
    return new DescribeProgress(inFlightSince, retryAt, failureStreak, Math.max(freshFrom, now), resyncAt);
  }

  /** Whether {@code observation} is too old for what was asked since. */
  boolean stale(Observation observation) {
    return !observation.made() || observation.sentAt() < freshFrom;
  }
}
