package io.eipfailover.core.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.internal.reconciler.Effect;
import io.eipfailover.core.internal.reconciler.Input;
import io.eipfailover.core.internal.reconciler.Reconciler;
import io.eipfailover.core.internal.reconciler.ReconcilerState;
import io.eipfailover.core.internal.reconciler.Stamp;
import io.eipfailover.core.internal.reconciler.Step;
import io.eipfailover.core.runtime.ListenerBus;
import io.eipfailover.core.runtime.LoopExecutor;
import io.eipfailover.core.runtime.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The thin runner around {@link Reconciler#step}: on the loop, it stamps each input (ticker, clock,
 * one jitter draw), steps, keeps the new state, performs the effects in order and keeps one timer
 * armed at the state's {@code wakeAt}. The state and the timer are confined to the loop; {@link
 * #status()} may be read from any thread.
 */
final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final NodeId self;
  private final Reconciler reconciler;
  private final LoopExecutor loop;
  private final Ticker ticker;
  private final Clock clock;
  private final Random random;
  private final Membership membership;
  private final ListenerBus<FailoverListener> listeners;
  private final boolean dryRun;
  private final Duration watchdog;
  private final IoCalls io;
  /** Budgets for the lines EC2 can make the step repeat (describe or associate failing again and again). */
  private final RateLimitedLog budgeted;
  // Loop-confined:
  private ReconcilerState state;
  private Future<?> wake;
  private long wakeArmedAt = Long.MAX_VALUE;
  private volatile FailoverStatus status;
  private volatile boolean running;

  StepRunner(FailoverParts parts, Reconciler reconciler, LoopExecutor loop, Executor ioExecutor,
      ListenerBus<FailoverListener> listeners) {
    this.self = parts.self();
    this.reconciler = reconciler;
    this.loop = loop;
    this.ticker = parts.ticker();
    this.budgeted = RateLimitedLog.create(LOG, ticker);
    this.clock = parts.clock();
    this.random = parts.random();
    this.membership = parts.membership();
    this.listeners = listeners;
    this.dryRun = parts.config().dryRun();
    this.watchdog = parts.config().detectionDeadline().dividedBy(2);
    this.state = reconciler.initial(ticker.read());
    this.status = state.status(false, dryRun);
    this.io = new IoCalls(parts.elasticIpManager(), parts.guard(), ioExecutor, loop, parts.config().guardTimeout(),
        parts.config().callTimeout(), this::post);
  }

  /** Starts or stops accepting inputs. */
  void running(boolean running) {
    this.running = running;
    FailoverStatus s = status;
    status = new FailoverStatus(s.self(), running, s.dryRun(), s.localStatus(), s.view(), s.observed(), s.plan(),
        s.lastTakeover(), s.counters());
  }

  FailoverStatus status() {
    return status;
  }

  /** Queues an input; the runner stamps it when the loop takes it. */
  void post(IoCalls.Result input) {
    loop.execute(() -> apply(input));
  }

  /** Steps with {@code input} now; call on the loop only. */
  void apply(IoCalls.Result input) {
    if (!running) {
      return;
    }
    Stamp at = new Stamp(ticker.read(), clock.instant(), random.nextDouble());
    try {
      Step step = reconciler.step(state, input.apply(at));
      state = step.state();
      step.effects().forEach(this::perform);
    } catch (RuntimeException e) {
      LOG.error("[id={}] reconciler step failed; the loop goes on", self, e);
      long retry = at.nanos() + watchdog.toNanos();
      state = state.withDeadlines(retry, retry);
    } finally {
      arm(state.wakeAt(), at.nanos());
      status = state.status(running, dryRun);
    }
  }

  private void perform(Effect effect) {
    if (effect instanceof Effect.Describe d) {
      io.describe(d.elasticIps());
    } else if (effect instanceof Effect.AskGuard g) {
      io.askGuard(g.request());
    } else if (effect instanceof Effect.Associate a) {
      io.associate(a.elasticIp(), a.target());
    } else if (effect instanceof Effect.Emit e) {
      listeners.post(e.event(), l -> l.onEvent(e.event()));
    } else if (effect instanceof Effect.Announce a) {
      announce(a);
    } else if (effect instanceof Effect.Log l) {
      log(l);
    }
  }

  private void announce(Effect.Announce a) {
    try {
      membership.announce(a.status());
    } catch (RuntimeException e) {
      LOG.error("[id={}] the membership failed to announce {}; peers may not see it", self, a.status(), e);
    }
  }

  private void log(Effect.Log l) {
    if (l.budget().isPresent()) {
      budgeted.log(Level.valueOf(l.level().name()), l.budget().get(), "[id={}] {}", self, l.message());
      return;
    }
    switch (l.level()) {
      case DEBUG -> LOG.debug("[id={}] {}", self, l.message());
      case INFO -> LOG.info("[id={}] {}", self, l.message());
      case WARN -> LOG.warn("[id={}] {}", self, l.message());
      case ERROR -> LOG.error("[id={}] {}", self, l.message());
    }
  }

  /** Keeps one timer at {@code at}; moves it only when the step asks for another time. */
  private void arm(long at, long now) {
    if (at == wakeArmedAt) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    wakeArmedAt = at;
    wake = at == Long.MAX_VALUE ? null
        : loop.schedule(() -> apply(Input.WakeUp::new), Duration.ofNanos(Math.max(0, at - now)));
  }
}
