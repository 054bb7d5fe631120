package io.eipfailover.core;

import java.util.Objects;

/**
 * The result of one {@link HealthCheck} probe.
 *
 * @param healthy whether the local service answered as expected
 * @param detail what was seen ("HTTP 200", "connect refused"), for logs and status
 */
public record HealthResult(boolean healthy, String detail) {
  public HealthResult {
    Objects.requireNonNull(detail, "detail");
  }

  public static HealthResult healthy(String detail) {
    return new HealthResult(true, detail);
  }

  public static HealthResult unhealthy(String detail) {
    return new HealthResult(false, detail);
  }
}
