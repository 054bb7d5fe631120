package io.eipfailover.core;

import com.google.common.base.Ticker;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.internal.DefaultEipFailover;
import io.eipfailover.core.internal.FailoverParts;
import io.eipfailover.core.runtime.Checks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Active-active Elastic IP failover for one node: wires a {@link Membership}, an {@link
 * ElasticIpManager}, a {@link FailoverStrategy}, a {@link SplitBrainGuard} and a {@link
 * HealthCheck} into a level-triggered reconciler that pulls EIPs onto this node when the strategy
 * says they belong here.
 *
 * <p>Lifecycle: {@link #start()} once (it starts the membership); {@link #close()} is idempotent
 * and closes the membership, and the scheduler and I/O executor if this object created them. The
 * {@link ElasticIpManager}, the guard and an injected scheduler or I/O executor are never closed.
 * Thread-safe: all decisions run on one logical thread; the methods here only post to it. EC2
 * calls and guard evaluations run off that thread, each under a deadline (see {@link
 * FailoverConfig#callTimeout()} and {@link FailoverConfig#guardTimeout()}).
 */
public interface EipFailover extends AutoCloseable {
  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Starts membership, health checks, resync and reconciliation. Twice throws. */
  void start();

  /** A consistent snapshot of this node's state. */
  FailoverStatus status();

  /**
   * Graceful standby: announce {@link AnnouncedStatus#STANDBY} so peers pull this node's EIPs while it
   * keeps serving them (no gap), and take no EIP until {@link #resume()}.
   */
  void standby();

  /** Leaves standby: announce the health check's status again and take part in placement. */
  void resume();

  /** Describes EC2 and reconciles now, outside the periodic resync. */
  void reconcileNow();

  /** Registers a listener, called in order on {@code executor}, never under our locks. */
  void addListener(FailoverListener listener, Executor executor);

  /** Stops; idempotent. */
  @Override
  void close();

  /**
   * The settings that decide where EIPs go and whether this node moves them (strategy with its
   * parameters, guard, hold time, tolerated failures, dry run), by name: every node of a cluster
   * should list the same values. See {@link FailoverConfig#planSettings}.
   */
  Map<String, String> planSettings();

  /**
   * Builds an {@link EipFailover} from its collaborators and a {@link FailoverConfig}. Every setter
   * validates at once; {@link #build()} checks across fields. Not thread-safe.
   *
   * <p>Ownership: the failover starts and closes the {@link Membership}; it never closes the {@link
   * ElasticIpManager}, the guard, listener executors or an injected scheduler or I/O executor; a
   * scheduler or I/O executor it creates itself it closes.
   */
  final class Builder {
    private ClusterTopology topology;
    private NodeId self;
    private Membership membership;
    private ElasticIpManager elasticIpManager;
    private SplitBrainGuard guard;
    private FailoverStrategy strategy = FailoverStrategies.defaults();
    private HealthCheck healthCheck = HealthChecks.alwaysHealthy();
    private final List<FailoverParts.Registration> listeners = new ArrayList<>();
    private Ticker ticker = Ticker.systemTicker();
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Executor ioExecutor;
    private Random random;
    private FailoverConfig config = FailoverConfig.defaults();

    Builder() {}

    /** The cluster (required). */
    public Builder topology(ClusterTopology topology) {
      this.topology = Checks.notNull("topology", topology);
      return this;
    }

    /** This node (required; must be a node of the topology). */
    public Builder self(NodeId self) {
      this.self = Checks.notNull("self", self);
      return this;
    }

    /** The membership (required). Started by {@link EipFailover#start()}, closed by {@code close()}. */
    public Builder membership(Membership membership) {
      this.membership = Checks.notNull("membership", membership);
      return this;
    }

    /** The EC2 side (required). Never closed by us. */
    public Builder elasticIpManager(ElasticIpManager manager) {
      this.elasticIpManager = Checks.notNull("elasticIpManager", manager);
      return this;
    }

    /**
     * The split-brain guard (required, so the choice is explicit; {@link
     * SplitBrainGuards#unguarded()} is the loud opt-out).
     */
    public Builder guard(SplitBrainGuard guard) {
      this.guard = Checks.notNull("guard", guard);
      return this;
    }

    /** The placement strategy; default {@link FailoverStrategies#defaults()}. */
    public Builder strategy(FailoverStrategy strategy) {
      this.strategy = Checks.notNull("strategy", strategy);
      return this;
    }

    /**
     * The local service check, run every {@link FailoverConfig#healthCheckInterval()}; default
     * always healthy. Wrap it in {@link HealthChecks#riseFall} to debounce.
     */
    public Builder healthCheck(HealthCheck check) {
      this.healthCheck = Checks.notNull("healthCheck", check);
      return this;
    }

    /** Adds a listener called in order on {@code executor}. */
    public Builder listener(FailoverListener listener, Executor executor) {
      listeners.add(new FailoverParts.Registration(
          Checks.notNull("listener", listener),
          Checks.notNull("listener executor", executor)));
      return this;
    }

    /** Elapsed-time source shared with the membership; default the system ticker. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Checks.notNull("ticker", ticker);
      return this;
    }

    /** Wall-clock source for event timestamps; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Where all work is scheduled. Not closed by us. Default: a two-thread scheduler created and
     * closed by the failover (one for the reconciler, one for health probes).
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Checks.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * Where EC2 calls and guard evaluations run, off the loop and each under a deadline ({@link
     * FailoverConfig#callTimeout()}, {@link FailoverConfig#guardTimeout()}), so a slow one never
     * delays the others. Not closed by us. Default: a cached pool of daemon threads created and
     * closed by the failover (at most one thread per EIP plus one, as calls are bounded by the
     * budget and one question per EIP). A simulation injects a virtual-time executor.
     */
    public Builder ioExecutor(Executor ioExecutor) {
      this.ioExecutor = Checks.notNull("ioExecutor", ioExecutor);
      return this;
    }

    /** Source of back-off jitter; default a new {@link Random}. Inject a seeded one for replay. */
    public Builder random(Random random) {
      this.random = Checks.notNull("random", random);
      return this;
    }

    /** The tuning; default {@link FailoverConfig#defaults()}. */
    public Builder config(FailoverConfig config) {
      this.config = Checks.notNull("config", config);
      return this;
    }

    /** Validates across fields and builds (not started). */
    public EipFailover build() {
      Checks.required("topology", topology);
      Checks.required("self", self);
      Checks.required("membership", membership);
      Checks.required("elasticIpManager", elasticIpManager);
      Checks.require(guard != null,
          "guard must be set; choose one from SplitBrainGuards (unguarded() opts out explicitly)");
      Checks.require(topology.contains(self), "self '%s' is not a node of the topology %s", self, topology.nodeIds());
      int tolerated = config.toleratedFailures().orElse(Math.min(1, topology.nodes().size() - 1));
      topology.requireReservedCapacity(strategy, tolerated);
      return new DefaultEipFailover(new FailoverParts(topology, self, membership, elasticIpManager, guard, strategy,
          healthCheck, List.copyOf(listeners), ticker, clock, scheduler, ioExecutor, random != null ? random : new Random(),
          config.toBuilder().toleratedFailures(tolerated).build()));
    }
  }
}
