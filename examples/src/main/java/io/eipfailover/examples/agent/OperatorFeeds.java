package io.eipfailover.examples.agent;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.examples.agent.hooks.Hooks;
import io.eipfailover.examples.agent.status.Ec2CallMetrics;
import io.eipfailover.examples.agent.status.HolderSince;
import io.eipfailover.examples.agent.status.RecentEvents;
import io.eipfailover.examples.agent.status.StatusJson;
import io.eipfailover.examples.agent.status.StatusServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What one agent node tells its operator beyond the log: the local status endpoint, with the last
 * minutes' events and since when each EIP is where it is (for {@code /status} and {@code
 * eipfailover-agent status}), and the event hooks. Register {@link #recent()} with a direct executor (it only appends to a list) and this
 * with the node's event thread: each event goes to the hooks (handed to their lanes, never run
 * here) and makes it note where the EIPs are now. Lifecycle: {@link #start} before the failover
 * starts; {@link #close()} stops the endpoint and the hooks (idempotent). Thread-safe.
 */
final class OperatorFeeds implements FailoverListener, AutoCloseable {
  private final ClusterTopology topology;
  private final Clock clock;
  private final RecentEvents recent;
  private final HolderSince holderSince = new HolderSince();
  private final Hooks hooks;
  private final String node;
  private StatusServer statusServer;
  private volatile Supplier<Map<String, ObservedAssociation>> observed = Map::of;

  OperatorFeeds(AgentConfig config, NodeId self, ClusterTopology topology, Ec2CallMetrics ec2Metrics, Ticker ticker,
      Clock clock) {
    this.topology = topology;
    this.clock = clock;
    this.node = self.value();
    this.recent = new RecentEvents(clock, Duration.ofMinutes(10), 200);
    ec2Metrics.onError(recent::ec2Error);
    this.hooks = new Hooks(self, topology.clusterName(), config.dryRun(), topology, config.hooks().commands(),
        config.hooks().timeout(), Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "eipfailover-hook-" + self);
          t.setDaemon(true);
          return t;
        }), ticker, clock, recent::note);
  }

  /** Records notable events; register with a direct executor. */
  RecentEvents recent() {
    return recent;
  }

  /** Where the EIPs are is read from {@code observed} after each event and, with an eip-released hook, every second. */
  void start(Supplier<Map<String, ObservedAssociation>> observed) {
    this.observed = observed;
    hooks.watch(observed, Duration.ofSeconds(1));
  }

  @Override
  public void onEvent(FailoverEvent event) {
    hooks.onEvent(event);
    observe(observed.get());
  }

  /** Notes where the EIPs are (after every event, and from the SIGTERM hand-off's describes). */
  void observe(Map<String, ObservedAssociation> observed) {
    holderSince.update(topology, observed, clock.instant());
    hooks.observe(observed);
  }

  /**
   * Serves {@code /status} and {@code /metrics} on 127.0.0.1 when {@code status} enables it.
   *
   * @throws IOException if the port is taken
   */
  synchronized void serveStatus(AgentConfig.Status status, Supplier<String> statusJson, Supplier<String> metrics)
      throws IOException {
    if (status.enabled()) {
      statusServer = StatusServer.start(node, status.port(), statusJson, metrics);
    }
  }

  /** The status endpoint's port, if it runs. */
  synchronized Optional<Integer> statusPort() {
    return Optional.ofNullable(statusServer).map(StatusServer::port);
  }

  /**
   * The {@code /status} document of {@code failover} ({@code now}: the ticker reading ages are
   * counted from), its members' heard times taken from the membership's {@code live} view.
   */
  String statusJson(FailoverStatus failover, MembershipView live, long now) {
    Instant wall = clock.instant();
    FailoverStatus s = StatusJson.withHeartbeatsOf(failover, live);
    return StatusJson.render(s, topology, now, Optional.of(new StatusJson.Extras(wall,
        holderSince.update(topology, s.observed(), wall), recent.entries())));
  }

  /** Hook runs by event and result, keyed {@code event + '\0' + result}, for {@code /metrics}. */
  Map<String, Long> hookRuns() {
    return hooks.runs();
  }

  void reloadHooks(AgentConfig.Hooks settings) {
    hooks.update(settings.commands(), settings.timeout());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (statusServer != null) {
        statusServer.close();
        statusServer = null;
      }
    }
    hooks.close();
  }
}
