package io.eipfailover.core.internal.health;

import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthResult;

/** Always healthy, for embedding where no local service is checked. Stateless and thread-safe. */
public final class AlwaysHealthyCheck implements HealthCheck {
  private static final HealthResult HEALTHY = HealthResult.healthy("always healthy (no local check)");

  @Override
  public HealthResult check() {
    return HEALTHY;
  }

  @Override
  public String toString() {
    return "alwaysHealthy()";
  }
}
