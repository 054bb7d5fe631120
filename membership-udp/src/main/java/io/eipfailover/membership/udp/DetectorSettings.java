package io.eipfailover.membership.udp;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link UdpMembership} sends heartbeats and decides that a peer is late, suspect or dead.
 * Immutable and thread-safe; build with {@link #builder()} or start from a profile.
 *
 * <p>Two detectors share the timing knobs of Linux-HA Heartbeat:
 *
 * <ul>
 *   <li>{@link Kind#DEADLINE} (default): a peer silent for {@code deadtime} is dead. Predictable:
 *       the worst-case detection time is {@code deadtime + keepalive}.
 *   <li>{@link Kind#PHI_ACCRUAL} (Hayashibara et al.): the peer is dead when the suspicion level
 *       phi, computed from the observed heartbeat intervals, reaches {@code phiThreshold}. It adapts
 *       to the network: regular heartbeats give faster detection, jittery ones slower. {@code
 *       deadtime} still bounds it: silence of {@code deadtime} convicts whatever phi says.
 * </ul>
 *
 * In both, a peer silent for {@code warntime} becomes SUSPECT (its EIPs stay put) and a heartbeat
 * that arrives after more than {@code warntime} is reported as late.
 *
 * <p>Crash fast path: when the transport reports ICMP port-unreachable for a peer we have heard
 * from (its host is up but no process listens on its port), or that its crash-detection TCP link
 * was closed, the membership sends a probe at once and declares the peer dead after {@code
 * crashConfirmations} such signals with no valid datagram in between, typically within a few
 * milliseconds. A paused peer (GC, SIGSTOP) keeps its ports open and never triggers it; a dead host
 * sends no ICMP and closes nothing, and is left to the detector.
 *
 * <p>Local-pause guard: when this node's own loop stalls longer than {@link
 * #pauseGuardThreshold()} (GC, CPU steal, SIGSTOP), it does not convict anyone on waking; every
 * peer's silence is counted again from the wake time.
 */
public final class DetectorSettings {
  /** Which failure detector decides death. */
  public enum Kind {
    /** Fixed deadline: silent for {@code deadtime} means dead. */
    DEADLINE,
    /** Phi-accrual over the observed heartbeat intervals, bounded by {@code deadtime}. */
    PHI_ACCRUAL
  }

  private static final DetectorSettings DEFAULTS = builder().build();
  private static final DetectorSettings AGGRESSIVE = builder()
      .keepalive(Duration.ofMillis(50)).warntime(Duration.ofMillis(150)).deadtime(Duration.ofMillis(300))
      .initdead(Duration.ofSeconds(1)).build();
  private static final DetectorSettings PHI = builder().kind(Kind.PHI_ACCRUAL).deadtime(Duration.ofSeconds(2))
      .initdead(Duration.ofSeconds(3)).build();

  private final Kind kind;
  private final Duration keepalive;
  private final Duration warntime;
  private final Duration deadtime;
  private final Duration initdead;
  private final double phiThreshold;
  private final Duration phiMinStdDeviation;
  private final Duration phiAcceptablePause;
  private final int crashConfirmations;
  private final Duration probeInterval;

  private DetectorSettings(Builder b) {
    this.kind = b.kind;
    this.keepalive = b.keepalive;
    this.warntime = b.warntime;
    this.deadtime = b.deadtime;
    this.initdead = b.initdead;
    this.phiThreshold = b.phiThreshold;
    this.phiMinStdDeviation = b.phiMinStdDeviation;
    this.phiAcceptablePause = b.phiAcceptablePause;
    this.crashConfirmations = b.crashConfirmations;
    this.probeInterval = b.probeInterval;
  }

  /**
   * The default profile: deadline detector, heartbeat every 100 ms, suspect after 500 ms, dead
   * after 1 s of silence, 2 s for peers not yet heard after start. Safe on any EC2 network with
   * ordinary GC pauses (well under 500 ms).
   */
  public static DetectorSettings defaults() {
    return DEFAULTS;
  }

  /**
   * The aggressive profile: heartbeat every 50 ms, suspect after 150 ms, dead after 300 ms, 1 s
   * initial. Safe only when both sides are dedicated (no CPU steal: non-burstable instances), in
   * one Availability Zone (sub-millisecond RTT), with a JVM whose pauses stay well below 150 ms
   * (ZGC/Shenandoah or a small heap). Otherwise a pause or a congested link convicts a live peer
   * and moves its EIPs for nothing.
   */
  public static DetectorSettings aggressive() {
    return AGGRESSIVE;
  }

  /**
   * Phi-accrual with heartbeat every 100 ms, threshold 8, minimum deviation 100 ms, acceptable
   * pause 400 ms: a steady peer is convicted after about 1 s of silence, a jittery one later, and
   * anything silent for 2 s (the deadtime) is dead regardless.
   */
  public static DetectorSettings phiAccrual() {
    return PHI;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.keepalive = keepalive;
    b.warntime = warntime;
    b.deadtime = deadtime;
    b.initdead = initdead;
    b.phiThreshold = phiThreshold;
    b.phiMinStdDeviation = phiMinStdDeviation;
    b.phiAcceptablePause = phiAcceptablePause;
    b.crashConfirmations = crashConfirmations;
    b.probeInterval = probeInterval;
    return b;
  }

  /** The detector. */
  public Kind kind() {
    return kind;
  }

  /** How often a heartbeat goes to every peer (Heartbeat's {@code keepalive}). */
  public Duration keepalive() {
    return keepalive;
  }

  /** Silence after which a peer is SUSPECT and its heartbeat reported late. */
  public Duration warntime() {
    return warntime;
  }

  /** Silence after which a peer is dead, whatever the detector. */
  public Duration deadtime() {
    return deadtime;
  }

  /** How long a peer never heard since start stays SUSPECT before it is DEAD. */
  public Duration initdead() {
    return initdead;
  }

  /** The phi level at which the phi-accrual detector convicts. */
  public double phiThreshold() {
    return phiThreshold;
  }

  /** The smallest standard deviation the phi-accrual detector assumes. */
  public Duration phiMinStdDeviation() {
    return phiMinStdDeviation;
  }

  /** Extra silence the phi-accrual detector tolerates on top of the mean interval. */
  public Duration phiAcceptablePause() {
    return phiAcceptablePause;
  }

  /** Port-unreachable signals needed to declare a peer dead at once; 0 disables the fast path. */
  public int crashConfirmations() {
    return crashConfirmations;
  }

  /** Interval of the probes sent while confirming a port-unreachable signal. */
  public Duration probeInterval() {
    return probeInterval;
  }

  /**
   * A stall of this node's own loop longer than this (half the deadtime, at least two keepalives)
   * triggers the local-pause guard.
   */
  public Duration pauseGuardThreshold() {
    Duration half = deadtime.dividedBy(2);
    Duration twoBeats = keepalive.multipliedBy(2);
    return half.compareTo(twoBeats) > 0 ? half : twoBeats;
  }

  @Override
  public String toString() {
    String s = "DetectorSettings{" + kind + ", keepalive=" + keepalive + ", warntime=" + warntime + ", deadtime="
        + deadtime + ", initdead=" + initdead;
    if (kind == Kind.PHI_ACCRUAL) {
      s += ", phiThreshold=" + phiThreshold + ", phiMinStdDeviation=" + phiMinStdDeviation + ", phiAcceptablePause="
          + phiAcceptablePause;
    }
    return s + ", crashConfirmations=" + crashConfirmations + ", probeInterval=" + probeInterval + "}";
  }

  /** Builds validated {@link DetectorSettings}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private Kind kind = Kind.DEADLINE;
    private Duration keepalive = Duration.ofMillis(100);
    private Duration warntime = Duration.ofMillis(500);
    private Duration deadtime = Duration.ofSeconds(1);
    private Duration initdead = Duration.ofSeconds(2);
    private double phiThreshold = 8.0;
    private Duration phiMinStdDeviation = Duration.ofMillis(100);
    private Duration phiAcceptablePause = Duration.ofMillis(400);
    private int crashConfirmations = 3;
    private Duration probeInterval = Duration.ofMillis(10);

    private Builder() {}

    /** The detector; default {@link Kind#DEADLINE}. */
    public Builder kind(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind must not be null");
      return this;
    }

    /**
     * Heartbeat interval; default 100 ms. Shorter detects sooner but costs packets (peers × 1/s)
     * and makes every timing knob below tighter.
     */
    public Builder keepalive(Duration keepalive) {
      this.keepalive = positive("keepalive", keepalive);
      return this;
    }

    /**
     * Silence before a peer is SUSPECT and reported late; default 500 ms. Must lie between keepalive
     * and deadtime. Lower warns earlier but reports ordinary jitter.
     */
    public Builder warntime(Duration warntime) {
      this.warntime = positive("warntime", warntime);
      return this;
    }

    /**
     * Silence before a peer is dead; default 1 s. Must exceed twice the keepalive (one lost packet
     * must never kill). Lower fails over sooner; too low convicts peers that merely paused.
     */
    public Builder deadtime(Duration deadtime) {
      this.deadtime = positive("deadtime", deadtime);
      return this;
    }

    /**
     * How long peers not heard since start are SUSPECT rather than DEAD; default 2 s, at least the
     * deadtime. Gives peers booting together time to meet before anyone takes their EIPs.
     */
    public Builder initdead(Duration initdead) {
      this.initdead = positive("initdead", initdead);
      return this;
    }

    /**
     * Phi level that convicts (phi-accrual only); default 8, a false-positive probability of about
     * 10^-8 per evaluation under the fitted distribution. Higher is slower but safer; each +1
     * costs roughly one standard deviation more of silence.
     */
    public Builder phiThreshold(double phiThreshold) {
      if (!(phiThreshold > 0) || Double.isInfinite(phiThreshold)) {
        throw new IllegalArgumentException("phiThreshold must be a finite number > 0, was " + phiThreshold);
      }
      this.phiThreshold = phiThreshold;
      return this;
    }

    /**
     * Floor of the interval standard deviation (phi-accrual only); default 100 ms. On a very
     * regular network the measured deviation approaches zero and phi would shoot up after a tiny
     * delay; the floor prevents that. Higher is calmer but slower.
     */
    public Builder phiMinStdDeviation(Duration minStdDeviation) {
      this.phiMinStdDeviation = positive("phiMinStdDeviation", minStdDeviation);
      return this;
    }

    /**
     * Silence tolerated on top of the mean interval before phi rises (phi-accrual only); default
     * 400 ms. Covers pauses the history has not seen (a full GC, a stalled link). Higher avoids
     * false convictions at the cost of exactly that much detection time.
     */
    public Builder phiAcceptablePause(Duration acceptablePause) {
      Objects.requireNonNull(acceptablePause, "phiAcceptablePause must not be null");
      if (acceptablePause.isNegative()) {
        throw new IllegalArgumentException("phiAcceptablePause must be >= 0, was " + acceptablePause);
      }
      this.phiAcceptablePause = acceptablePause;
      return this;
    }

    /**
     * Port-unreachable signals that convict at once; default 3, 0 disables the fast path. More
     * confirmations guard against a stray ICMP (a peer restarting on the same port) at the cost of
     * a few probe intervals.
     */
    public Builder crashConfirmations(int crashConfirmations) {
      if (crashConfirmations < 0 || crashConfirmations > 10) {
        throw new IllegalArgumentException("crashConfirmations must be between 0 and 10, was " + crashConfirmations);
      }
      this.crashConfirmations = crashConfirmations;
      return this;
    }

    /** Interval of confirmation probes after a port-unreachable signal; default 10 ms, at most keepalive. */
    public Builder probeInterval(Duration probeInterval) {
      this.probeInterval = positive("probeInterval", probeInterval);
      return this;
    }

    /** Checks the timing rules (like Heartbeat does) and builds. */
    public DetectorSettings build() {
      if (deadtime.compareTo(keepalive.multipliedBy(2)) <= 0) {
        throw new IllegalArgumentException(
            "deadtime must be more than twice keepalive (" + keepalive + "), was " + deadtime);
      }
      if (warntime.compareTo(keepalive) <= 0 || warntime.compareTo(deadtime) >= 0) {
        throw new IllegalArgumentException("warntime must be more than keepalive (" + keepalive
            + ") and less than deadtime (" + deadtime + "), was " + warntime);
      }
      if (initdead.compareTo(deadtime) < 0) {
        throw new IllegalArgumentException("initdead must be at least deadtime (" + deadtime + "), was " + initdead);
      }
      if (probeInterval.compareTo(keepalive) > 0) {
        throw new IllegalArgumentException(
            "probeInterval must be at most keepalive (" + keepalive + "), was " + probeInterval);
      }
      return new DetectorSettings(this);
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
