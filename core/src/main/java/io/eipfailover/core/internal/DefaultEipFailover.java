package io.eipfailover.core.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.ConfigMismatch;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.internal.reconciler.Input;
import io.eipfailover.core.internal.reconciler.Reconciler;
import io.eipfailover.core.internal.reconciler.ReconcilerSettings;
import io.eipfailover.core.runtime.Lifecycle;
import io.eipfailover.core.runtime.ListenerBus;
import io.eipfailover.core.runtime.LoopExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EipFailover} implementation: wires the pure {@link Reconciler} to the world. The
 * reconciler's state lives on one {@link LoopExecutor} (membership callbacks, health results,
 * admin calls, results of I/O and the one wake-up timer all arrive there, through {@link
 * StepRunner}); EC2 calls and guards run on the I/O executor under deadlines ({@link IoCalls});
 * health probes run on the scheduler. Thread-safe: public methods only post to the loop.
 *
 * <p>Ownership: the membership is started and closed here; the scheduler and the I/O executor are
 * shut down on close only if this object created them; the {@code ElasticIpManager}, the guard and
 * listener executors are never closed.
 */
public final class DefaultEipFailover implements EipFailover {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultEipFailover.class);

  private final FailoverParts parts;
  private final NodeId self;
  private final LoopExecutor loop;
  private final ExecutorService ownedIo;
  /** Where health probes run (they may block): a thread of their own unless a scheduler was injected. */
  private final ScheduledExecutorService health;
  private final ScheduledExecutorService ownedHealth;
  private final ListenerBus<FailoverListener> listeners;
  private final StepRunner runner;
  private final Lifecycle lifecycle;

  public DefaultEipFailover(FailoverParts parts) {
    this.parts = parts;
    this.self = parts.self();
    // One loop thread, and the health probes on a second one, rather than a two-thread scheduler
    // for both: an idle ScheduledThreadPoolExecutor wakes its second thread at every timer (the
    // woken one hands leadership on while timers remain queued), doubling the loop's wake-ups.
    this.loop = LoopExecutor.create(self, "failover", parts.scheduler());
    this.ownedHealth = parts.scheduler() == null ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eipfailover-health-" + self);
      t.setDaemon(true);
      return t;
    }) : null;
    this.health = ownedHealth != null ? ownedHealth : loop.scheduler();
    this.ownedIo = parts.ioExecutor() == null ? Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "eipfailover-io-" + self);
      t.setDaemon(true);
      return t;
    }) : null;
    Executor io = parts.ioExecutor() != null ? parts.ioExecutor() : ownedIo;
    this.listeners = new ListenerBus<>(self, "failover");
    parts.listeners().forEach(r -> listeners.add(r.listener(), r.executor()));
    Reconciler reconciler = new Reconciler(
        new ReconcilerSettings(self, parts.topology(), parts.strategy(), parts.config()));
    this.runner = new StepRunner(parts, reconciler, loop, io, listeners);
    this.lifecycle = new Lifecycle(self, "EIP failover", this::startUp, this::shutDown);
  }

  @Override
  public void start() {
    lifecycle.start();
  }

  private void startUp() {
    LOG.info("[id={}] starting: {} strategy {}, guard {}{}", self, parts.topology(), parts.strategy(), parts.guard(),
        parts.config().dryRun() ? ", DRY RUN (no associate calls)" : "");
    parts.membership().addListener(new MembershipListener() {
      @Override
      public void viewChanged(MembershipView view) {
        runner.apply(at -> new Input.ViewChanged(at, view)); // delivered on the loop
      }

      @Override
      public void configMismatch(NodeId peer, long ours, long theirs) {
        LOG.error("[id={}] peer {} runs a different topology (fingerprint {} vs ours {}): plans may disagree",
            self, peer, Long.toHexString(theirs), Long.toHexString(ours));
        ConfigMismatch event = new ConfigMismatch(self, parts.clock().instant(), peer, ours, theirs);
        listeners.post(event, l -> l.onEvent(event));
      }

      @Override
      public void lateHeartbeat(NodeId peer, Duration late) {
        LOG.debug("[id={}] heartbeat from {} late by {}", self, peer, late);
      }
    }, loop);
    runner.running(true);
    runner.post(Input.Started::new);
    parts.membership().announce(AnnouncedStatus.ALIVE);
    parts.membership().start();
    scheduleHealthCheck(0);
  }

  /** Probes off the loop (a slow probe must not delay a takeover), then reports on the loop. */
  private void scheduleHealthCheck(long delayNanos) {
    if (loop.isClosed()) {
      return;
    }
    try {
      health.schedule(() -> {
        if (loop.isClosed()) {
          return;
        }
        HealthResult result;
        try {
          result = parts.healthCheck().check();
        } catch (RuntimeException e) {
          result = HealthResult.unhealthy("health check threw " + e);
        }
        HealthResult r = result;
        runner.post(at -> new Input.HealthReported(at, r));
        scheduleHealthCheck(parts.config().healthCheckInterval().toNanos());
      }, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException rejected) {
      LOG.debug("[id={}] health check not scheduled after shutdown: {}", self, rejected.toString());
    }
  }

  private void shutDown() {
    LOG.info("[id={}] closing", self);
    runner.running(false);
    try {
      parts.membership().close();
    } finally {
      loop.close();
      if (ownedHealth != null) {
        ownedHealth.shutdownNow();
      }
      if (ownedIo != null) {
        ownedIo.shutdownNow();
      }
    }
  }

  @Override
  public FailoverStatus status() {
    return runner.status();
  }

  @Override
  public Map<String, String> planSettings() {
    return parts.config().planSettings(parts.strategy(), parts.guard());
  }

  @Override
  public void standby() {
    runner.post(at -> new Input.StandbyRequested(at, true));
  }

  @Override
  public void resume() {
    runner.post(at -> new Input.StandbyRequested(at, false));
  }

  @Override
  public void reconcileNow() {
    runner.post(Input.ReconcileNow::new);
  }

  @Override
  public void addListener(FailoverListener listener, Executor executor) {
    listeners.add(listener, executor);
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
