package io.eipfailover.core.internal.health;

import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.internal.guard.TcpProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Healthy when a TCP connection to the service succeeds within the time-out. It proves the process
 * listens, not that it serves correctly; prefer the HTTP or stats-socket check where you can.
 * Immutable and thread-safe.
 */
public final class TcpHealthCheck implements HealthCheck {
  private final InetSocketAddress address;
  private final Duration timeout;

  public TcpHealthCheck(InetSocketAddress address, Duration timeout) {
    this.address = Objects.requireNonNull(address, "address must not be null");
    this.timeout = TcpProbe.requireTimeout("timeout", timeout);
  }

  @Override
  public HealthResult check() {
    TcpProbe.Result r = TcpProbe.connect(address, timeout);
    return r.connected() ? HealthResult.healthy(r.detail()) : HealthResult.unhealthy(r.detail());
  }

  @Override
  public String toString() {
    return "tcp(" + TcpProbe.format(address) + ", " + timeout + ")";
  }
}
