package io.eipfailover.examples.agent.hooks;

import com.google.common.base.Ticker;
import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.runtime.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured hook of each event. Register it as a {@link FailoverListener}: it only hands
 * the run to a lane and returns, so the failover loop is never blocked or delayed. Runs of one lane
 * (one EIP, or {@code node} for peer and local events) happen one at a time, in event order; lanes
 * run side by side on the pool. A run that fails (non-zero exit, could not start) or outlives
 * {@code timeout} (then killed) is logged, counted ({@link #runs()}, the agent's {@code /metrics}) and reported to
 * {@code problems}; it is never retried. A lane with {@link #MAX_PENDING} runs waiting drops new
 * ones (reported), so a flapping cluster cannot queue hooks without bound.
 *
 * <p>{@link #observe} turns observations into {@code eip-released}: an EIP this node held that a
 * peer now holds. {@link #update} (SIGHUP) swaps the commands and the time limit for the events
 * that follow; runs already handed to a lane keep theirs. Lifecycle: {@link #close()} (idempotent)
 * gives running hooks two seconds, then kills them; it shuts the pool down (owned, created by the
 * caller for this instance). Thread-safe.
 */
public final class Hooks implements FailoverListener, AutoCloseable {
  static final int MAX_PENDING = 20;
  private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

  private final NodeId self;
  private final String cluster;
  private final boolean dryRun;
  private final ClusterTopology topology;
  private volatile Map<HookEvent, String> commands;
  private volatile Duration timeout;
  private final HookRunner runner;
  private final ExecutorService pool;
  private final Clock clock;
  private final BiConsumer<String, String> problems;
  private final Map<String, Executor> lanes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> runs = new ConcurrentHashMap<>();
  private final Map<String, Boolean> heldHere = new ConcurrentHashMap<>();
  private java.util.concurrent.ScheduledExecutorService watcher;
  private java.util.function.Supplier<Map<String, ObservedAssociation>> watched;
  private Duration watchPeriod;

  /**
   * @param commands the command of each configured event
   * @param pool runs the lanes; owned by this instance (shut down by {@link #close()})
   * @param problems told (type, detail) of every failed, timed-out or dropped run
   */
  public Hooks(NodeId self, String cluster, boolean dryRun, ClusterTopology topology, Map<HookEvent, String> commands,
      Duration timeout, ExecutorService pool, Ticker ticker, Clock clock, BiConsumer<String, String> problems) {
    this.self = Checks.notNull("self", self);
    this.cluster = Checks.notNull("cluster", cluster);
    this.dryRun = dryRun;
    this.topology = Checks.notNull("topology", topology);
    this.commands = Map.copyOf(Checks.notNull("commands", commands));
    this.timeout = Checks.positive("timeout", timeout);
    this.pool = Checks.notNull("pool", pool);
    this.clock = Checks.notNull("clock", clock);
    this.problems = Checks.notNull("problems", problems);
    this.runner = new HookRunner(Checks.notNull("ticker", ticker), List.of("/bin/sh", "-c"));
  }

  /** Whether any hook is configured now. */
  public boolean any() {
    return !commands.isEmpty();
  }

  /** New commands and time limit for the events from now on (SIGHUP). */
  public synchronized void update(Map<HookEvent, String> commands, Duration timeout) {
    this.commands = Map.copyOf(Checks.notNull("commands", commands));
    this.timeout = Checks.positive("timeout", timeout);
    LOG.info("[id={}] hooks now: {} (time limit {} ms)", self, this.commands.keySet(), timeout.toMillis());
    startWatcherIfNeeded();
  }

  @Override
  public void onEvent(FailoverEvent event) {
    HookCall.of(event, cluster, dryRun).ifPresent(this::submit);
  }

  /**
   * Notes where the EIPs are; an EIP that was on this node and is now on a peer (or nowhere) runs
   * {@code eip-released}. The first observation of an EIP only sets the baseline.
   */
  public void observe(Map<String, ObservedAssociation> observed) {
    for (ElasticIp eip : topology.elasticIps()) {
      ObservedAssociation o = observed.get(eip.allocationId());
      if (o == null) {
        continue;
      }
      Optional<NodeId> holder = o.isAssociated() ? topology.ownerOf(o.privateIp().get()) : Optional.empty();
      boolean here = holder.map(self::equals).orElse(false);
      Boolean before = heldHere.put(eip.allocationId(), here);
      if (Boolean.TRUE.equals(before) && !here) {
        submit(HookCall.released(self, clock.instant(), cluster, dryRun, eip, holder, o.privateIp().orElse("")));
      }
    }
  }

  /**
   * With an {@code eip-released} hook: calls {@link #observe} with {@code observed} every {@code
   * period} on a thread of its own (stopped by {@link #close()}), so a release is seen even when no
   * event happens on this node (a peer pulled the EIP of a standby or unhealthy node).
   */
  public synchronized void watch(java.util.function.Supplier<Map<String, ObservedAssociation>> observed,
      Duration period) {
    this.watched = Checks.notNull("observed", observed);
    this.watchPeriod = Checks.positive("period", period);
    startWatcherIfNeeded();
  }

  private void startWatcherIfNeeded() {
    if (!commands.containsKey(HookEvent.EIP_RELEASED) || watcher != null || watched == null || pool.isShutdown()) {
      return;
    }
    java.util.function.Supplier<Map<String, ObservedAssociation>> observed = watched;
    Duration period = watchPeriod;
    watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eipfailover-hook-watch-" + self);
      t.setDaemon(true);
      return t;
    });
    watcher.scheduleWithFixedDelay(() -> {
      try {
        observe(observed.get());
      } catch (RuntimeException e) {
        LOG.warn("[id={}] eip-released check failed: {}", self, e.toString());
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  void submit(HookCall call) {
    String command = commands.get(call.event());
    Duration limit = timeout;
    if (command == null) {
      return;
    }
    AtomicInteger waiting = pending.computeIfAbsent(call.lane(), k -> new AtomicInteger());
    if (waiting.incrementAndGet() > MAX_PENDING) {
      waiting.decrementAndGet();
      count(call.event(), "dropped");
      LOG.warn("[id={}] hook {} for {} dropped: {} runs of that lane are waiting", self, call.event(), call.lane(),
          MAX_PENDING);
      problems.accept("hook-dropped", call.event() + " (" + call.lane() + "): " + MAX_PENDING + " runs waiting");
      return;
    }
    try {
      lanes.computeIfAbsent(call.lane(), k -> MoreExecutors.newSequentialExecutor(pool)).execute(() -> {
        waiting.decrementAndGet();
        run(call, command, limit);
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      waiting.decrementAndGet();
      LOG.debug("[id={}] hook {} not run: stopping", self, call.event());
    }
  }

  private void run(HookCall call, String command, Duration limit) {
    LOG.info("[id={}] hook {}: running for {}", self, call.event(), call.lane());
    HookRunner.Outcome o = runner.run(call, command, limit,
        line -> LOG.info("[id={}] hook {}: {}", self, call.event(), line));
    count(call.event(), o.result().name().toLowerCase(java.util.Locale.ROOT));
    if (o.result() == HookRunner.Result.OK) {
      LOG.info("[id={}] hook {}: done in {} ms", self, call.event(), o.took().toMillis());
      return;
    }
    LOG.warn("[id={}] hook {} {} after {} ms: {} (not retried)", self, call.event(),
        o.result().name().toLowerCase(java.util.Locale.ROOT), o.took().toMillis(), o.detail());
    problems.accept("hook-" + o.result().name().toLowerCase(java.util.Locale.ROOT), call.event() + " ("
        + call.lane() + "): " + o.detail());
  }

  private void count(HookEvent event, String result) {
    runs.computeIfAbsent(event.configName() + "\u0000" + result, k -> new LongAdder()).increment();
  }

  /** Runs by event and result ({@code ok}, {@code failed}, {@code timeout}, {@code error}, {@code dropped}). */
  public Map<String, Long> runs() {
    Map<String, Long> out = new TreeMap<>();
    runs.forEach((k, v) -> out.put(k.replace('\u0000', '/'), v.sum()));
    return out;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (watcher != null) {
        watcher.shutdownNow();
      }
    }
    if (pool.isShutdown()) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
