package io.eipfailover.core;

import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.internal.DefaultEipFailover;
import io.eipfailover.core.internal.FailoverSettings;
import com.google.common.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * and closes the membership and the scheduler if this object created it. The {@link
 * ElasticIpManager} and an injected scheduler are never closed. Thread-safe: all work runs on one
 * logical thread; the methods here only post to it.
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
   * Graceful standby: announce {@link NodeStatus#STANDBY} so peers pull this node's EIPs while it
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
   * Builds an {@link EipFailover}. Every setter validates at once; {@link #build()} checks across
   * fields. Not thread-safe.
   */
  final class Builder {
    private ClusterTopology topology;
    private NodeId self;
    private Membership membership;
    private ElasticIpManager elasticIpManager;
    private SplitBrainGuard guard;
    private FailoverStrategy strategy = FailoverStrategies.defaults();
    private Integer toleratedFailures;
    private HealthCheck healthCheck;
    private Duration healthCheckInterval = Duration.ofSeconds(1);
    private final List<FailoverSettings.Registration> listeners = new ArrayList<>();
    private Ticker ticker = Ticker.systemTicker();
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Random random;
    private boolean dryRun;
    private Duration resyncInterval = Duration.ofSeconds(30);
    private Duration tickInterval = Duration.ofMillis(250);
    private Duration detectionDeadline = Duration.ofSeconds(1);
    private Duration confirmDelay = Duration.ofMillis(500);
    private Duration inFlightTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration holdTime = Duration.ofSeconds(30);
    private Duration startupGrace = Duration.ofSeconds(2);
    private int apiBurst = 20;
    private double apiCallsPerSecond = 2.0;


    Builder() {}

    /** The cluster (required). */
    public Builder topology(ClusterTopology topology) {
      this.topology = Objects.requireNonNull(topology, "topology must not be null");
      return this;
    }

    /** This node (required; must be a node of the topology). */
    public Builder self(NodeId self) {
      this.self = Objects.requireNonNull(self, "self must not be null");
      return this;
    }

    /** The membership (required). Started by {@link EipFailover#start()}, closed by {@code close()}. */
    public Builder membership(Membership membership) {
      this.membership = Objects.requireNonNull(membership, "membership must not be null");
      return this;
    }

    /** The EC2 side (required). Never closed by us. */
    public Builder elasticIpManager(ElasticIpManager manager) {
      this.elasticIpManager = Objects.requireNonNull(manager, "elasticIpManager must not be null");
      return this;
    }

    /**
     * The split-brain guard (required, so the choice is explicit; {@link
     * SplitBrainGuards#unguarded()} is the loud opt-out).
     */
    public Builder guard(SplitBrainGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard must not be null");
      return this;
    }

    /** The placement strategy; default {@link FailoverStrategies#defaults()}. */
    public Builder strategy(FailoverStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
      return this;
    }

    /**
     * How many simultaneous node failures the cluster must survive; {@link #build()} checks every
     * node has the reserved IPs the strategy needs for that. Default 1 (0 for a single node).
     */
    public Builder toleratedFailures(int toleratedFailures) {
      if (toleratedFailures < 0) {
        throw new IllegalArgumentException("toleratedFailures must be >= 0, was " + toleratedFailures);
      }
      this.toleratedFailures = toleratedFailures;
      return this;
    }

    /**
     * The local service check and how often to run it; default always healthy. Wrap it in {@link
     * HealthChecks#riseFall} to debounce.
     */
    public Builder healthCheck(HealthCheck check, Duration interval) {
      this.healthCheck = Objects.requireNonNull(check, "healthCheck must not be null");
      this.healthCheckInterval = positive("healthCheckInterval", interval);
      return this;
    }

    /** Adds a listener called in order on {@code executor}. */
    public Builder listener(FailoverListener listener, Executor executor) {
      listeners.add(new FailoverSettings.Registration(
          Objects.requireNonNull(listener, "listener must not be null"),
          Objects.requireNonNull(executor, "listener executor must not be null")));
      return this;
    }

    /** Elapsed-time source shared with the membership; default the system ticker. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    /** Wall-clock source for event timestamps; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Where all work is scheduled. Not closed by us. Default: a two-thread scheduler created and
     * closed by the failover (one for the reconciler, one for health probes).
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      return this;
    }

    /** Source of back-off jitter; default a new {@link Random}. Inject a seeded one for replay. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random must not be null");
      return this;
    }

    /** Plan and report, but never call {@link ElasticIpManager#associate}. Default false. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * How often EC2 is described even when nothing changed, to repair drift. Default 30 s: at most
     * one filtered describe per 30 s in steady state. Shorter repairs hand-made changes sooner but
     * spends the account's shared Describe budget.
     */
    public Builder resyncInterval(Duration interval) {
      this.resyncInterval = positive("resyncInterval", interval);
      return this;
    }

    /**
     * How often the loop wakes to check timers (retries, confirmations, resync) and its own
     * lateness. Takeovers do not wait for it: views and status changes act at once. Default 250 ms;
     * shorter retries sooner after a back-off, at a few more wake-ups per second.
     */
    public Builder tickInterval(Duration interval) {
      this.tickInterval = positive("tickInterval", interval);
      return this;
    }

    /**
     * The membership's detection deadline. A tick that comes later than this (this node was paused:
     * GC, CPU steal, SIGSTOP) suspends takeovers until a fresh view arrives or one deadline passes.
     * Default 1 s, the UDP membership's default profile.
     */
    public Builder detectionDeadline(Duration deadline) {
      this.detectionDeadline = positive("detectionDeadline", deadline);
      return this;
    }

    /** Delay before the describe that confirms an associate call. Default 500 ms. */
    public Builder confirmDelay(Duration delay) {
      this.confirmDelay = positive("confirmDelay", delay);
      return this;
    }

    /**
     * Per-EIP exponential back-off after a failed call, from {@code initial} doubling to {@code
     * max}, each wait jittered down by up to half. Defaults 250 ms and 10 s: the token bucket already
     * protects the account's budget, and a longer cap delays the takeover after an API outage.
     */
    public Builder backoff(Duration initial, Duration max) {
      positive("backoff initial", initial);
      positive("backoff max", max);
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff max must be >= initial (" + initial + "), was " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Flap damping: after a live peer pulled an EIP away from this node, this node does not pull it
     * back for this long. Default 30 s. Longer stops ping-pong between two confused nodes sooner;
     * shorter lets a legitimate return happen sooner.
     */
    public Builder holdTime(Duration holdTime) {
      this.holdTime = positive("holdTime", holdTime);
      return this;
    }

    /**
     * Heartbeat's {@code initdead}: for this long after {@link EipFailover#start()} this node takes
     * no EIP from a peer it has not heard (the membership may not have heard it yet), and none
     * before the membership has delivered its first view. Default 2 s;
     * zero disables. Too short and a node starting before its peers steals their EIPs.
     */
    public Builder startupGrace(Duration grace) {
      Objects.requireNonNull(grace, "startupGrace must not be null");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("startupGrace must be >= 0, was " + grace);
      }
      this.startupGrace = grace;
      return this;
    }

    /**
     * The token bucket for EC2 calls made by this node: {@code burst} calls at once, refilled at
     * {@code callsPerSecond}. Defaults 20 and 2/s, well inside EC2's per-account buckets.
     */
    public Builder apiBudget(int burst, double callsPerSecond) {
      if (burst < 1) {
        throw new IllegalArgumentException("apiBudget burst must be >= 1, was " + burst);
      }
      if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
        throw new IllegalArgumentException("apiBudget callsPerSecond must be > 0, was " + callsPerSecond);
      }
      this.apiBurst = burst;
      this.apiCallsPerSecond = callsPerSecond;
      return this;
    }

    /** Validates across fields and builds (not started). */
    public EipFailover build() {
      require(topology, "topology");
      require(self, "self");
      require(membership, "membership");
      require(elasticIpManager, "elasticIpManager");
      if (guard == null) {
        throw new IllegalArgumentException(
            "guard must be set; choose one from SplitBrainGuards (unguarded() opts out explicitly)");
      }
      if (!topology.contains(self)) {
        throw new IllegalArgumentException(
            "self '" + self + "' is not a node of the topology " + topology.nodeIds());
      }
      int tolerated = toleratedFailures != null ? toleratedFailures : Math.min(1, topology.nodes().size() - 1);
      topology.requireReservedCapacity(strategy, tolerated);
      if (tickInterval.compareTo(detectionDeadline) >= 0) {
        throw new IllegalArgumentException(
            "tickInterval must be shorter than detectionDeadline (" + detectionDeadline + "), was " + tickInterval);
      }
      return new DefaultEipFailover(new FailoverSettings(
          topology, self, membership, elasticIpManager, guard, strategy, tolerated,
          healthCheck != null ? healthCheck : HealthChecks.alwaysHealthy(), healthCheckInterval,
          List.copyOf(listeners), ticker, clock, scheduler, random != null ? random : new Random(), dryRun,
          resyncInterval, tickInterval, detectionDeadline, confirmDelay, inFlightTimeout, initialBackoff,
          maxBackoff, holdTime, startupGrace, apiBurst, apiCallsPerSecond));
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " must be set");
      }
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name + " must not be null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0, was " + d);
      }
      return d;
    }
  }
}
