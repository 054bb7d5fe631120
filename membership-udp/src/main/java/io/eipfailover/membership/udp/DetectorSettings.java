package io.eipfailover.membership.udp;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link UdpMembership} sends heartbeats and decides that a peer is late, suspect or dead.
 * The UDP membership's tunables value (its counterpart of {@code FailoverConfig}): immutable and
 * thread-safe, with {@code equals}; build with {@link #builder()} or start from a profile and
 * adjust with {@link #toBuilder()}. What each knob trades off is documented on its setter in
 * {@link DetectorSettingsBuilder}.
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
 * <p>Stall-immune verification ({@link #verifyAfter()} > 0, the {@link #stallImmune()} profile):
 * before convicting a silent peer, ask its kernel. A TCP handshake on its crash-detection port
 * means its host lives and its process is only paused: held until {@link #stallLimit()}. No
 * answer, from a port that answered before, means its host is gone: convicted at once, well before
 * the deadtime. Anything else leaves the decision to the detector.
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

  private static final DetectorSettings DEFAULTS = verifyingFromSuspicionToDeadline(builder());
  private static final DetectorSettings AGGRESSIVE = builder()
      .keepalive(Duration.ofMillis(50)).warntime(Duration.ofMillis(150)).deadtime(Duration.ofMillis(300))
      .initdead(Duration.ofSeconds(1)).build();
  private static final DetectorSettings PHI = builder().kind(Kind.PHI_ACCRUAL).deadtime(Duration.ofSeconds(2))
      .initdead(Duration.ofSeconds(3)).build();
  private static final DetectorSettings STALL_IMMUNE = builder().verifyAfter(Duration.ofMillis(200))
      .verifyTimeout(Duration.ofMillis(100)).stallLimit(Duration.ofSeconds(5)).build();
  private static final DetectorSettings STALL_IMMUNE_FAST = builder().keepalive(Duration.ofMillis(10))
      .warntime(Duration.ofMillis(200)).verifyAfter(Duration.ofMillis(20)).verifyTimeout(Duration.ofMillis(6))
      .stallLimit(Duration.ofSeconds(5)).build();

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
  private final boolean crashDetectionSocket;
  private final Duration verifyAfter;
  private final Duration verifyTimeout;
  private final Duration stallLimit;

  DetectorSettings(DetectorSettingsBuilder b) {
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
    this.crashDetectionSocket = b.crashDetectionSocket;
    this.verifyAfter = b.verifyAfter;
    this.verifyTimeout = b.verifyTimeout;
    this.stallLimit = b.stallLimit;
  }

  /**
   * The default profile: deadline detector, heartbeat every 100 ms, suspect after 500 ms, dead
   * after 1 s of silence, 2 s for peers not yet heard after start. Safe on any EC2 network with
   * ordinary GC pauses (well under 500 ms). When a peer turns suspect its kernel is asked (a TCP
   * connection attempt to its crash-detection port, 100 ms to answer): a host that answered before
   * and answers no more is gone and convicted at once, about 600 ms after its last heartbeat; a
   * host that answers leaves its silent process dead after 1 s ({@code stallLimit} equals the
   * deadtime), so the probe only ever convicts sooner, never later.
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

  /**
   * The stall-immune profile: the default's deadline detector (100 ms heartbeats, dead after 1 s)
   * with verification: after 200 ms of silence the peer's kernel is probed (100 ms to answer). A
   * dead host is convicted about 300 ms after its last heartbeat; a paused process whose host
   * answers is held for up to 5 s of silence; where the probe cannot be answered (TCP to the
   * heartbeat port filtered), the 1 s deadline decides as in the default profile.
   */
  public static DetectorSettings stallImmune() {
    return STALL_IMMUNE;
  }

  /**
   * The stall-immune profile at 100 Hz: heartbeats every 10 ms, the peer's kernel asked after 20
   * ms of silence with 6 ms to answer, so a dead host is convicted about 26 ms after its last
   * heartbeat; a paused process whose host answers is held for up to 5 s, and where the probe
   * cannot be answered the 1 s deadline decides, as in {@link #stallImmune()}. The price: ten
   * times the heartbeats, so about ten times the idle CPU, and a probe that must be answered in 6
   * ms, so only for peers one round trip of well under a millisecond away (one Availability Zone, a
   * quiet network). On a link whose round trip can exceed the 6 ms (congestion, a jittery path) a
   * live host looks gone and loses its EIPs: there use {@link #stallImmune()}.
   */
  public static DetectorSettings stallImmuneFast() {
    return STALL_IMMUNE_FAST;
  }

  /**
   * A builder with the default profile's timings but verification off ({@code verifyAfter} 0), so
   * any timing can be set without also fitting the probe in; {@code defaults().toBuilder()} keeps it.
   */
  public static DetectorSettingsBuilder builder() {
    return new DetectorSettingsBuilder();
  }

  /** A builder holding these settings. */
  public DetectorSettingsBuilder toBuilder() {
    return new DetectorSettingsBuilder(this);
  }

  /**
   * The builder's timings with verification from the moment a peer turns suspect ({@code warntime})
   * and a stall limit at the deadtime: the probe convicts gone hosts sooner and never holds anyone
   * longer.
   */
  private static DetectorSettings verifyingFromSuspicionToDeadline(DetectorSettingsBuilder b) {
    return b.verifyAfter(b.warntime).stallLimit(b.deadtime).build();
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
   * Whether the real transport runs the crash-detection TCP links beside ICMP (see {@link
   * DetectorSettingsBuilder#crashDetectionSocket}).
   */
  public boolean crashDetectionSocket() {
    return crashDetectionSocket;
  }

  /** Silence after which the peer's kernel is probed before any conviction; zero when off. */
  public Duration verifyAfter() {
    return verifyAfter;
  }

  /** Whether silent peers are verified before being convicted ({@link #verifyAfter()} > 0). */
  public boolean verifies() {
    return !verifyAfter.isZero();
  }

  /** How long a verification waits for the peer's kernel to answer. */
  public Duration verifyTimeout() {
    return verifyTimeout;
  }

  /** With verification: the longest silence tolerated from a peer whose host answers. */
  public Duration stallLimit() {
    return stallLimit;
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
  public boolean equals(Object o) {
    return o instanceof DetectorSettings d && kind == d.kind && keepalive.equals(d.keepalive)
        && warntime.equals(d.warntime) && deadtime.equals(d.deadtime) && initdead.equals(d.initdead)
        && Double.compare(phiThreshold, d.phiThreshold) == 0 && phiMinStdDeviation.equals(d.phiMinStdDeviation)
        && phiAcceptablePause.equals(d.phiAcceptablePause) && crashConfirmations == d.crashConfirmations
        && probeInterval.equals(d.probeInterval) && crashDetectionSocket == d.crashDetectionSocket
        && verifyAfter.equals(d.verifyAfter) && verifyTimeout.equals(d.verifyTimeout) && stallLimit.equals(d.stallLimit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, keepalive, warntime, deadtime, initdead, phiThreshold, phiMinStdDeviation,
        phiAcceptablePause, crashConfirmations, probeInterval, crashDetectionSocket, verifyAfter, verifyTimeout,
        stallLimit);
  }

  @Override
  public String toString() {
    String s = "DetectorSettings{" + kind + ", keepalive=" + keepalive + ", warntime=" + warntime + ", deadtime="
        + deadtime + ", initdead=" + initdead;
    if (kind == Kind.PHI_ACCRUAL) {
      s += ", phiThreshold=" + phiThreshold + ", phiMinStdDeviation=" + phiMinStdDeviation + ", phiAcceptablePause="
          + phiAcceptablePause;
    }
    s += ", crashConfirmations=" + crashConfirmations + ", probeInterval=" + probeInterval + ", crashDetectionSocket="
        + crashDetectionSocket;
    if (verifies()) {
      s += ", verifyAfter=" + verifyAfter + ", verifyTimeout=" + verifyTimeout + ", stallLimit=" + stallLimit;
    }
    return s + "}";
  }
}
