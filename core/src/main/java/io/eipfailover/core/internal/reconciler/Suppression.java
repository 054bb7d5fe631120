package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * When this node must not take EIPs from peers it cannot hear, because its own knowledge may be
 * old: during the start-up grace (Heartbeat's {@code initdead}), right after it was itself paused,
 * and right after EC2 answers again following failures. Also remembers when this node last came
 * back (woke, was heard again by a peer it had lost, or reached EC2 again), from which its
 * fail-back delay counts. Immutable: every change returns a new value.
 *
 * @param hold the active hold, if any
 * @param heardFromMembership whether the membership has delivered a view (a hold ends only then)
 * @param lastReturn the last time this node came back ({@link Times#NEVER} if never)
 */
public record Suppression(Optional<Hold> hold, boolean heardFromMembership, long lastReturn) {
  static final Suppression NONE = new Suppression(Optional.empty(), false, Times.NEVER);

  public Suppression {
    Objects.requireNonNull(hold, "hold");
  }

  /**
   * Takeovers from unreachable peers are held for {@code reason} until {@code until}, or until a
   * view made after {@code since} (never, for the start-up grace: {@link Times#NONE}).
   */
  public record Hold(String reason, long since, long until) {}

  boolean isActive() {
    return hold.isPresent();
  }

  /** The start-up grace: no conviction of peers until the membership had time to hear them. */
  Suppression startupGrace(long now, long graceNanos) {
    return graceNanos > 0 ? holding(new Hold("start-up grace", Times.NONE, now + graceNanos), lastReturn) : this;
  }

  /** This node woke from a pause at {@code now}: views queued meanwhile hold pre-pause knowledge. */
  Suppression localPause(long now, long deadlineNanos) {
    return holding(new Hold("local pause", now, now + deadlineNanos), now);
  }

  /**
   * EC2 answers again after failed calls. If this node was cut off, its verdicts on peers were
   * reached blind and its peers counted it dead too: hold for one deadline, count its return from now.
   */
  Suppression reconnected(long now, long deadlineNanos) {
    return holding(new Hold("EC2 out of reach", now, now + deadlineNanos), now);
  }

  /**
   * A new view arrived. A view made after the hold began ends it; a peer this node had lost being
   * back counts as this node's own return (the peer lost it too, and counts its fail-back delay from
   * now).
   */
  Suppression onView(NodeId self, MembershipView before, MembershipView after, long now) {
    Optional<Hold> h = hold.filter(x -> !ViewDiffs.madeAfter(self, after, x.since()));
    return new Suppression(h, true, ViewDiffs.rejoined(self, before, after) ? now : lastReturn);
  }

  /** Ends the hold once its time has passed and the membership has spoken. */
  Suppression expire(long now) {
    return hold.isPresent() && now >= hold.get().until() && heardFromMembership
        ? new Suppression(Optional.empty(), true, lastReturn) : this;
  }

  private Suppression holding(Hold h, long returnedAt) {
    return new Suppression(Optional.of(h), heardFromMembership, returnedAt);
  }
}
