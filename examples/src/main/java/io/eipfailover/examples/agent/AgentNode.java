package io.eipfailover.examples.agent;

import com.google.common.base.Ticker;
import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverConfigBuilder;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.event.ViewChanged;
import io.eipfailover.examples.agent.status.AgentMetrics;
import io.eipfailover.examples.agent.status.Ec2CallMetrics;
import io.eipfailover.membership.udp.UdpMembership;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One running node of the agent (also used by the demos): the configured membership, the EC2 EIP
 * manager, guard, health check and strategy wired into an {@link EipFailover}, with metrics and the
 * optional local status endpoint.
 *
 * <p>Lifecycle: {@link #start()} once; {@link #handOff} for a graceful stop; {@link #close()}
 * (idempotent) stops the failover, its membership and the status endpoint. The {@link Ec2Client}
 * is not closed (its creator owns it). Thread-safe.
 */
public final class AgentNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentNode.class);

  /** Waits between hand-off polls; {@code Thread::sleep} outside tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AgentConfig config;
  private final NodeId self;
  private final ClusterTopology topology;
  private final Membership membership;
  private final ElasticIpManager manager;
  private final EipFailover failover;
  private final AgentMetrics metrics;
  private final OperatorFeeds feeds;
  private final ReloadableHealthCheck health;
  private final Ticker ticker;
  private final java.util.concurrent.ExecutorService listenerThread;
  private AutoCloseable owned;
  private boolean closed;

  private AgentNode(AgentConfig config, NodeId self, ClusterTopology topology, Ec2Client ec2,
      Ec2CallMetrics ec2Metrics, Map<NodeId, String> instanceIds, Ticker ticker, List<FailoverListener> listeners) {
    this.config = config;
    this.self = self;
    this.topology = topology;
    this.metrics = AgentMetrics.create(topology, self, io.micrometer.core.instrument.Clock.SYSTEM)
        .bind(ec2Metrics.meters());
    this.ticker = ticker;
    this.membership = MembershipFactory.create(config.membership(), self, topology, ticker,
        PlanFingerprint.of(config, topology));
    this.manager = Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(self).build();
    this.health = new ReloadableHealthCheck(config.health());
    this.feeds = new OperatorFeeds(config, self, topology, ec2Metrics, ticker, Clock.systemUTC());
    this.listenerThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "eipfailover-events-" + self);
      t.setDaemon(true);
      return t;
    });
    EipFailover.Builder b = EipFailover.builder()
        .topology(topology)
        .self(self)
        .membership(membership)
        .elasticIpManager(manager)
        .guard(GuardFactory.create(config.guards(), topology, ec2, instanceIds))
        .strategy(StrategyFactory.create(config.strategy()))
        .healthCheck(health)
        .ticker(ticker)
        .listener(feeds.recent(), Runnable::run)
        .listener(e -> logEvent(self, e), listenerThread)
        .listener(PlanFingerprint::logDifferingSettings, listenerThread);
    FailoverConfigBuilder tuning = FailoverConfig.builder()
        .healthCheckInterval(config.health().interval())
        .dryRun(config.dryRun())
        .resyncInterval(config.failover().resyncInterval())
        .holdTime(config.failover().holdTime())
        .startupGrace(config.failover().startupGrace())
        .detectionDeadline(MembershipFactory.detectionDeadline(config.membership()));
    config.failover().toleratedFailures().ifPresent(tuning::toleratedFailures);
    b.config(tuning.build());
    listeners.forEach(l -> b.listener(l, listenerThread));
    b.listener(feeds, listenerThread);
    this.failover = b.build();
    metrics.bind(failover, topology, membership).bindHookRuns(feeds::hookRuns);
  }

  /**
   * Builds (does not start) a node.
   *
   * @param ec2 the EC2 client, not closed by the node
   * @param ec2Metrics the interceptor installed on {@code ec2}; the node binds its meters to {@code /metrics}
   * @param instanceIds node → instance id, needed by the {@code ec2-instance-state} guard
   * @param listeners extra event listeners, called in order on the node's event thread
   */
  public static AgentNode create(AgentConfig config, NodeId self, ClusterTopology topology, Ec2Client ec2,
      Ec2CallMetrics ec2Metrics, Map<NodeId, String> instanceIds, Ticker ticker, List<FailoverListener> listeners) {
    return new AgentNode(config, self, topology, ec2, ec2Metrics, instanceIds, ticker, List.copyOf(listeners));
  }

  /**
   * Reads {@code configFile} and builds a node the way the agent does (IMDS discovery and tag
   * topology if configured, no preflight, no OS provisioning), with its own EC2 client, closed by
   * {@link #close()}. For embedding agent nodes in one JVM (demos, tests).
   */
  public static AgentNode fromConfig(java.nio.file.Path configFile, Ticker ticker, List<FailoverListener> listeners) {
    AgentConfig cfg = AgentConfigParser.parse(configFile);
    Ec2CallMetrics metrics = new Ec2CallMetrics();
    Ec2Client ec2 = AgentMain.ec2Client(cfg, metrics);
    try {
      AgentStartup.Prepared p = AgentStartup.prepare(cfg, ec2);
      AgentNode node = create(cfg, p.self(), p.topology(), ec2, metrics, p.instanceIds(), ticker, listeners);
      node.owned = ec2;
      return node;
    } catch (RuntimeException e) {
      ec2.close();
      throw e;
    }
  }

  /** Starts the failover (and its membership) and, if enabled, the status endpoint. */
  public synchronized void start() throws IOException {
    feeds.start(() -> failover.status().observed());
    failover.start();
    feeds.serveStatus(config.status(), this::statusJson, this::metricsText);
    LOG.info("[id={}] started: cluster {}, {} membership, strategy {}, guard {}, health {}{}", self,
        topology.clusterName(), config.membership().type(), config.strategy().kind(), config.guards().kinds(),
        config.health().kind(), config.dryRun() ? ", DRY RUN (no EIP will move)" : "");
  }

  public NodeId self() {
    return self;
  }

  public ClusterTopology topology() {
    return topology;
  }

  public EipFailover failover() {
    return failover;
  }

  public Membership membership() {
    return membership;
  }

  /** The node's meters, rendered by {@code /metrics}. */
  public AgentMetrics metrics() {
    return metrics;
  }

  /** The status endpoint's port, if it runs. */
  public synchronized Optional<Integer> statusPort() {
    return feeds.statusPort();
  }

  public String statusJson() {
    return feeds.statusJson(failover.status(), membership.view(), ticker.read());
  }

  public String metricsText() {
    return metrics.scrape();
  }

  /** Replaces the hook commands and time limit (SIGHUP); runs already queued keep theirs. */
  public void reloadHooks(AgentConfig.Hooks settings) {
    feeds.reloadHooks(settings);
  }

  /** Replaces the health probe with new settings (SIGHUP). */
  public void reloadHealth(AgentConfig.Health settings) {
    health.reload(settings);
    LOG.info("[id={}] health check reloaded: {}", self, settings.kind());
  }

  /**
   * Replaces the heartbeat keyring (SIGHUP, one step of a key rotation): the first key of the file
   * signs from the next heartbeat on, every key in it is accepted. UDP membership only.
   */
  public void reloadKeys(KeyFile.Keys keys) {
    if (!(membership instanceof UdpMembership udp)) {
      throw new IllegalStateException("heartbeat keys can be reloaded with membership.type=udp only");
    }
    udp.updateKeyring(MembershipFactory.keyring(keys));
    LOG.info("[id={}] heartbeat keys reloaded: key {} signs, keys {} accepted", self, keys.primaryKeyId(),
        keys.keys().keySet());
  }

  /**
   * Graceful stop, first half: announces standby so peers pull this node's EIPs while it keeps
   * serving them, then describes EC2 until none of them is on this node any more, no peer is alive
   * to take them, or {@code timeout} passes.
   *
   * @return true when every EIP left this node
   */
  public boolean handOff(Duration timeout, Sleeper sleeper) throws InterruptedException {
    failover.standby();
    long start = ticker.read();
    while (true) {
      List<ElasticIp> held = new ArrayList<>();
      try {
        Map<String, ObservedAssociation> observed = manager.describe(topology.elasticIps());
        feeds.observe(observed);
        for (ElasticIp eip : topology.elasticIps()) {
          ObservedAssociation o = observed.get(eip.allocationId());
          if (o != null && o.isAssociated() && topology.ownerOf(o.privateIp().get()).map(self::equals).orElse(false)) {
            held.add(eip);
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("[id={}] hand-off: describe failed, retrying: {}", self, e.toString());
        held.add(null);
      }
      if (held.isEmpty()) {
        LOG.info("[id={}] hand-off complete: peers hold every EIP this node had", self);
        return true;
      }
      boolean anyPeerAlive = membership.view().members().entrySet().stream()
          .anyMatch(e -> !e.getKey().equals(self) && e.getValue().state() == MemberState.ALIVE);
      if (!anyPeerAlive) {
        LOG.warn("[id={}] hand-off: no alive peer to take {}; stopping anyway", self, held);
        return false;
      }
      if (Duration.ofNanos(ticker.read() - start).compareTo(timeout) >= 0) {
        LOG.warn("[id={}] hand-off timed out after {} with {} still here", self, timeout, held);
        return false;
      }
      sleeper.sleep(Duration.ofMillis(100));
    }
  }

  /**
   * The private IPs of this node that EC2 shows an EIP associated with (one describe), or empty
   * when EC2 cannot be asked; used at exit so that no address carrying an EIP is removed.
   */
  public Optional<java.util.Set<String>> privateIpsCarryingEips() {
    try {
      java.util.Set<String> out = new java.util.TreeSet<>();
      for (ObservedAssociation o : manager.describe(topology.elasticIps()).values()) {
        if (o.isAssociated() && o.privateIp().isPresent()
            && topology.ownerOf(o.privateIp().get()).map(self::equals).orElse(false)) {
          out.add(o.privateIp().get());
        }
      }
      return Optional.of(out);
    } catch (RuntimeException e) {
      LOG.warn("[id={}] describe before removing OS addresses failed: {}", self, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    failover.close();
    feeds.close();
    // events already queued are still logged; then the thread ends
    listenerThread.shutdown();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        LOG.warn("[id={}] closing the EC2 client failed: {}", self, e.toString());
      }
    }
    LOG.info("[id={}] stopped", self);
  }

  /**
   * Every event at INFO but the view changes, which the reconciler already logs once per view (its
   * {@code View{...}} line): at DEBUG, so a flapping peer costs one view line per change, not two.
   */
  private static void logEvent(NodeId self, FailoverEvent e) {
    if (e instanceof ViewChanged) {
      LOG.debug("[id={}] {}", self, e);
    } else {
      LOG.info("[id={}] {}", self, e);
    }
  }
}
