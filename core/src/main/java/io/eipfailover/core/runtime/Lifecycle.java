package io.eipfailover.core.runtime;

import io.eipfailover.core.NodeId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one long-lived component, in the spirit of Guava's {@code Service}: started at
 * most once, closed idempotently, always in one of five {@link State}s.
 *
 * <pre>
 *   NEW ──start()──► STARTING ──startUp ok──► RUNNING ──close()──► STOPPING ──► CLOSED
 *    │                   │ startUp threw, or close() while starting ──► STOPPING ──► CLOSED
 *    └──close()──► STOPPING ──► CLOSED
 * </pre>
 *
 * <p>The component gives two actions. {@code startUp} runs once, in {@link #start()}, on the
 * caller's thread. {@code shutDown} runs exactly once in the component's life, whatever happened
 * before: after a normal run, on a close before start (to release what the constructor made),
 * after a {@code startUp} that threw (to release what it opened halfway), or after a {@code
 * startUp} that a concurrent {@code close()} overtook. So {@code shutDown} must tolerate a
 * component that never started or started halfway. An exception from {@code shutDown} is logged
 * and the component is {@code CLOSED} anyway: {@link #close()} never throws.
 *
 * <p>When {@link #close()} returns, {@code shutDown} has finished, whichever thread ran it: a
 * second caller waits for the first, and a close during {@code STARTING} waits for {@code startUp}
 * to end and {@code shutDown} to follow. A close called from inside {@code startUp} or {@code
 * shutDown} (same thread) returns at once instead of waiting for itself.
 *
 * <p>Thread-safe. The actions never run under the lock that guards the state.
 */
public final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  /** Where a component is in its life. */
  public enum State {
    /** Built, not started; holds no resources opened by start. */
    NEW,
    /** {@code startUp} is running. */
    STARTING,
    /** Started; doing its work. */
    RUNNING,
    /** {@code shutDown} is running. */
    STOPPING,
    /** Done for good; cannot be started again. */
    CLOSED
  }

  private final NodeId self;
  private final String component;
  private final Runnable startUp;
  private final Runnable shutDown;
  private final Object lock = new Object();
  private volatile State state = State.NEW;
  private boolean closeRequested; // guarded by lock
  private Thread busy; // the thread running startUp or shutDown; guarded by lock

  /**
   * @param self the node, for messages and logs
   * @param component what is started, for messages and logs, e.g. {@code "UDP membership"}
   * @param startUp opens resources and starts work; may throw to refuse the start
   * @param shutDown stops work and releases resources; see the class comment for when it runs
   */
  public Lifecycle(NodeId self, String component, Runnable startUp, Runnable shutDown) {
    this.self = Checks.notNull("self", self);
    this.component = Checks.notNull("component", component);
    this.startUp = Checks.notNull("startUp", startUp);
    this.shutDown = Checks.notNull("shutDown", shutDown);
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** Whether the component is {@link State#RUNNING}. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * Runs {@code startUp} and moves to {@code RUNNING}. If {@code startUp} throws, runs {@code
   * shutDown}, moves to {@code CLOSED} and rethrows. If a {@link #close()} arrived meanwhile, runs
   * {@code shutDown} after {@code startUp} and returns normally in {@code CLOSED}.
   *
   * @throws IllegalStateException if the component was started or closed before, naming it
   */
  public void start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException(component + " of " + self + " can be started once; it is "
            + (state == State.STARTING || state == State.RUNNING ? "already started" : "closed"));
      }
      state = State.STARTING;
      busy = Thread.currentThread();
    }
    try {
      startUp.run();
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        state = State.STOPPING;
      }
      runShutDown();
      throw e;
    }
    synchronized (lock) {
      if (!closeRequested) {
        state = State.RUNNING;
        busy = null;
        lock.notifyAll();
        return;
      }
      state = State.STOPPING;
    }
    runShutDown();
  }

  /**
   * Stops the component for good; idempotent, never throws. Returns once {@code shutDown} has run
   * (see the class comment for the two re-entrant cases that return at once).
   */
  public void close() {
    Thread me = Thread.currentThread();
    synchronized (lock) {
      while (true) {
        State now = state;
        if (now == State.NEW || now == State.RUNNING) {
          state = State.STOPPING;
          busy = me;
          break; // this call runs shutDown
        }
        if (now == State.CLOSED) {
          return;
        }
        if (now == State.STARTING) {
          closeRequested = true; // the starting thread runs shutDown after startUp
        }
        if (busy == me) {
          return; // called from inside our own startUp or shutDown: waiting would never end
        }
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    runShutDown();
  }

  private void runShutDown() {
    try {
      shutDown.run();
    } catch (RuntimeException e) {
      LOG.warn("[id={}] {} failed while closing; some resources may be left open", self, component, e);
    } finally {
      synchronized (lock) {
        state = State.CLOSED;
        busy = null;
        lock.notifyAll();
      }
    }
  }

  @Override
  public String toString() {
    return component + " of " + self + " (" + state + ")";
  }
}
