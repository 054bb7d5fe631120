package io.eipfailover.core;

import com.google.common.base.Ticker;
import io.eipfailover.core.internal.health.AlwaysHealthyCheck;
import io.eipfailover.core.internal.health.HaproxySocketHealthCheck;
import io.eipfailover.core.internal.health.HttpHealthCheck;
import io.eipfailover.core.internal.health.RiseFallHealthCheck;
import io.eipfailover.core.internal.health.TcpHealthCheck;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The built-in {@link HealthCheck}s for a local HAProxy, and rise/fall counting. None of them
 * throws from {@code check()}: every failure is an unhealthy result whose detail says what was seen.
 * Time-outs must be between 1 ms and 1 minute; each probe blocks its caller for at most that long.
 */
public final class HealthChecks {
  private HealthChecks() {}

  /** Always healthy: for embedding where no local service is checked. */
  public static HealthCheck alwaysHealthy() {
    return new AlwaysHealthyCheck();
  }

  /** Healthy when a TCP connection to {@code address} succeeds within {@code timeout}. */
  public static HealthCheck tcp(InetSocketAddress address, Duration timeout) {
    return new TcpHealthCheck(address, timeout);
  }

  /**
   * Healthy when an HTTP GET of {@code uri} (HAProxy's {@code monitor-uri}) answers 2xx within
   * {@code timeout}. HAProxy answers 503 on its monitor-uri when a {@code monitor fail} condition
   * holds, which this check reports as unhealthy ("HTTP 503"). Connects directly (no proxy) and
   * does not follow redirects; the time-out bounds the connect and each read.
   */
  public static HealthCheck http(URI uri, Duration timeout) {
    return new HttpHealthCheck(uri, timeout);
  }

  /**
   * Healthy when HAProxy's runtime API on the Unix socket {@code socket} answers {@code show info}
   * with its process information ({@code Name: HAProxy}) within {@code timeout}; the detail reports
   * HAProxy's {@code Uptime} line. The time-out covers connect, command and the whole answer.
   */
  public static HealthCheck haproxySocket(Path socket, Duration timeout) {
    return new HaproxySocketHealthCheck(socket, timeout, Ticker.systemTicker());
  }

  /**
   * Debounces {@code check} like HAProxy's own {@code rise}/{@code fall}: the first probe sets the
   * state; after that it turns unhealthy after {@code fall} consecutive failures and healthy again
   * after {@code rise} consecutive successes. Higher counts ignore single blips but react later.
   * The returned check is stateful and must be used by one caller. A throw from {@code check}
   * counts as a failure. {@code rise} and {@code fall} must be at least 1.
   */
  public static HealthCheck riseFall(HealthCheck check, int rise, int fall) {
    return new RiseFallHealthCheck(check, rise, fall);
  }
}
