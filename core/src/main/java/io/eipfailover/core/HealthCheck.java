package io.eipfailover.core;

/**
 * One probe of the local service (HAProxy). Blocks at most for its own time-out; never throws for
 * an expected failure (returns {@link HealthResult#unhealthy}); a thrown exception counts as
 * unhealthy. Rise/fall counting is done by the caller ({@link HealthChecks#riseFall}). Built-in
 * checks: {@link HealthChecks}.
 */
@FunctionalInterface
public interface HealthCheck {
  HealthResult check();
}
