package io.eipfailover.core;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Builds a {@link FailoverConfig}. Each setter checks its argument at once (the message names the
 * setting and shows the bad value); {@link #build()} checks the combination. Starts from the
 * defaults. Not thread-safe.
 */
public final class FailoverConfigBuilder {
  boolean dryRun;
  OptionalInt toleratedFailures = OptionalInt.empty();
  Duration healthCheckInterval = Duration.ofSeconds(1);
  Duration resyncInterval = Duration.ofSeconds(30);
  Duration detectionDeadline = Duration.ofSeconds(1);
  Duration confirmDelay = Duration.ofMillis(500);
  Duration inFlightTimeout = Duration.ofSeconds(10);
  Duration initialBackoff = Duration.ofMillis(250);
  Duration maxBackoff = Duration.ofSeconds(10);
  Duration holdTime = Duration.ofSeconds(30);
  Duration startupGrace = Duration.ofSeconds(2);
  int apiBurst = 20;
  double apiCallsPerSecond = 2.0;

  FailoverConfigBuilder() {}

  FailoverConfigBuilder(FailoverConfig c) {
    this.dryRun = c.dryRun();
    this.toleratedFailures = c.toleratedFailures();
    this.healthCheckInterval = c.healthCheckInterval();
    this.resyncInterval = c.resyncInterval();
    this.detectionDeadline = c.detectionDeadline();
    this.confirmDelay = c.confirmDelay();
    this.inFlightTimeout = c.inFlightTimeout();
    this.initialBackoff = c.initialBackoff();
    this.maxBackoff = c.maxBackoff();
    this.holdTime = c.holdTime();
    this.startupGrace = c.startupGrace();
    this.apiBurst = c.apiBurst();
    this.apiCallsPerSecond = c.apiCallsPerSecond();
  }

  /** Plan and report ({@code DryRunTakeover} events), but never associate. Default false. */
  public FailoverConfigBuilder dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * How many simultaneous node failures the cluster must survive; building the failover checks that
   * every node has the reserved IPs the strategy needs for that. Default 1 (0 for a single node).
   */
  public FailoverConfigBuilder toleratedFailures(int toleratedFailures) {
    if (toleratedFailures < 0) {
      throw new IllegalArgumentException("toleratedFailures must be >= 0, was " + toleratedFailures);
    }
    this.toleratedFailures = OptionalInt.of(toleratedFailures);
    return this;
  }

  /**
   * How often the local health check runs. Default 1 s. Shorter notices a dead HAProxy sooner, at
   * one probe per period; debounce with {@link HealthChecks#riseFall}.
   */
  public FailoverConfigBuilder healthCheckInterval(Duration interval) {
    this.healthCheckInterval = positive("healthCheckInterval", interval);
    return this;
  }

  /**
   * How often EC2 is described when nothing else asks for it, to repair drift. Default 30 s: one
   * filtered describe per node per 30 s in steady state. Shorter repairs hand-made changes sooner
   * but spends the account's shared Describe budget.
   */
  public FailoverConfigBuilder resyncInterval(Duration interval) {
    this.resyncInterval = positive("resyncInterval", interval);
    return this;
  }

  /**
   * The membership's detection deadline. The loop wakes at least every half of it, and an input
   * that arrives more than half of it late means this node was paused (GC, CPU steal, SIGSTOP):
   * takeovers from unreachable peers then wait for a fresh view or one deadline. Default 1 s, the
   * UDP membership's default profile. Set it to the membership's real deadline: shorter wakes more
   * often and suspects pauses sooner, longer misses pauses that could convict live peers.
   */
  public FailoverConfigBuilder detectionDeadline(Duration deadline) {
    this.detectionDeadline = positive("detectionDeadline", deadline);
    return this;
  }

  /**
   * Delay before the describe that confirms an associate; facts older than this are described
   * again before acting. Default 500 ms. Shorter confirms sooner at more describes.
   */
  public FailoverConfigBuilder confirmDelay(Duration delay) {
    this.confirmDelay = positive("confirmDelay", delay);
    return this;
  }

  /**
   * How long an associate that no describe shows yet (EC2 is eventually consistent) keeps this
   * node from sending the same move again. Default 10 s; must exceed {@code confirmDelay}. Shorter
   * retries a lost move sooner, at the risk of a second call for one move.
   */
  public FailoverConfigBuilder inFlightTimeout(Duration timeout) {
    this.inFlightTimeout = positive("inFlightTimeout", timeout);
    return this;
  }

  /**
   * First per-EIP back-off after a failed call or a guard denial; it doubles per failure up to
   * {@link #maxBackoff}, each wait shortened by up to half at random. Default 250 ms.
   */
  public FailoverConfigBuilder initialBackoff(Duration initial) {
    this.initialBackoff = positive("initialBackoff", initial);
    return this;
  }

  /**
   * Longest per-EIP back-off; permission and configuration errors wait this long at once. Default
   * 10 s: the token bucket already protects the account's budget, and a longer cap delays the
   * takeover after an API outage. Must be at least {@link #initialBackoff}.
   */
  public FailoverConfigBuilder maxBackoff(Duration max) {
    this.maxBackoff = positive("maxBackoff", max);
    return this;
  }

  /**
   * Flap damping: after a live peer pulled an EIP away from this node, this node does not pull it
   * back for this long (while the peer stays in the same state). Default 30 s. Longer stops
   * ping-pong between two confused nodes sooner; shorter lets a legitimate return happen sooner.
   */
  public FailoverConfigBuilder holdTime(Duration holdTime) {
    this.holdTime = positive("holdTime", holdTime);
    return this;
  }

  /**
   * Heartbeat's {@code initdead}: for this long after start this node takes no EIP from a peer it
   * has not heard (the membership may not have heard it yet), and none before the membership has
   * delivered its first view. Default 2 s; zero disables. Too short and a node starting before its
   * peers steals their EIPs.
   */
  public FailoverConfigBuilder startupGrace(Duration grace) {
    Objects.requireNonNull(grace, "startupGrace must not be null");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("startupGrace must be >= 0, was " + grace);
    }
    this.startupGrace = grace;
    return this;
  }

  /**
   * How many EC2 calls (describes and associates) this node may make at once. Default 20, well
   * inside EC2's per-account buckets; with many nodes in one account, lower it so their sum fits.
   */
  public FailoverConfigBuilder apiBurst(int burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("apiBurst must be >= 1, was " + burst);
    }
    this.apiBurst = burst;
    return this;
  }

  /** How fast this node's EC2 call budget refills, per second. Default 2. */
  public FailoverConfigBuilder apiCallsPerSecond(double callsPerSecond) {
    if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
      throw new IllegalArgumentException("apiCallsPerSecond must be > 0 and finite, was " + callsPerSecond);
    }
    this.apiCallsPerSecond = callsPerSecond;
    return this;
  }

  /** Checks the combination and builds. */
  public FailoverConfig build() {
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be >= initialBackoff (" + initialBackoff + "), was " + maxBackoff);
    }
    if (inFlightTimeout.compareTo(confirmDelay) <= 0) {
      throw new IllegalArgumentException(
          "inFlightTimeout must be longer than confirmDelay (" + confirmDelay + "), was " + inFlightTimeout);
    }
    return new FailoverConfig(this);
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name + " must not be null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
    return d;
  }
}
