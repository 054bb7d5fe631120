package io.eipfailover.core.internal.health;

import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.internal.guard.TcpProbe;
import java.util.Objects;

/**
 * HAProxy-style debouncing: the first probe sets the state; then {@code fall} consecutive failures
 * turn a healthy service unhealthy and {@code rise} consecutive successes turn it healthy again. A
 * result that agrees with the current state resets the count. While a change is pending, the
 * detail says how far it has got. Thread-safe (synchronized), but stateful: one caller per instance.
 */
public final class RiseFallHealthCheck implements HealthCheck {
  private final HealthCheck check;
  private final int rise;
  private final int fall;
  private Boolean healthy;
  private int streak;

  public RiseFallHealthCheck(HealthCheck check, int rise, int fall) {
    this.check = Objects.requireNonNull(check, "check must not be null");
    if (rise < 1) {
      throw new IllegalArgumentException("rise must be >= 1, was " + rise);
    }
    if (fall < 1) {
      throw new IllegalArgumentException("fall must be >= 1, was " + fall);
    }
    this.rise = rise;
    this.fall = fall;
  }

  @Override
  public synchronized HealthResult check() {
    HealthResult r = probe();
    if (healthy == null || r.healthy() == healthy) {
      healthy = r.healthy();
      streak = 0;
      return r;
    }
    streak++;
    int needed = healthy ? fall : rise;
    if (streak >= needed) {
      healthy = r.healthy();
      streak = 0;
      return new HealthResult(healthy, r.detail() + " (now " + (healthy ? "healthy" : "unhealthy") + " after "
          + needed + (healthy ? " success(es))" : " failure(s))"));
    }
    return new HealthResult(healthy, r.detail() + " (" + streak + " of " + needed
        + (healthy ? " failures, still healthy)" : " successes, still unhealthy)"));
  }

  /** The wrapped check's result; a throw or a null result counts as a failure. */
  private HealthResult probe() {
    try {
      HealthResult r = check.check();
      return r != null ? r : HealthResult.unhealthy(check + " returned no result");
    } catch (RuntimeException e) {
      return HealthResult.unhealthy(check + " failed: " + TcpProbe.describe(e));
    }
  }

  @Override
  public String toString() {
    return "riseFall(" + check + ", rise " + rise + ", fall " + fall + ")";
  }
}
