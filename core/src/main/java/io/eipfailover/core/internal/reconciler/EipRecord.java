package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.FailoverTimeline;
import java.util.Objects;
import java.util.Optional;

/**
 * What the reconciler does and remembers about one EIP: its back-off, its flap damping, the
 * question or call outstanding for it, and this node's last move of it not yet confirmed.
 *
 * @param failures consecutive failed calls or guard denials
 * @param retryAt no action before this ticker reading ({@link Times#NEVER}: none)
 * @param damping set when a live peer pulled the EIP away from this node
 * @param pending the guard question or associate call outstanding, if any
 * @param unconfirmed this node's last associate that no describe has shown yet
 * @param lastDenial the last guard denial reason (a standing denial is reported once)
 * @param lastDryRun the last target a dry run reported (reported once)
 */
public record EipRecord(int failures, long retryAt, Optional<Damping> damping, Optional<Pending> pending,
    Optional<Unconfirmed> unconfirmed, Optional<String> lastDenial, Optional<AttachmentPoint> lastDryRun) {
  static final EipRecord IDLE = new EipRecord(0, Times.NEVER, Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public EipRecord {
    Objects.requireNonNull(damping, "damping");
    Objects.requireNonNull(pending, "pending");
    Objects.requireNonNull(unconfirmed, "unconfirmed");
    Objects.requireNonNull(lastDenial, "lastDenial");
    Objects.requireNonNull(lastDryRun, "lastDryRun");
  }

  /**
   * A live peer pulled the EIP away: {@code puller}, in the state episode that began at {@code
   * pullerSince}; no pull-back before {@code until} while it stays in that episode.
   */
  public record Damping(NodeId puller, long pulledAt, long pullerSince, long until) {}

  /**
   * An associate to {@code point} that returned at {@code answeredAt} with EC2's {@code
   * associationId} (empty if the EIP manager gave none) and that no describe has shown yet.
   */
  public record Unconfirmed(AttachmentPoint point, Optional<String> associationId, long answeredAt,
      FailoverTimeline timeline) {
    public Unconfirmed {
      Objects.requireNonNull(point, "point");
      Objects.requireNonNull(associationId, "associationId");
      Objects.requireNonNull(timeline, "timeline");
    }

    /**
     * Whether {@code observed} shows this move: the EIP at its point by its association. Every
     * {@code AssociateAddress} makes a new association id, even to the point the EIP was on before,
     * so a lagging describe that shows an earlier association at the same point shows the past, not
     * this move (an ABA: confirming by it, the next lagging describe, showing the EIP elsewhere,
     * would make this node send the move again). With no id on either side, the point decides.
     */
    boolean shownBy(ObservedAssociation observed) {
      if (observed == null || !observed.isAt(point)) {
        return false;
      }
      return associationId.isEmpty() || observed.associationId().isEmpty()
          || associationId.equals(observed.associationId());
    }
  }

  /** A question or call outstanding for the EIP. */
  public sealed interface Pending {
    /** The move it is for. */
    Intent intent();
  }

  /** The guard was asked at {@code askedAt}, about view {@code viewEpoch}. */
  public record GuardAsked(Intent intent, long viewEpoch, long askedAt) implements Pending {}

  /** The associate was sent; {@code found} is where the EIP was observed when it was planned. */
  public record AssociateSent(Intent intent, ObservedAssociation found, FailoverTimeline timeline) implements Pending {}

  boolean inBackoff(long now) {
    return now < retryAt;
  }

  /** Whether this node's own move to {@code point} may still be on its way (within {@code timeoutNanos}). */
  boolean awaiting(AttachmentPoint point, long now, long timeoutNanos) {
    return unconfirmed.isPresent() && unconfirmed.get().point().equals(point)
        && now - unconfirmed.get().answeredAt() < timeoutNanos;
  }

  /**
   * Flap damping: a live peer pulled this EIP from this node, its damping has not run out, and it is
   * still in the state episode it was in then; taking the EIP back from it now would be ping-pong.
   */
  boolean damps(Intent intent, MembershipView view, long now) {
    if (damping.isEmpty()) {
      return false;
    }
    Damping d = damping.get();
    return now < d.until() && intent.holder().equals(Optional.of(d.puller()))
        && view.peer(d.puller()).since() == d.pullerSince();
  }

  EipRecord asking(GuardAsked question) {
    return new EipRecord(failures, retryAt, damping, Optional.of(question), unconfirmed, lastDenial, lastDryRun);
  }

  EipRecord sending(AssociateSent call) {
    return new EipRecord(failures, retryAt, damping, Optional.of(call), unconfirmed, lastDenial, lastDryRun);
  }

  EipRecord settled() {
    return new EipRecord(failures, retryAt, damping, Optional.empty(), unconfirmed, lastDenial, lastDryRun);
  }

  /** One more failure: no action before {@code retryAt}. */
  EipRecord failed(long retryAt) {
    return new EipRecord(failures + 1, retryAt, damping, pending, unconfirmed, lastDenial, lastDryRun);
  }

  EipRecord denied(String reason) {
    return new EipRecord(failures, retryAt, damping, pending, unconfirmed, Optional.of(reason), lastDryRun);
  }

  EipRecord allowed() {
    return new EipRecord(failures, retryAt, damping, pending, unconfirmed, Optional.empty(), lastDryRun);
  }

  /** The associate returned: failures and damping are over; the move awaits a describe. */
  EipRecord moved(Unconfirmed move) {
    return new EipRecord(0, retryAt, Optional.empty(), Optional.empty(), Optional.of(move), lastDenial, lastDryRun);
  }

  EipRecord confirmed() {
    return new EipRecord(failures, retryAt, damping, pending, Optional.empty(), lastDenial, lastDryRun);
  }

  EipRecord pulledAway(Damping by) {
    return new EipRecord(failures, retryAt, Optional.of(by), pending, unconfirmed, lastDenial, lastDryRun);
  }

  EipRecord reportedDryRun(AttachmentPoint target) {
    return new EipRecord(failures, retryAt, damping, pending, unconfirmed, lastDenial, Optional.of(target));
  }
}
