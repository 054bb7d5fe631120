package io.eipfailover.core;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The built-in {@link HealthCheck}s for a local HAProxy, and rise/fall counting. */
public final class HealthChecks {
  private HealthChecks() {}

  /** Always healthy: for embedding where no local service is checked. */
  public static HealthCheck alwaysHealthy() {
    throw new UnsupportedOperationException("alwaysHealthy: being written");
  }

  /** Healthy when a TCP connection to {@code address} succeeds within {@code timeout}. */
  public static HealthCheck tcp(InetSocketAddress address, Duration timeout) {
    throw new UnsupportedOperationException("tcp: being written");
  }

  /**
   * Healthy when an HTTP GET of {@code uri} (HAProxy's {@code monitor-uri}) answers 2xx within
   * {@code timeout}. HAProxy answers 503 on its monitor-uri when a {@code monitor fail} condition
   * holds, which this check reports as unhealthy.
   */
  public static HealthCheck http(URI uri, Duration timeout) {
    throw new UnsupportedOperationException("http: being written");
  }

  /**
   * Healthy when HAProxy's runtime API on the Unix socket {@code socket} answers {@code show info}
   * with its process information within {@code timeout}.
   */
  public static HealthCheck haproxySocket(Path socket, Duration timeout) {
    throw new UnsupportedOperationException("haproxySocket: being written");
  }

  /**
   * Debounces {@code check} like HAProxy's own {@code rise}/{@code fall}: the first probe sets the
   * state; after that it turns unhealthy after {@code fall} consecutive failures and healthy again
   * after {@code rise} consecutive successes. Higher counts ignore single blips but react later.
   * The returned check is stateful and must be used by one caller.
   */
  public static HealthCheck riseFall(HealthCheck check, int rise, int fall) {
    throw new UnsupportedOperationException("riseFall: being written");
  }
}
