package io.eipfailover.core.internal.reconciler;

/**
 * When the step wants to run again: the earliest future deadline the state holds ({@code workAt})
 * and the wake-up the runner arms ({@code wakeAt}: {@code workAt}, or the watchdog if earlier).
 * Pure; see {@code docs/reconciler.md} ("Time: one timer, no polling").
 */
final class Deadlines {
  private Deadlines() {}

  /** The earliest reading after {@code now} at which something in {@code s} falls due ({@link Times#NONE}: nothing). */
  static long workAt(ReconcilerSettings settings, ReconcilerState s, long now) {
    long t = earliest(Times.NONE, now, s.lastPlanAt() + ReconcilerSettings.IDLE_PLAN_NANOS);
    t = earliest(t, now, s.deferredUntil());
    if (s.suppression().hold().isPresent()) {
      t = earliest(t, now, s.suppression().hold().get().until());
    }
    Observation o = s.observation();
    boolean describeOut = s.describe().inFlight();
    if (!describeOut) {
      t = earliest(t, now, s.describe().retryAt());
      if (o.made()) {
        t = earliest(t, now, s.describe().resyncAt());
      }
    }
    for (EipRecord r : s.eips().values()) {
      t = earliest(t, now, r.retryAt());
      if (r.damping().isPresent()) {
        t = earliest(t, now, r.damping().get().until());
      }
      if (r.unconfirmed().isPresent()) {
        long answeredAt = r.unconfirmed().get().answeredAt();
        t = earliest(t, now, answeredAt + settings.inFlightTimeout());
        if (!describeOut) {
          t = earliest(t, now, Math.max(answeredAt, o.sentAt()) + settings.confirmDelay());
        }
      }
    }
    return t;
  }

  /** {@code candidate} if it is after {@code now} and before {@code earliest}, else {@code earliest}. */
  private static long earliest(long earliest, long now, long candidate) {
    return candidate > now && candidate < earliest ? candidate : earliest;
  }

  /**
   * {@code workAt}, or the watchdog if that comes first: the previous wake-up while it is still
   * ahead, else half a detection deadline from now. So the loop never sleeps longer than that (see
   * the pause check in {@link Reconciler}), and the runner's timer moves only when it must.
   */
  static long wakeAt(ReconcilerSettings settings, ReconcilerState s, long workAt, long now) {
    long watchdog = s.wakeAt() > now && s.wakeAt() != Times.NONE ? s.wakeAt() : now + settings.watchdog();
    return Math.min(workAt, watchdog);
  }
}
