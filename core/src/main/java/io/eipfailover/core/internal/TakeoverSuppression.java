package io.eipfailover.core.internal;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When this node must not take EIPs from peers it cannot hear, because its own knowledge may be
 * old: during the start-up grace (Heartbeat's {@code initdead}) and right after it was itself
 * paused. Also remembers when this node last came back (woke from a pause, or heard again from a
 * peer it had lost), from which its fail-back delay counts. Not thread-safe: the reconciler's loop
 * only.
 */
final class TakeoverSuppression {
  private static final Logger LOG = LoggerFactory.getLogger(TakeoverSuppression.class);

  private final NodeId self;
  private boolean suppressed;
  private String reason = "";
  private long wokeAt = Long.MAX_VALUE;
  private long until;
  private boolean heardFromMembership;
  private long lastReturn = Long.MIN_VALUE;

  TakeoverSuppression(NodeId self) {
    this.self = self;
  }

  /**
   * Start-up grace: peers not heard yet are not convicted until the membership had time to hear
   * them. It ends when its time has passed and the membership has delivered at least one view (a
   * membership that is slow to join keeps it on).
   */
  void startupGrace(long now, long graceNanos) {
    if (graceNanos > 0) {
      suppress("start-up grace", Long.MAX_VALUE, now + graceNanos);
    }
  }

  /** This node woke from a pause at {@code now}: views queued meanwhile hold pre-pause knowledge. */
  void localPause(long now, long deadlineNanos) {
    lastReturn = now;
    suppress("local pause", now, now + deadlineNanos);
  }

  /**
   * EC2 answers again after failed calls. If this node was cut off, its peers' death verdicts were
   * reached blind and the peers counted it dead too: hold takeovers from unreachable peers for one
   * detection deadline (or until a view made from now on), and count its return from now.
   */
  void reconnected(long now, long deadlineNanos) {
    lastReturn = now;
    suppress("EC2 out of reach", now, now + deadlineNanos);
  }

  /**
   * A new view arrived. A view made after the wake-up lifts a pause's suppression; a peer we had
   * lost being back counts as our own return (a partition is symmetric as far as we know: it lost
   * us too, and counts our fail-back delay from now).
   */
  void onView(MembershipView before, MembershipView after, long now) {
    heardFromMembership = true;
    if (suppressed && ViewDiffs.madeAfter(self, after, wokeAt)) {
      lift("fresh view #" + after.epoch());
    }
    if (ViewDiffs.rejoined(self, before, after)) {
      lastReturn = now;
    }
  }

  /** Ends the suppression once its time has passed; true if it just ended. */
  boolean expire(long now) {
    if (suppressed && now >= until && heardFromMembership) {
      lift("its time passed");
      return true;
    }
    return false;
  }

  boolean isActive() {
    return suppressed;
  }

  /** The last time this node came back (pause or heal), or {@link Long#MIN_VALUE}. */
  long lastReturn() {
    return lastReturn;
  }

  private void suppress(String why, long wakeTime, long end) {
    suppressed = true;
    reason = why;
    wokeAt = wakeTime;
    until = end;
  }

  private void lift(String why) {
    suppressed = false;
    LOG.info("[id={}] takeovers from unreachable peers allowed again after {}: {}", self, reason, why);
  }
}
