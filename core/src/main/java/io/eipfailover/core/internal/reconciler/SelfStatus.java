package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.AnnouncedStatus;
import java.util.Objects;

/**
 * This node's own status, as the reconciler decides it from the health check and the admin calls.
 *
 * @param announced what the node last announced to the membership
 * @param standby whether {@code standby()} was called and not {@code resume()}
 * @param healthy what the health check last said
 * @param awayAt the last ticker reading at which this node was away: not {@link AnnouncedStatus#ALIVE},
 *     or waking from a pause ({@link Times#NEVER} if never)
 */
public record SelfStatus(AnnouncedStatus announced, boolean standby, boolean healthy, long awayAt) {
  static final SelfStatus INITIAL = new SelfStatus(AnnouncedStatus.ALIVE, false, true, Times.NEVER);

  public SelfStatus {
    Objects.requireNonNull(announced, "announced");
  }

  /** The status the inputs ask for: standby beats unhealthy beats alive. */
  AnnouncedStatus wanted() {
    return standby ? AnnouncedStatus.STANDBY : healthy ? AnnouncedStatus.ALIVE : AnnouncedStatus.UNHEALTHY;
  }

  /**
   * Whether the node was alive and awake all the time since {@code since}: only then is an EIP that
   * left it a disagreement with the taker rather than explained by its own absence.
   */
  boolean calmSince(long since) {
    return announced == AnnouncedStatus.ALIVE && awayAt < since;
  }

  SelfStatus withStandby(boolean standby) {
    return new SelfStatus(announced, standby, healthy, awayAt);
  }

  SelfStatus withHealthy(boolean healthy) {
    return new SelfStatus(announced, standby, healthy, awayAt);
  }

  /** Announced {@code status} at {@code now}: a change of status is a moment away. */
  SelfStatus announcing(AnnouncedStatus status, long now) {
    return new SelfStatus(status, standby, healthy, now);
  }

  SelfStatus awayAt(long now) {
    return new SelfStatus(announced, standby, healthy, now);
  }
}
