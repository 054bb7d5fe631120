package io.eipfailover.core.internal.reconciler;

import java.util.stream.LongStream;

/**
 * When the step wants to run again: the earliest future deadline the state holds ({@code workAt})
 * and the wake-up the runner arms ({@code wakeAt}: {@code workAt}, or the watchdog if earlier).
 * Pure; see {@code docs/reconciler.md} ("Time: one timer, no polling").
 */
final class Deadlines {
  private Deadlines() {}

  /** The earliest reading after {@code now} at which something in {@code s} falls due ({@link Times#NONE}: nothing). */
  static long workAt(ReconcilerSettings settings, ReconcilerState s, long now) {
    LongStream.Builder e = LongStream.builder();
    e.add(s.lastPlanAt() + ReconcilerSettings.IDLE_PLAN_NANOS);
    e.add(s.deferredUntil());
    s.suppression().hold().ifPresent(h -> e.add(h.until()));
    Observation o = s.observation();
    if (!s.describe().inFlight()) {
      e.add(s.describe().retryAt());
      if (o.made()) {
        e.add(o.sentAt() + settings.resync());
      }
    }
    for (EipRecord r : s.eips().values()) {
      e.add(r.retryAt());
      r.damping().ifPresent(d -> e.add(d.pulledAt() + settings.holdTime()));
      if (r.unconfirmed().isPresent()) {
        long answeredAt = r.unconfirmed().get().answeredAt();
        e.add(answeredAt + settings.inFlightTimeout());
        if (!s.describe().inFlight()) {
          e.add(Math.max(answeredAt, o.sentAt()) + settings.confirmDelay());
        }
      }
    }
    return e.build().filter(at -> at > now).min().orElse(Times.NONE);
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
