package io.eipfailover.examples.agent;

import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.HealthResult;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's health check: the configured HAProxy probe with rise/fall counting, replaceable on
 * SIGHUP without restarting the failover (the probe interval is fixed at start: the reconciler
 * schedules it). Thread-safe: {@link #check()} reads the current delegate once.
 */
final class ReloadableHealthCheck implements HealthCheck {
  private final AtomicReference<HealthCheck> delegate = new AtomicReference<>();

  ReloadableHealthCheck(AgentConfig.Health settings) {
    reload(settings);
  }

  /** Replaces the probe (a new rise/fall state starts with it). */
  void reload(AgentConfig.Health h) {
    delegate.set(create(h));
  }

  static HealthCheck create(AgentConfig.Health h) {
    HealthCheck probe = switch (h.kind()) {
      case NONE -> HealthChecks.alwaysHealthy();
      case HTTP -> HealthChecks.http(h.httpUri().orElseThrow(), h.timeout());
      case HAPROXY_SOCKET -> HealthChecks.haproxySocket(h.socket().orElseThrow(), h.timeout());
      case TCP -> HealthChecks.tcp(h.tcpAddress().orElseThrow(), h.timeout());
    };
    return h.kind() == AgentConfig.HealthKind.NONE ? probe : HealthChecks.riseFall(probe, h.rise(), h.fall());
  }

  @Override
  public HealthResult check() {
    return delegate.get().check();
  }

  @Override
  public String toString() {
    return "reloadable(" + delegate.get() + ")";
  }
}
