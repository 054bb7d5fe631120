package io.eipfailover.membership.udp.internal;

/**
 * The crash fast path for one peer, as a pure decision over signal times. An ICMP port-unreachable
 * answer means the peer's host is up but nothing listens on its port: its process is gone. One
 * stray signal is not enough (a restart on the same port, a late answer to an old datagram), so
 * each signal is answered by an immediate probe, probes repeat every {@code interval}, and the
 * peer is convicted after {@code confirmations} signals within {@code window} with no valid
 * datagram from it in between ({@link #reset()} on every valid datagram). A paused process keeps
 * its port open and produces no signal at all. Not thread-safe.
 */
final class CrashProbe {
  /** What a signal calls for. */
  enum Action {
    /** The fast path is off, or the peer is not eligible (never heard, already dead). */
    IGNORE,
    /** Not confirmed yet: send a probe now. */
    PROBE,
    /** Confirmed: declare the peer dead. */
    CONVICT
  }

  private final int confirmations;
  private final long interval;
  private final long window;
  private boolean active;
  private int signals;
  private long firstAt;
  private long nextProbeAt;

  CrashProbe(int confirmations, long intervalNanos, long windowNanos) {
    this.confirmations = confirmations;
    this.interval = intervalNanos;
    this.window = windowNanos;
  }

  /** A port-unreachable signal at {@code now}; {@code eligible} when the peer was heard and is not dead. */
  Action signal(boolean eligible, long now) {
    if (confirmations == 0 || !eligible) {
      return Action.IGNORE;
    }
    if (!active || now - firstAt > window) {
      active = true;
      firstAt = now;
      signals = 0;
    }
    signals++;
    if (signals >= confirmations) {
      active = false;
      return Action.CONVICT;
    }
    nextProbeAt = now + interval;
    return Action.PROBE;
  }

  /** On a tick: whether a repeat probe is due now (then the next one is scheduled). */
  boolean probeDue(long now) {
    if (!active) {
      return false;
    }
    if (now - firstAt > window) {
      reset();
      return false;
    }
    if (now - nextProbeAt >= 0) {
      nextProbeAt = now + interval;
      return true;
    }
    return false;
  }

  /** The earlier of {@code otherwise} and the next probe time, while confirming. */
  long nextTick(long otherwise) {
    return active && nextProbeAt - otherwise < 0 ? nextProbeAt : otherwise;
  }

  /** A valid datagram arrived (the peer lives), or confirming gave up. */
  void reset() {
    active = false;
    signals = 0;
  }

  /** Signals counted in the current (or just completed) confirmation. */
  int signals() {
    return signals;
  }

  /** When the current (or just completed) confirmation began. */
  long firstSignalAt() {
    return firstAt;
  }
}
