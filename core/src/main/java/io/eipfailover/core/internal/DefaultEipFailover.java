package io.eipfailover.core.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.PeerState;
import io.eipfailover.core.event.ConfigMismatch;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.event.LocalStatusChanged;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EipFailover} implementation: owns the single logical thread (a sequential executor on
 * the scheduler) on which the {@link Reconciler}, membership callbacks and health results run.
 * Thread-safe: public methods only post work to that thread.
 */
public final class DefaultEipFailover implements EipFailover {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultEipFailover.class);

  private final FailoverParts s;
  private final NodeId self;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Executor loop;
  private final EventBus bus = new EventBus();
  private final Reconciler reconciler;
  private final PeerChangeReporter peerChanges;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile FailoverStatus status;
  // Loop-confined state:
  private boolean standby;
  private boolean healthy = true;
  private NodeStatus announced = NodeStatus.ALIVE;
  private long lastLoopEnd = Long.MIN_VALUE;

  public DefaultEipFailover(FailoverParts settings) {
    this.s = settings;
    this.self = settings.self();
    this.ownsScheduler = settings.scheduler() == null;
    this.scheduler = ownsScheduler ? Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "eipfailover-" + settings.self());
      t.setDaemon(true);
      return t;
    }) : settings.scheduler();
    this.loop = MoreExecutors.newSequentialExecutor(scheduler);
    settings.listeners().forEach(r -> bus.add(r.listener(), r.executor()));
    this.reconciler = new Reconciler(settings, initialView(), bus::publish);
    this.peerChanges = new PeerChangeReporter(self, settings.clock(), bus::publish);
    this.status = reconciler.status(false);
  }

  private MembershipView initialView() {
    Map<NodeId, PeerState> members = new TreeMap<>();
    long now = s.ticker().read();
    for (NodeId n : s.topology().nodeIds()) {
      members.put(n, PeerState.of(n.equals(self) ? NodeState.ALIVE : NodeState.DEAD, now));
    }
    return new MembershipView(0, self, members);
  }

  @Override
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("EipFailover for " + self + " was already started");
    }
    LOG.info("[id={}] starting: {} strategy {}, guard {}{}", self, s.topology(), s.strategy(), s.guard(),
        s.config().dryRun() ? ", DRY RUN (no associate calls)" : "");
    s.membership().addListener(new MembershipListener() {
      @Override
      public void viewChanged(MembershipView view) {
        onLoop(() -> {
          peerChanges.report(reconciler.view(), view);
          reconciler.onView(view);
        });
      }

      @Override
      public void configMismatch(NodeId peer, long ours, long theirs) {
        LOG.error("[id={}] peer {} runs a different topology (fingerprint {} vs ours {}): plans may disagree",
            self, peer, Long.toHexString(theirs), Long.toHexString(ours));
        bus.publish(new ConfigMismatch(self, s.clock().instant(), peer, ours, theirs));
      }

      @Override
      public void lateHeartbeat(NodeId peer, Duration late) {
        LOG.debug("[id={}] heartbeat from {} late by {}", self, peer, late);
      }
    }, loop);
    s.membership().announce(NodeStatus.ALIVE);
    s.membership().start();
    scheduleHealthCheck(0);
    onLoop(reconciler::onStart);
    scheduleTick(0);
  }

  private void scheduleTick(long delayNanos) {
    if (closed.get()) {
      return;
    }
    scheduler.schedule(() -> onLoop(this::tick), delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * The loop runs at least every tick interval, so a gap between two loop tasks longer than a tick
   * plus the detection deadline means this node itself was paused (GC, steal, SIGSTOP).
   */
  private void detectLocalPause() {
    long now = s.ticker().read();
    if (lastLoopEnd != Long.MIN_VALUE) {
      long gap = now - lastLoopEnd;
      if (gap > tickInterval().toNanos() + s.config().detectionDeadline().toNanos()) {
        reconciler.onLocalPause(gap);
      }
    }
  }

  private void tick() {
    try {
      reconciler.tick();
    } finally {
      scheduleTick(tickInterval().toNanos());
    }
  }

  private void scheduleHealthCheck(long delayNanos) {
    if (closed.get()) {
      return;
    }
    scheduler.schedule(() -> {
      HealthResult result;
      try {
        result = s.healthCheck().check();
      } catch (RuntimeException e) {
        result = HealthResult.unhealthy("health check threw " + e);
      }
      HealthResult r = result;
      onLoop(() -> onHealth(r));
      scheduleHealthCheck(s.config().healthCheckInterval().toNanos());
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void onHealth(HealthResult result) {
    if (result.healthy() != healthy) {
      healthy = result.healthy();
      LOG.warn("[id={}] local service is now {}: {}", self, healthy ? "healthy" : "UNHEALTHY", result.detail());
      announce(result.detail());
    }
  }

  private void announce(String reason) {
    NodeStatus status = standby ? NodeStatus.STANDBY : healthy ? NodeStatus.ALIVE : NodeStatus.UNHEALTHY;
    if (status == announced) {
      return;
    }
    announced = status;
    s.membership().announce(status);
    bus.publish(new LocalStatusChanged(self, s.clock().instant(), status, reason));
    reconciler.onLocalStatus(status);
  }

  /** Runs {@code work} on the loop; a failure is logged and the loop goes on. */
  private void onLoop(Runnable work) {
    if (closed.get()) {
      return;
    }
    try {
      loop.execute(() -> {
        if (closed.get()) {
          return;
        }
        try {
          detectLocalPause();
          work.run();
        } catch (RuntimeException e) {
          LOG.error("[id={}] reconciler pass failed; continuing", self, e);
        } finally {
          lastLoopEnd = s.ticker().read();
          status = reconciler.status(started.get() && !closed.get());
        }
      });
    } catch (RuntimeException rejected) {
      LOG.debug("[id={}] work rejected after shutdown: {}", self, rejected.toString());
    }
  }

  /**
   * The loop's tick: a quarter of the detection deadline (250 ms with the default 1 s), so a tick
   * late by more than the deadline is a pause of this node.
   */
  private Duration tickInterval() {
    return s.config().detectionDeadline().dividedBy(4);
  }

  @Override
  public Map<String, String> planSettings() {
    return s.config().planSettings(s.strategy(), s.guard());
  }

  @Override
  public FailoverStatus status() {
    return status;
  }

  @Override
  public void standby() {
    onLoop(() -> {
      standby = true;
      announce("standby requested");
    });
  }

  @Override
  public void resume() {
    onLoop(() -> {
      standby = false;
      announce("resumed");
    });
  }

  @Override
  public void reconcileNow() {
    onLoop(() -> reconciler.pass(true));
  }

  @Override
  public void addListener(FailoverListener listener, Executor executor) {
    bus.add(listener, executor);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("[id={}] closing", self);
    try {
      s.membership().close();
    } finally {
      status = reconciler.status(false);
      if (ownsScheduler) {
        scheduler.shutdownNow();
      }
    }
  }
}
