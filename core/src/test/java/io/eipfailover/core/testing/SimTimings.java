package io.eipfailover.core.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing knobs of a {@link SimulatedCluster}: membership, reconciler and strategy. Shorter than
 * production defaults so a schedule covers many failures in little virtual time; the liveness bound
 * of {@link InvariantChecker} is derived from them.
 *
 * @param heartbeatInterval membership heartbeat period
 * @param deadAfterIntervals silent intervals before a peer is DEAD
 * @param tickInterval how often the liveness check looks (the reconciler itself no longer ticks: it wakes at
 *     its own deadlines and at least every half detection deadline)
 * @param resyncInterval periodic describe
 * @param confirmDelay describe after an associate
 * @param holdTime flap damping
 * @param failbackDelay how long a home node must be alive before it pulls its EIP back
 * @param initialBackoff first retry delay
 * @param maxBackoff longest retry delay
 * @param startupGrace no takeovers from unheard peers this long after start
 * @param healthCheckInterval local health probe period
 */
public record SimTimings(Duration heartbeatInterval, int deadAfterIntervals, Duration tickInterval,
    Duration resyncInterval, Duration confirmDelay, Duration holdTime, Duration failbackDelay, Duration initialBackoff,
    Duration maxBackoff, Duration startupGrace, Duration healthCheckInterval) {

  /** Fast defaults: heartbeat 250 ms, dead after 1 s, tick 250 ms, resync 5 s, hold 3 s, fail-back 2 s. */
  public static final SimTimings FAST = new SimTimings(Duration.ofMillis(250), 4, Duration.ofMillis(250),
      Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofSeconds(2),
      Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(250));

  public SimTimings {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(tickInterval, "tickInterval");
    Objects.requireNonNull(resyncInterval, "resyncInterval");
    Objects.requireNonNull(confirmDelay, "confirmDelay");
    Objects.requireNonNull(holdTime, "holdTime");
    Objects.requireNonNull(failbackDelay, "failbackDelay");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(startupGrace, "startupGrace");
    Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
    if (deadAfterIntervals < 2) {
      throw new IllegalArgumentException("deadAfterIntervals must be >= 2, was " + deadAfterIntervals);
    }
  }

  /** The membership's detection deadline: {@code heartbeatInterval × deadAfterIntervals}. */
  public Duration detection() {
    return heartbeatInterval.multipliedBy(deadAfterIntervals);
  }

  /**
   * How long after every fault healed the cluster may take to put every EIP on a healthy eligible
   * node: detection (plus one check interval), start-up grace of restarted nodes, a pending back-off,
   * flap damping, one resync to notice what a stale describe hid, the confirm describe, and ticks.
   */
  public Duration livenessBound() {
    return detection().plus(heartbeatInterval).plus(startupGrace).plus(maxBackoff).plus(holdTime)
        .plus(resyncInterval).plus(confirmDelay).plus(tickInterval.multipliedBy(4));
  }
}
