package io.eipfailover.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The tuning of one node's failover: every knob of {@link EipFailover} that is a value rather than
 * a collaborator. Immutable; built by {@link #builder()} (which checks each value as it is set and
 * the combination in {@link FailoverConfigBuilder#build()}), copied with {@link #toBuilder()}.
 * What each knob trades off is documented on its setter in {@link FailoverConfigBuilder}.
 *
 * <p>Thread-safe (immutable).
 */
public final class FailoverConfig {
  private static final FailoverConfig DEFAULTS = builder().build();

  private final boolean dryRun;
  private final OptionalInt toleratedFailures;
  private final Duration healthCheckInterval;
  private final Duration resyncInterval;
  private final Duration detectionDeadline;
  private final Duration confirmDelay;
  private final Duration inFlightTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration holdTime;
  private final Duration startupGrace;
  private final int apiBurst;
  private final double apiCallsPerSecond;
  private final Duration throttleRecovery;
  private final int resyncNodesPerInterval;
  private final Duration guardTimeout;
  private final Duration callTimeout;

  FailoverConfig(FailoverConfigBuilder b) {
    this.dryRun = b.dryRun;
    this.toleratedFailures = b.toleratedFailures;
    this.healthCheckInterval = b.healthCheckInterval;
    this.resyncInterval = b.resyncInterval;
    this.detectionDeadline = b.detectionDeadline;
    this.confirmDelay = b.confirmDelay;
    this.inFlightTimeout = b.inFlightTimeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.holdTime = b.holdTime;
    this.startupGrace = b.startupGrace;
    this.apiBurst = b.apiBurst;
    this.apiCallsPerSecond = b.apiCallsPerSecond;
    this.throttleRecovery = b.throttleRecovery;
    this.resyncNodesPerInterval = b.resyncNodesPerInterval;
    this.guardTimeout = b.guardTimeout;
    this.callTimeout = b.callTimeout;
  }

  /** A builder holding the defaults. */
  public static FailoverConfigBuilder builder() {
    return new FailoverConfigBuilder();
  }

  /** Every knob at its default. */
  public static FailoverConfig defaults() {
    return DEFAULTS;
  }

  /** A builder holding this configuration's values. */
  public FailoverConfigBuilder toBuilder() {
    return new FailoverConfigBuilder(this);
  }

  /** Plan and report, but never associate. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Simultaneous node failures the reserved IPs must cover; empty means 1 (0 for a single node). */
  public OptionalInt toleratedFailures() {
    return toleratedFailures;
  }

  /** How often the local health check runs. */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** How often EC2 is described when nothing else asks for it. */
  public Duration resyncInterval() {
    return resyncInterval;
  }

  /** The membership's detection deadline, which sizes the local-pause guard. */
  public Duration detectionDeadline() {
    return detectionDeadline;
  }

  /** Delay before the describe that confirms an associate; also how fresh facts must be to act. */
  public Duration confirmDelay() {
    return confirmDelay;
  }

  /** How long an associate not yet seen by a describe blocks a repeat of the same move. */
  public Duration inFlightTimeout() {
    return inFlightTimeout;
  }

  /** First per-EIP back-off after a failure. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Longest per-EIP back-off. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Flap damping: no pulling back an EIP a live peer pulled away, for this long. */
  public Duration holdTime() {
    return holdTime;
  }

  /** No takeover from peers not heard yet, for this long after start. */
  public Duration startupGrace() {
    return startupGrace;
  }

  /** EC2 calls this node may make at once (token bucket size). */
  public int apiBurst() {
    return apiBurst;
  }

  /** EC2 calls per second this node's token bucket refills. */
  public double apiCallsPerSecond() {
    return apiCallsPerSecond;
  }

  /** How long this node's call rate, halved by each throttled call, takes to climb back from zero. */
  public Duration throttleRecovery() {
    return throttleRecovery;
  }

  /** How many nodes may resync per {@link #resyncInterval()}; larger clusters resync less often per node. */
  public int resyncNodesPerInterval() {
    return resyncNodesPerInterval;
  }

  /**
   * The resync interval each node of a cluster of {@code nodes} uses: {@link #resyncInterval()},
   * times {@code nodes / resyncNodesPerInterval} when there are more nodes than that.
   */
  public Duration effectiveResyncInterval(int nodes) {
    return nodes <= resyncNodesPerInterval ? resyncInterval
        : Duration.ofNanos(resyncInterval.toNanos() / resyncNodesPerInterval * nodes);
  }

  /** The longest wait for the split-brain guard; no answer by then is a denial. */
  public Duration guardTimeout() {
    return guardTimeout;
  }

  /** The longest wait for one EC2 call ({@code ElasticIpManager}); no answer by then is a failure. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * The settings that decide where EIPs go and whether this node moves them, by name, with the
   * strategy and guard a failover runs with: two nodes of one cluster should list the same values
   * (compare them setting by setting to find the one that differs).
   */
  public Map<String, String> planSettings(FailoverStrategy strategy, SplitBrainGuard guard) {
    Objects.requireNonNull(strategy, "strategy must not be null");
    Objects.requireNonNull(guard, "guard must not be null");
    Map<String, String> settings = new TreeMap<>();
    settings.put("strategy", strategy.toString());
    settings.put("guard", guard.toString());
    settings.put("holdTime", holdTime.toString());
    settings.put("toleratedFailures", toleratedFailures.isPresent()
        ? Integer.toString(toleratedFailures.getAsInt()) : "default");
    settings.put("dryRun", Boolean.toString(dryRun));
    return settings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailoverConfig c && dryRun == c.dryRun && toleratedFailures.equals(c.toleratedFailures)
        && healthCheckInterval.equals(c.healthCheckInterval) && resyncInterval.equals(c.resyncInterval)
        && detectionDeadline.equals(c.detectionDeadline) && confirmDelay.equals(c.confirmDelay)
        && inFlightTimeout.equals(c.inFlightTimeout) && initialBackoff.equals(c.initialBackoff)
        && maxBackoff.equals(c.maxBackoff) && holdTime.equals(c.holdTime) && startupGrace.equals(c.startupGrace)
        && apiBurst == c.apiBurst && Double.compare(apiCallsPerSecond, c.apiCallsPerSecond) == 0
        && throttleRecovery.equals(c.throttleRecovery)
        && resyncNodesPerInterval == c.resyncNodesPerInterval
        && guardTimeout.equals(c.guardTimeout) && callTimeout.equals(c.callTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dryRun, toleratedFailures, healthCheckInterval, resyncInterval, detectionDeadline,
        confirmDelay, inFlightTimeout, initialBackoff, maxBackoff, holdTime, startupGrace, apiBurst,
        apiCallsPerSecond, throttleRecovery, resyncNodesPerInterval, guardTimeout, callTimeout);
  }

  @Override
  public String toString() {
    return "FailoverConfig{dryRun=" + dryRun
        + ", toleratedFailures=" + (toleratedFailures.isPresent() ? toleratedFailures.getAsInt() : "default")
        + ", healthCheckInterval=" + healthCheckInterval + ", resyncInterval=" + resyncInterval
        + ", detectionDeadline=" + detectionDeadline + ", confirmDelay=" + confirmDelay
        + ", inFlightTimeout=" + inFlightTimeout + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", holdTime=" + holdTime + ", startupGrace=" + startupGrace
        + ", apiBurst=" + apiBurst + ", apiCallsPerSecond=" + apiCallsPerSecond
        + ", throttleRecovery=" + throttleRecovery + ", resyncNodesPerInterval=" + resyncNodesPerInterval
        + ", guardTimeout=" + guardTimeout + ", callTimeout=" + callTimeout + "}";
  }
}
