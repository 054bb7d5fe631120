package io.eipfailover.membership.udp;

import io.eipfailover.core.runtime.Checks;
import io.eipfailover.membership.udp.DetectorSettings.Kind;
import java.time.Duration;

/**
 * Builds validated {@link DetectorSettings}; starts from the default profile's timings with
 * verification off. Each setter checks its argument at once (the message names the setting and
 * shows the bad value); {@link #build()} checks the timing rules across settings. Not thread-safe.
 */
public final class DetectorSettingsBuilder {
  Kind kind = Kind.DEADLINE;
  Duration keepalive = Duration.ofMillis(100);
  Duration warntime = Duration.ofMillis(500);
  Duration deadtime = Duration.ofSeconds(1);
  Duration initdead = Duration.ofSeconds(2);
  double phiThreshold = 8.0;
  Duration phiMinStdDeviation = Duration.ofMillis(100);
  Duration phiAcceptablePause = Duration.ofMillis(400);
  int crashConfirmations = 3;
  Duration probeInterval = Duration.ofMillis(10);
  boolean crashDetectionSocket = true;
  Duration verifyAfter = Duration.ZERO;
  Duration verifyTimeout = Duration.ofMillis(100);
  Duration stallLimit = Duration.ofSeconds(5);

  DetectorSettingsBuilder() {}

  DetectorSettingsBuilder(DetectorSettings s) {
    this.kind = s.kind();
    this.keepalive = s.keepalive();
    this.warntime = s.warntime();
    this.deadtime = s.deadtime();
    this.initdead = s.initdead();
    this.phiThreshold = s.phiThreshold();
    this.phiMinStdDeviation = s.phiMinStdDeviation();
    this.phiAcceptablePause = s.phiAcceptablePause();
    this.crashConfirmations = s.crashConfirmations();
    this.probeInterval = s.probeInterval();
    this.crashDetectionSocket = s.crashDetectionSocket();
    this.verifyAfter = s.verifyAfter();
    this.verifyTimeout = s.verifyTimeout();
    this.stallLimit = s.stallLimit();
  }

  /** The detector; default {@link Kind#DEADLINE}. */
  public DetectorSettingsBuilder kind(Kind kind) {
    this.kind = Checks.notNull("kind", kind);
    return this;
  }

  /**
   * Heartbeat interval; default 100 ms. Shorter detects sooner but costs packets (peers × 1/s)
   * and makes every timing knob below tighter.
   */
  public DetectorSettingsBuilder keepalive(Duration keepalive) {
    this.keepalive = Checks.positive("keepalive", keepalive);
    return this;
  }

  /**
   * Silence before a peer is SUSPECT and reported late; default 500 ms. Must lie between keepalive
   * and deadtime. Lower warns earlier but reports ordinary jitter.
   */
  public DetectorSettingsBuilder warntime(Duration warntime) {
    this.warntime = Checks.positive("warntime", warntime);
    return this;
  }

  /**
   * Silence before a peer is dead; default 1 s. Must exceed twice the keepalive (one lost packet
   * must never kill). Lower fails over sooner; too low convicts peers that merely paused.
   */
  public DetectorSettingsBuilder deadtime(Duration deadtime) {
    this.deadtime = Checks.positive("deadtime", deadtime);
    return this;
  }

  /**
   * How long peers not heard since start are SUSPECT rather than DEAD; default 2 s, at least the
   * deadtime. Gives peers booting together time to meet before anyone takes their EIPs.
   */
  public DetectorSettingsBuilder initdead(Duration initdead) {
    this.initdead = Checks.positive("initdead", initdead);
    return this;
  }

  /**
   * Phi level that convicts (phi-accrual only); default 8, a false-positive probability of about
   * 10^-8 per evaluation under the fitted distribution. Higher is slower but safer; each +1
   * costs roughly one standard deviation more of silence.
   */
  public DetectorSettingsBuilder phiThreshold(double phiThreshold) {
    Checks.require(phiThreshold > 0 && Double.isFinite(phiThreshold), "phiThreshold must be a finite number > 0, was %s",
        phiThreshold);
    this.phiThreshold = phiThreshold;
    return this;
  }

  /**
   * Floor of the interval standard deviation (phi-accrual only); default 100 ms. On a very
   * regular network the measured deviation approaches zero and phi would shoot up after a tiny
   * delay; the floor prevents that. Higher is calmer but slower.
   */
  public DetectorSettingsBuilder phiMinStdDeviation(Duration minStdDeviation) {
    this.phiMinStdDeviation = Checks.positive("phiMinStdDeviation", minStdDeviation);
    return this;
  }

  /**
   * Silence tolerated on top of the mean interval before phi rises (phi-accrual only); default
   * 400 ms. Covers pauses the history has not seen (a full GC, a stalled link). Higher avoids
   * false convictions at the cost of exactly that much detection time.
   */
  public DetectorSettingsBuilder phiAcceptablePause(Duration acceptablePause) {
    this.phiAcceptablePause = Checks.nonNegative("phiAcceptablePause", acceptablePause);
    return this;
  }

  /**
   * Port-unreachable signals that convict at once; default 3, 0 disables the fast path. More
   * confirmations guard against a stray ICMP (a peer restarting on the same port) at the cost of
   * a few probe intervals.
   */
  public DetectorSettingsBuilder crashConfirmations(int crashConfirmations) {
    this.crashConfirmations = Checks.range("crashConfirmations", crashConfirmations, 0, 10);
    return this;
  }

  /** Interval of confirmation probes after a port-unreachable signal; default 10 ms, at most keepalive. */
  public DetectorSettingsBuilder probeInterval(Duration probeInterval) {
    this.probeInterval = Checks.positive("probeInterval", probeInterval);
    return this;
  }

  /**
   * Whether the real transport also runs the crash-detection TCP link (default on), a second crash
   * signal beside ICMP port-unreachable, as JGroups {@code FD_SOCK}: the membership also listens on
   * TCP at its bind address (same address, same port number) and keeps one idle TCP connection to
   * each peer's listener. When a peer's process dies its kernel closes that connection at once, so
   * the crash is noticed within a round trip instead of at our next heartbeat (up to one keepalive
   * later), and confirmed by the usual probes and their ICMP answers.
   *
   * <p>Trade-off: the security group must also allow TCP to the heartbeat port from the peers
   * (without it the link never connects and only ICMP remains, no harm done), the port must be free
   * for TCP too ({@code start()} fails otherwise, naming {@code bindAddress}), and each node holds
   * one socket per peer plus the accepted ones. The link carries no authority: its loss only makes
   * the node probe; an attacker who resets it causes a few extra probes, never a conviction. A
   * dead host closes nothing (the deadline decides), a paused process keeps it open (never
   * convicted early). Turn it off when TCP cannot be opened or the 0-to-keepalive delay of the ICMP
   * path is good enough. No effect with a custom transport or with {@code crashConfirmations(0)}.
   */
  public DetectorSettingsBuilder crashDetectionSocket(boolean enabled) {
    this.crashDetectionSocket = enabled;
    return this;
  }

  /**
   * Silence after which the peer's kernel is asked whether its host is alive, before anyone is
   * convicted (the stall-immune detector); default 0: off. The probe is a TCP connection attempt
   * to the peer's crash-detection port, which its kernel answers even while the process is paused:
   *
   * <ul>
   *   <li>a handshake: the host is up, the process only silent (GC, SIGSTOP, a stall): the
   *       detector's conviction is held back until {@link #stallLimit}, and the question is asked
   *       again after each further {@code verifyAfter} of silence;
   *   <li>no answer within {@link #verifyTimeout}, from a peer whose port answered before: the host
   *       is gone (stopped, crashed kernel, cut off) and the peer is convicted at once, long before
   *       {@code deadtime};
   *   <li>a refusal, no answer from a port that never answered (a firewall that drops the probe), or
   *       a probe that cannot be sent: no information, {@code deadtime} decides as without it.
   * </ul>
   *
   * Must exceed keepalive (one late heartbeat is not worth a probe) and leave room for the probe
   * before the deadtime ({@code verifyAfter + verifyTimeout < deadtime}). Lower finds a dead host
   * sooner and probes more often on a lossy link; the probes cost nothing measurable. Needs the
   * crash-detection listener on every node ({@link #crashDetectionSocket} and {@code
   * crashConfirmations > 0}) and TCP to the heartbeat port allowed between the nodes.
   */
  public DetectorSettingsBuilder verifyAfter(Duration verifyAfter) {
    this.verifyAfter = Checks.nonNegative("verifyAfter", verifyAfter);
    return this;
  }

  /**
   * How long a verification waits for the peer's kernel to answer; default 100 ms. The probe is
   * sent up to four times within it, so one lost packet does not look like a dead host. Must cover
   * the round trip with margin (sub-millisecond inside a Region's Availability Zone). Lower finds a
   * dead host sooner; too low convicts the live host of a congested link.
   */
  public DetectorSettingsBuilder verifyTimeout(Duration verifyTimeout) {
    this.verifyTimeout = Checks.positive("verifyTimeout", verifyTimeout);
    return this;
  }

  /**
   * With verification on: the longest silence tolerated from a peer whose host still answers;
   * default 5 s, at least the deadtime. A process wedged longer (a stall, a deadlock, an
   * overloaded host) is convicted and its EIPs move, even though its kernel lives: it cannot pull
   * them home, check its HAProxy or hand over, so holding them longer serves no one. Higher survives
   * longer stalls; lower moves the EIPs of a wedged node sooner.
   */
  public DetectorSettingsBuilder stallLimit(Duration stallLimit) {
    this.stallLimit = Checks.positive("stallLimit", stallLimit);
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
    if (!verifyAfter.isZero()) {
      checkVerification();
    }
    return new DetectorSettings(this);
  }

  private void checkVerification() {
    if (verifyAfter.compareTo(keepalive) <= 0) {
      throw new IllegalArgumentException("verifyAfter must be 0 (off) or more than keepalive (" + keepalive + "), was "
          + verifyAfter);
    }
    if (verifyAfter.plus(verifyTimeout).compareTo(deadtime) >= 0) {
      throw new IllegalArgumentException("verifyAfter + verifyTimeout (" + verifyTimeout + ") must be less than"
          + " deadtime (" + deadtime + "), was verifyAfter " + verifyAfter);
    }
    if (stallLimit.compareTo(deadtime) < 0) {
      throw new IllegalArgumentException("stallLimit must be at least deadtime (" + deadtime + "), was " + stallLimit);
    }
    if (!crashDetectionSocket || crashConfirmations == 0) {
      throw new IllegalArgumentException("verifyAfter " + verifyAfter + " probes the peers' crash-detection listener:"
          + " it needs crashDetectionSocket(true) (was " + crashDetectionSocket + ") and crashConfirmations > 0 (was "
          + crashConfirmations + "), or verifyAfter(0)");
    }
  }
}
