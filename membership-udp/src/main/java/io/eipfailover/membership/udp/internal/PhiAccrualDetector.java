package io.eipfailover.membership.udp.internal;

/**
 * The phi-accrual failure detector (Hayashibara et al., 2004), in the form Akka and Cassandra use:
 * phi is {@code -log10} of the probability that a heartbeat arrives even later than now, under a
 * normal distribution fitted to the last {@value #MAX_SAMPLES} inter-arrival intervals (mean
 * shifted by the acceptable pause, deviation floored at the minimum). It adapts to the network:
 * a regular peer is convicted soon after it stops, a jittery one later.
 *
 * <p>{@code deadtime} bounds it: a peer silent that long is dead whatever phi says, so the
 * Membership contract's detection bound holds even if the history is wild. The interval history
 * lives in a fixed ring: no allocation per heartbeat.
 */
final class PhiAccrualDetector implements FailureDetector {
  static final int MAX_SAMPLES = 200;

  private final double threshold;
  private final double minStdMillis;
  private final double pauseMillis;
  private final long deadtimeNanos;
  private final double[] intervals = new double[MAX_SAMPLES];
  private int count;
  private int next;
  private double sum;
  private double sumOfSquares;
  private long lastArrival;
  private boolean started;
  private boolean skipNextInterval;

  PhiAccrualDetector(double threshold, long minStdNanos, long acceptablePauseNanos, long firstEstimateNanos,
      long deadtimeNanos) {
    this.threshold = threshold;
    this.minStdMillis = minStdNanos / 1e6;
    this.pauseMillis = acceptablePauseNanos / 1e6;
    this.deadtimeNanos = deadtimeNanos;
    // Seed with the expected interval +- a quarter, as Akka does, so phi is sane after one beat.
    double estimate = firstEstimateNanos / 1e6;
    add(estimate - estimate / 4);
    add(estimate + estimate / 4);
  }

  @Override
  public void heartbeat(long now) {
    if (started && !skipNextInterval) {
      add((now - lastArrival) / 1e6);
    }
    skipNextInterval = false;
    lastArrival = now;
    started = true;
  }

  @Override
  public boolean isDead(long now) {
    return started && (now - lastArrival >= deadtimeNanos || phi(now) >= threshold);
  }

  @Override
  public void restartClock(long now) {
    if (started) {
      lastArrival = now;
      skipNextInterval = true;
    }
  }

  @Override
  public String describe(long now) {
    return started ? String.format("phi %.2f after %d ms", phi(now), (now - lastArrival) / 1_000_000) : "never heard";
  }

  /** The suspicion level at {@code now}; 0 before the first heartbeat. */
  double phi(long now) {
    if (!started) {
      return 0;
    }
    double elapsed = (now - lastArrival) / 1e6;
    double mean = sum / count;
    double variance = Math.max(0, sumOfSquares / count - mean * mean);
    double std = Math.max(Math.sqrt(variance), minStdMillis);
    return phi(elapsed, mean + pauseMillis, std);
  }

  /** Logistic approximation of the normal tail, as in Akka's PhiAccrualFailureDetector. */
  static double phi(double elapsed, double mean, double std) {
    double y = (elapsed - mean) / std;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    if (elapsed > mean) {
      return -Math.log10(e / (1.0 + e));
    }
    return -Math.log10(1.0 - 1.0 / (1.0 + e));
  }

  private void add(double intervalMillis) {
    if (count == MAX_SAMPLES) {
      double old = intervals[next];
      sum -= old;
      sumOfSquares -= old * old;
    } else {
      count++;
    }
    intervals[next] = intervalMillis;
    next = (next + 1) % MAX_SAMPLES;
    sum += intervalMillis;
    sumOfSquares += intervalMillis * intervalMillis;
  }
}
