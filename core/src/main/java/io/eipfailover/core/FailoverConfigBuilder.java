package io.eipfailover.core;

import io.eipfailover.core.runtime.Checks;
import java.time.Duration;
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
  double apiCallsPerSecond = 5.0;
  Duration throttleRecovery = Duration.ofSeconds(20);
  int resyncNodesPerInterval = 30;
  Duration guardTimeout = Duration.ofSeconds(5);
  Duration callTimeout = Duration.ofSeconds(15);

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
    this.throttleRecovery = c.throttleRecovery();
    this.resyncNodesPerInterval = c.resyncNodesPerInterval();
    this.guardTimeout = c.guardTimeout();
    this.callTimeout = c.callTimeout();
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
    this.toleratedFailures = OptionalInt.of(Checks.nonNegative("toleratedFailures", toleratedFailures));
    return this;
  }

  /**
   * How often the local health check runs. Default 1 s. Shorter notices a dead HAProxy sooner, at
   * one probe per period; debounce with {@link HealthChecks#riseFall}.
   */
  public FailoverConfigBuilder healthCheckInterval(Duration interval) {
    this.healthCheckInterval = Checks.positive("healthCheckInterval", interval);
    return this;
  }

  /**
   * How often EC2 is described when nothing else asks for it, to repair drift. Default 30 s: one
   * filtered describe per node per 30 s in steady state (longer in clusters of more than 30 nodes,
   * see {@link #resyncNodesPerInterval}). Shorter repairs hand-made changes sooner but spends the
   * account's shared Describe budget.
   */
  public FailoverConfigBuilder resyncInterval(Duration interval) {
    this.resyncInterval = Checks.positive("resyncInterval", interval);
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
    this.detectionDeadline = Checks.positive("detectionDeadline", deadline);
    return this;
  }

  /**
   * Delay before the describe that confirms an associate; facts older than this are described
   * again before acting. Default 500 ms. Shorter confirms sooner at more describes.
   */
  public FailoverConfigBuilder confirmDelay(Duration delay) {
    this.confirmDelay = Checks.positive("confirmDelay", delay);
    return this;
  }

  /**
   * How long an associate that no describe shows yet (EC2 is eventually consistent) keeps this
   * node from sending the same move again. Default 10 s; must exceed {@code confirmDelay}. Shorter
   * retries a lost move sooner, at the risk of a second call for one move.
   */
  public FailoverConfigBuilder inFlightTimeout(Duration timeout) {
    this.inFlightTimeout = Checks.positive("inFlightTimeout", timeout);
    return this;
  }

  /**
   * First per-EIP back-off after a failed call or a guard denial; it doubles per failure up to
   * {@link #maxBackoff}, each wait shortened by up to half at random. Default 250 ms.
   */
  public FailoverConfigBuilder initialBackoff(Duration initial) {
    this.initialBackoff = Checks.positive("initialBackoff", initial);
    return this;
  }

  /**
   * Longest per-EIP back-off; permission and configuration errors wait this long at once. Default
   * 10 s: the token bucket already protects the account's budget, and a longer cap delays the
   * takeover after an API outage. Must be at least {@link #initialBackoff}.
   */
  public FailoverConfigBuilder maxBackoff(Duration max) {
    this.maxBackoff = Checks.positive("maxBackoff", max);
    return this;
  }

  /**
   * Flap damping: after a live peer pulled an EIP away from this node, this node does not pull it
   * back for this long (while the peer stays in the same state). Default 30 s. Longer stops
   * ping-pong between two confused nodes sooner; shorter lets a legitimate return happen sooner.
   */
  public FailoverConfigBuilder holdTime(Duration holdTime) {
    this.holdTime = Checks.positive("holdTime", holdTime);
    return this;
  }

  /**
   * Heartbeat's {@code initdead}: for this long after start this node takes no EIP from a peer it
   * has not heard (the membership may not have heard it yet), and none before the membership has
   * delivered its first view. Default 2 s; zero disables. Too short and a node starting before its
   * peers steals their EIPs.
   */
  public FailoverConfigBuilder startupGrace(Duration grace) {
    this.startupGrace = Checks.nonNegative("startupGrace", grace);
    return this;
  }

  /**
   * How many describes, and separately how many associates, this node may make at once (EC2 keeps
   * a token bucket per action, and so does this node). Default 20, well inside EC2's per-account
   * buckets (50 associates, 100 describes). Larger moves more EIPs of one failed node in the first
   * second; the account's bucket is shared with every other node and tool all the same.
   */
  public FailoverConfigBuilder apiBurst(int burst) {
    this.apiBurst = Checks.positive("apiBurst", burst);
    return this;
  }

  /**
   * How fast each of this node's EC2 call budgets (describes, associates) refills, per second,
   * while EC2 does not throttle. Default 5, EC2's documented refill of the account's {@code
   * AssociateAddress} bucket: one node alone may use all of it, and when nodes compete, each {@code
   * RequestLimitExceeded} halves the rate (see {@link #throttleRecovery}), so they end up sharing
   * it. Lower leaves room for other tools of the account even when this node moves many EIPs; a
   * node that cannot move more than this many EIPs per second takes longer to empty a failed node
   * whose EIPs it is the only one to take.
   */
  public FailoverConfigBuilder apiCallsPerSecond(double callsPerSecond) {
    Checks.require(callsPerSecond > 0 && Double.isFinite(callsPerSecond),
        "apiCallsPerSecond must be > 0 and finite, was %s", callsPerSecond);
    this.apiCallsPerSecond = callsPerSecond;
    return this;
  }

  /**
   * EC2's request budget is per account and Region, shared by every node (and every other tool):
   * when EC2 throttles a call ({@code RequestLimitExceeded}), this node halves its call rate (down
   * to 1/32 of {@link #apiCallsPerSecond}) and pauses for a random fraction of a call, and the rate
   * then climbs back linearly, from zero to {@code apiCallsPerSecond} in this time. Halving and
   * climbing back linearly makes the nodes of a crowded account converge on equal shares (AIMD).
   * Default 20 s. Shorter takes the budget back sooner after a mass failover, at the cost of more
   * refused requests while the account is crowded (refused requests take no token, but every
   * other tool of the account sees them fail too); longer leaves more of the budget to others and
   * makes the last moves of a mass failover wait longer.
   */
  public FailoverConfigBuilder throttleRecovery(Duration recovery) {
    this.throttleRecovery = Checks.positive("throttleRecovery", recovery);
    return this;
  }

  /**
   * How many nodes of one cluster may resync per {@link #resyncInterval}: in a larger cluster each
   * node's interval grows in proportion, to {@code resyncInterval × nodes / resyncNodesPerInterval},
   * so the cluster's resyncs add up to at most this many describes per interval however many nodes
   * it has. Every wait is lengthened by up to a tenth more, drawn at random, so nodes that started
   * together drift apart. Default 30: with the default 30 s interval the whole cluster resyncs at
   * most once per second, 5 % of EC2's documented refill of 20 {@code DescribeAddresses} per second
   * (64 nodes: each every 64 s). Higher repairs hand-made changes sooner in large clusters but
   * spends more of the account's Describe budget; a failover never waits for a resync (a view
   * change describes at once).
   */
  public FailoverConfigBuilder resyncNodesPerInterval(int nodes) {
    this.resyncNodesPerInterval = Checks.positive("resyncNodesPerInterval", nodes);
    return this;
  }

  /**
   * The longest wait for the split-brain guard's answer; no answer by then counts as a denial (and
   * the evaluation is interrupted). Default 5 s, above the built-in guards' own probe time-outs.
   * Shorter gives up on a slow guard sooner; the EIP is then asked about again after back-off.
   */
  public FailoverConfigBuilder guardTimeout(Duration timeout) {
    this.guardTimeout = Checks.positive("guardTimeout", timeout);
    return this;
  }

  /**
   * The longest wait for one EC2 call (describe or associate); no answer by then counts as a
   * retryable failure (and the call is interrupted). A safety net: the AWS binding's own call
   * time-out (10 s by default) normally answers first. Default 15 s. An associate that times out
   * may still have happened; the next describe shows it.
   */
  public FailoverConfigBuilder callTimeout(Duration timeout) {
    this.callTimeout = Checks.positive("callTimeout", timeout);
    return this;
  }

  /** Checks the combination and builds. */
  public FailoverConfig build() {
    Checks.require(maxBackoff.compareTo(initialBackoff) >= 0,
        "maxBackoff must be >= initialBackoff (%s), was %s", initialBackoff, maxBackoff);
    Checks.require(inFlightTimeout.compareTo(confirmDelay) > 0,
        "inFlightTimeout must be longer than confirmDelay (%s), was %s", confirmDelay, inFlightTimeout);
    return new FailoverConfig(this);
  }
}
