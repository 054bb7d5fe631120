package io.eipfailover.core.testing;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverConfigBuilder;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A simulated cluster of 1 to N nodes, each running the real {@link EipFailover} (built with
 * {@link EipFailover#builder()}) on a shared {@link VirtualTime}: its own {@link VirtualScheduler}
 * lane, a membership from a pluggable factory (default {@link SimHeartbeatMembership} over the
 * cluster's {@link SimNetwork}), a {@link FakeElasticIpManager} on the shared {@link SimulatedEc2},
 * a per-node strategy instance and a guard wrapped in a {@link RecordingGuard}. Faults are applied
 * through methods ({@link #crash}, {@link #restart}, {@link #pause}, {@link #setHealthy}, {@link
 * #standby}, and the network and EC2 objects); every failover event is recorded with its virtual
 * time.
 *
 * <p>Everything random derives from the seed, so one seed gives one run. Not thread-safe: drive it
 * from the test's thread.
 */
public final class SimulatedCluster {
  private final ClusterTopology topology;
  private final SimTimings timings;
  private final VirtualTime time = new VirtualTime();
  private final Random random;
  private final SimNetwork network;
  private final SimulatedEc2 ec2;
  private final Map<NodeId, SimNode> nodes = new TreeMap<>();
  private final List<SimEvent> events = new ArrayList<>();
  private final List<GuardRecord> guardLog = new ArrayList<>();
  private final Function<NodeContext, Membership> membershipFactory;
  private final Function<NodeContext, SplitBrainGuard> guardFactory;
  private final Function<NodeContext, FailoverStrategy> strategyFactory;
  private final BiFunction<NodeContext, ElasticIpManager, ElasticIpManager> managerWrapper;
  private final Consumer<EipFailover.Builder> configure;
  private final UnaryOperator<FailoverConfigBuilder> tuning;
  private final Duration ioLatency;
  private final int apiBurst;
  private long sequence;
  private final double apiCallsPerSecond;

  private SimulatedCluster(Builder b) {
    this.apiBurst = b.apiBurst;
    this.apiCallsPerSecond = b.apiCallsPerSecond;
    this.topology = b.topology;
    this.timings = b.timings;
    this.random = new Random(b.seed);
    this.network = new SimNetwork(new Random(random.nextLong()));
    this.ec2 = new SimulatedEc2(topology, time.scheduler("ec2"), new Random(random.nextLong()));
    this.membershipFactory = b.membership;
    this.guardFactory = b.guard;
    this.strategyFactory = b.strategy;
    this.managerWrapper = b.managerWrapper;
    this.configure = b.configure;
    this.tuning = b.tuning;
    this.ioLatency = b.ioLatency;
    if (b.placeAtHome) {
      ec2.placeAllAtHome();
    }
    for (NodeId id : topology.nodeIds()) {
      nodes.put(id, new SimNode(id));
    }
  }

  /** A new builder. */
  public static Builder builder(ClusterTopology topology) {
    return new Builder(topology);
  }

  /** Starts every node (first incarnation). */
  public SimulatedCluster start() {
    for (SimNode n : nodes.values()) {
      launch(n);
    }
    return this;
  }

  private void launch(SimNode n) {
    n.incarnation++;
    n.crashed = false;
    n.startedAtNanos = time.nanos();
    n.startTimes.add(n.startedAtNanos);
    n.scheduler = time.scheduler(n.id + "#" + n.incarnation);
    NodeContext ctx = new NodeContext(n.id, n.incarnation, topology, n.scheduler, network, timings,
        new Random(random.nextLong()));
    n.membership = membershipFactory.apply(ctx);
    n.manager = managerWrapper.apply(ctx, new FakeElasticIpManager(ec2, n.id));
    n.strategy = strategyFactory.apply(ctx);
    SplitBrainGuard guard = new RecordingGuard(n.id, guardFactory.apply(ctx), time.ticker(), guardLog, () -> sequence++);
    int incarnation = n.incarnation;
    FailoverConfigBuilder config = FailoverConfig.builder().toleratedFailures(0)
        .healthCheckInterval(timings.healthCheckInterval()).resyncInterval(timings.resyncInterval())
        .detectionDeadline(timings.detection()).confirmDelay(timings.confirmDelay())
        .initialBackoff(timings.initialBackoff()).maxBackoff(timings.maxBackoff()).holdTime(timings.holdTime())
        .startupGrace(timings.startupGrace()).apiBurst(apiBurst).apiCallsPerSecond(apiCallsPerSecond)
        .throttleRecovery(throttleRecovery());
    EipFailover.Builder fb = EipFailover.builder()
        .topology(topology).self(n.id).membership(n.membership).elasticIpManager(n.manager)
        .guard(guard).strategy(n.strategy)
        .healthCheck(() -> n.healthy ? HealthResult.healthy("sim healthy") : HealthResult.unhealthy("sim unhealthy"))
        .listener(e -> events.add(new SimEvent(time.nanos(), sequence++, n.id, incarnation, e)), Runnable::run)
        .ticker(time.ticker()).clock(time.clock()).scheduler(n.scheduler).ioExecutor(io(n.scheduler))
        .random(new Random(random.nextLong()))
        .config(tuning.apply(config).build());
    configure.accept(fb);
    n.failover = fb.build();
    n.failover.start();
    if (n.standby) {
      n.failover.standby();
    }
  }

  /**
   * The node's I/O executor: its own lane (so a paused or crashed node's calls pause or die with
   * it), each call delayed by a uniform draw in [0, ioLatency] when a latency is set.
   */
  private Executor io(VirtualScheduler lane) {
    if (ioLatency.isZero()) {
      return lane;
    }
    Random latency = new Random(random.nextLong());
    long max = ioLatency.toNanos();
    return task -> lane.schedule(task, (long) (latency.nextDouble() * max), TimeUnit.NANOSECONDS);
  }

  // ---- faults -------------------------------------------------------------------------------

  /** Crash: the node's lane is killed (nothing of it runs again) and its address unbound. */
  public void crash(NodeId id) {
    SimNode n = node(id);
    if (n.crashed) {
      return;
    }
    n.crashed = true;
    n.scheduler.kill();
    network.unbind(id.value());
  }

  /** Starts a new incarnation of a crashed node (healthy; standby state is kept). */
  public void restart(NodeId id) {
    SimNode n = node(id);
    if (!n.crashed) {
      return;
    }
    launch(n);
  }

  /** Freezes the node: its due tasks wait until {@link #resume}, then run late. */
  public void pause(NodeId id) {
    SimNode n = node(id);
    if (!n.crashed) {
      n.scheduler.pause();
    }
  }

  /** Thaws a paused node. */
  public void resume(NodeId id) {
    SimNode n = node(id);
    if (!n.crashed) {
      n.scheduler.resume();
    }
  }

  /** Sets what the node's health check reports from its next probe on. */
  public void setHealthy(NodeId id, boolean healthy) {
    node(id).healthy = healthy;
  }

  /** Puts the node in standby (peers pull its EIPs). */
  public void standby(NodeId id) {
    SimNode n = node(id);
    n.standby = true;
    if (!n.crashed) {
      n.failover.standby();
    }
  }

  /** Leaves standby. */
  public void resumeFromStandby(NodeId id) {
    SimNode n = node(id);
    n.standby = false;
    if (!n.crashed) {
      n.failover.resume();
    }
  }

  /** Heals everything: restarts crashed nodes, resumes paused ones, health and standby back, network and EC2 clean. */
  public void healAll() {
    network.heal();
    network.resetLinks();
    network.setDefaults(LinkSettings.CLEAN);
    ec2.healFaults();
    for (SimNode n : nodes.values()) {
      n.healthy = true;
      if (n.crashed) {
        n.standby = false;
        launch(n);
      } else {
        n.scheduler.resume();
        if (n.standby) {
          resumeFromStandby(n.id);
        }
      }
    }
  }

  /** Runs the simulation for {@code d} of virtual time. */
  public void advance(Duration d) {
    time.advance(d);
  }

  // ---- accessors ----------------------------------------------------------------------------

  public ClusterTopology topology() {
    return topology;
  }

  public SimTimings timings() {
    return timings;
  }

  public VirtualTime time() {
    return time;
  }

  public SimNetwork network() {
    return network;
  }

  public SimulatedEc2 ec2() {
    return ec2;
  }

  /** The EC2 call budget every node is configured with: burst. */
  public int apiBurst() {
    return apiBurst;
  }

  /**
   * How long a node's call rate takes to climb back to {@link #apiCallsPerSecond} after EC2 throttled
   * it ({@code FailoverConfig.throttleRecovery}): twice the longest back-off.
   */
  public Duration throttleRecovery() {
    return timings.maxBackoff().multipliedBy(2);
  }

  /** The EC2 call budget every node is configured with: refill per second. */
  public double apiCallsPerSecond() {
    return apiCallsPerSecond;
  }

  /** One node, or an exception naming the unknown id. */
  public SimNode node(NodeId id) {
    SimNode n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("node '" + id + "' is not in the cluster " + nodes.keySet());
    }
    return n;
  }

  /** The nodes, sorted by id. */
  public Collection<SimNode> nodes() {
    return Collections.unmodifiableCollection(nodes.values());
  }

  /** Every failover event so far, in order. */
  public List<SimEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** The events one node reported so far (all its incarnations), in order. */
  public List<SimEvent> eventsOf(NodeId id) {
    node(id);
    return events.stream().filter(e -> e.node().equals(id)).toList();
  }

  /** Every guard verdict so far, in order. */
  public List<GuardRecord> guardLog() {
    return Collections.unmodifiableList(guardLog);
  }

  /** Builds a {@link SimulatedCluster}. Not thread-safe. */
  public static final class Builder {
    private final ClusterTopology topology;
    private long seed;
    private SimTimings timings = SimTimings.FAST;
    private boolean placeAtHome = true;
    private Function<NodeContext, Membership> membership = ctx -> new SimHeartbeatMembership(ctx.self(),
        ctx.topology(), ctx.network(), ctx.scheduler(), ctx.timings().heartbeatInterval(),
        ctx.timings().deadAfterIntervals());
    private Function<NodeContext, SplitBrainGuard> guard = Builder::defaultGuard;
    private Function<NodeContext, FailoverStrategy> strategy =
        ctx -> FailoverStrategies.homeWithFailback(ctx.timings().failbackDelay());
    private BiFunction<NodeContext, ElasticIpManager, ElasticIpManager> managerWrapper = (ctx, m) -> m;
    private Consumer<EipFailover.Builder> configure = b -> {};
    private UnaryOperator<FailoverConfigBuilder> tuning = c -> c;
    private Duration ioLatency = Duration.ZERO;
    private int apiBurst = 20;
    private double apiCallsPerSecond = 2.0;

    private Builder(ClusterTopology topology) {
      this.topology = Objects.requireNonNull(topology, "topology must not be null");
    }

    /**
     * Quorum for three nodes or more; for a pair, quorum or the simulated gateway ({@link
     * SimGuards#gateway}), since a pair never has a majority with one node gone.
     */
    public static SplitBrainGuard defaultGuard(NodeContext ctx) {
      return ctx.topology().nodes().size() >= 3 ? SplitBrainGuards.quorum()
          : SplitBrainGuards.anyOf(SplitBrainGuards.quorum(), SimGuards.gateway(ctx.network(), ctx.self()));
    }

    /** The seed every random choice derives from. Default 0. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder timings(SimTimings timings) {
      this.timings = Objects.requireNonNull(timings, "timings must not be null");
      return this;
    }

    /** Whether EIPs start associated with their home points (default) or unassociated. */
    public Builder placeAtHome(boolean placeAtHome) {
      this.placeAtHome = placeAtHome;
      return this;
    }

    /** Builds each incarnation's membership (e.g. the UDP module's real protocol on the sim network). */
    public Builder membership(Function<NodeContext, Membership> factory) {
      this.membership = Objects.requireNonNull(factory, "membership factory must not be null");
      return this;
    }

    /** Builds each incarnation's guard (wrapped in a {@link RecordingGuard} by the cluster). */
    public Builder guard(Function<NodeContext, SplitBrainGuard> factory) {
      this.guard = Objects.requireNonNull(factory, "guard factory must not be null");
      return this;
    }

    /** Builds each incarnation's strategy instance. Default home-with-fail-back(failbackDelay). */
    public Builder strategy(Function<NodeContext, FailoverStrategy> factory) {
      this.strategy = Objects.requireNonNull(factory, "strategy factory must not be null");
      return this;
    }

    /** Wraps each node's {@link FakeElasticIpManager} (e.g. a deliberately broken one). */
    public Builder elasticIpManager(BiFunction<NodeContext, ElasticIpManager, ElasticIpManager> wrapper) {
      this.managerWrapper = Objects.requireNonNull(wrapper, "elasticIpManager wrapper must not be null");
      return this;
    }

    /** Every node's EC2 call budget (checked by {@link InvariantChecker}). Default 20 and 2/s. */
    public Builder apiBudget(int burst, double callsPerSecond) {
      this.apiBurst = burst;
      this.apiCallsPerSecond = callsPerSecond;
      return this;
    }

    /** Extra collaborators set on every node's {@link EipFailover.Builder} after the cluster's own. */
    public Builder configure(Consumer<EipFailover.Builder> configure) {
      this.configure = Objects.requireNonNull(configure, "configure must not be null");
      return this;
    }

    /**
     * Changes every node's {@link FailoverConfig} after the timings and budget are applied (e.g. a
     * budget other than the one {@link InvariantChecker} is told about).
     */
    public Builder config(UnaryOperator<FailoverConfigBuilder> tuning) {
      this.tuning = Objects.requireNonNull(tuning, "config tuning must not be null");
      return this;
    }

    /**
     * Delays each node's EC2 calls and guard evaluations by a uniform draw in [0, {@code max}] of
     * virtual time (default zero: they answer in the instant they are asked).
     */
    public Builder ioLatency(Duration max) {
      Objects.requireNonNull(max, "ioLatency must not be null");
      if (max.isNegative()) {
        throw new IllegalArgumentException("ioLatency must be >= 0, was " + max);
      }
      this.ioLatency = max;
      return this;
    }

    /** Builds the cluster (not started). */
    public SimulatedCluster build() {
      return new SimulatedCluster(this);
    }
  }
}
