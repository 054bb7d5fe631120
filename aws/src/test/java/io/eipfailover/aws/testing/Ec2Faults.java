package io.eipfailover.aws.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * What goes wrong in the {@link Ec2Fake}, switchable at any time from any thread. A request meets
 * them in this order: {@linkplain #outage outage} (connection reset, before anything else),
 * {@linkplain #malformed malformed answers} (no EC2 answer at all), then,
 * once its signature is verified, {@linkplain #authFailure credentials} ({@code AuthFailure},
 * 401), {@linkplain #failNext queued errors}, {@linkplain #throttleFor injected throttling}
 * ({@code RequestLimitExceeded}, 503); after its parameters and ids are checked, {@linkplain #deny
 * IAM denial} and the {@linkplain #requireClusterTag cluster-tag condition} ({@code
 * UnauthorizedOperation}, 403, for real and {@code DryRun} calls alike). Latency is added to every
 * answer, errors included. Thread-safe.
 */
public final class Ec2Faults {
  private final Clock clock;
  private final Random random;
  private Duration minLatency = Duration.ZERO;
  private Duration maxLatency = Duration.ZERO;
  private final Map<String, Duration> actionLatency = new HashMap<>();
  private final Deque<Injection> injections = new ArrayDeque<>();
  private Instant throttleUntil = Instant.MIN;
  private double throttleProbability;
  private boolean authFailure;
  private boolean outage;
  private Malformed malformed;
  private final Set<String> denied = new HashSet<>();
  private Duration describeLag = Duration.ZERO;
  private String requiredClusterTag;

  private static final class Injection {
    final String action;
    final int status;
    final String code;
    final String message;
    int remaining;

    Injection(String action, int status, String code, String message, int remaining) {
      this.action = action;
      this.status = status;
      this.code = code;
      this.message = message;
      this.remaining = remaining;
    }
  }

  Ec2Faults(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  /** Every answer takes {@code latency} longer. */
  public synchronized Ec2Faults latency(Duration latency) {
    return latency(latency, latency);
  }

  /** Every answer takes a uniformly random extra time in [{@code min}, {@code max}] (seeded). */
  public synchronized Ec2Faults latency(Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("latency must satisfy 0 <= min <= max, was " + min + ".." + max);
    }
    this.minLatency = min;
    this.maxLatency = max;
    return this;
  }

  /** Answers to {@code action} take {@code latency} longer (instead of the global latency). */
  public synchronized Ec2Faults latency(String action, Duration latency) {
    actionLatency.put(Objects.requireNonNull(action, "action"), latency);
    return this;
  }

  /** The next {@code count} requests (of {@code action}, or of any action if null) fail as given. */
  public synchronized Ec2Faults failNext(String action, int count, int status, String code, String message) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    injections.add(new Injection(action, status, code, message, count));
    return this;
  }

  /** The next {@code count} requests are throttled: {@code RequestLimitExceeded}, HTTP 503. */
  public Ec2Faults throttleNext(int count) {
    return failNext(null, count, 503, "RequestLimitExceeded", "Request limit exceeded.");
  }

  /** The next {@code count} requests fail with {@code InternalError}, HTTP 500. */
  public Ec2Faults internalErrorNext(int count) {
    return failNext(null, count, 500, "InternalError", "An internal error has occurred");
  }

  /** Every request is throttled for {@code duration} from now (by the fake's clock). */
  public synchronized Ec2Faults throttleFor(Duration duration) {
    this.throttleUntil = clock.instant().plus(duration);
    return this;
  }

  /** Each request is throttled with probability {@code p} (drawn from the fake's seeded random). */
  public synchronized Ec2Faults throttleRandomly(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0, 1], was " + p);
    }
    this.throttleProbability = p;
    return this;
  }

  /** While on, every request fails with {@code AuthFailure}, HTTP 401 (bad or expired credentials). */
  public synchronized Ec2Faults authFailure(boolean on) {
    this.authFailure = on;
    return this;
  }

  /** While on, every connection is reset: the API is unreachable (the SDK sees an I/O error). */
  public synchronized Ec2Faults outage(boolean on) {
    this.outage = on;
    return this;
  }

  /**
   * While set, every request (after the outage check, before the signature) gets this malformed
   * answer instead of its own, and nothing is carried out; null switches it off.
   */
  public synchronized Ec2Faults malformed(Malformed kind) {
    this.malformed = kind;
    return this;
  }

  /** The caller lacks the IAM permission for {@code action}: {@code UnauthorizedOperation}, 403. */
  public synchronized Ec2Faults deny(String action) {
    denied.add(Objects.requireNonNull(action, "action"));
    return this;
  }

  /**
   * Evaluates the shipped IAM policy's condition: {@code AssociateAddress} and {@code
   * AssignPrivateIpAddresses} (real or {@code DryRun}) are {@code UnauthorizedOperation} unless
   * every resource they touch (the EIP, the ENI) is tagged {@code eipfailover:cluster=<cluster>}.
   * Null switches it off (the default).
   */
  public synchronized Ec2Faults requireClusterTag(String cluster) {
    this.requiredClusterTag = cluster;
    return this;
  }

  /** Grants {@code action} again. */
  public synchronized Ec2Faults allow(String action) {
    denied.remove(action);
    return this;
  }

  /**
   * Eventual consistency: for {@code lag} after an association changes, {@code DescribeAddresses}
   * still shows the previous one. Zero (the default) is read-after-write.
   */
  public synchronized Ec2Faults describeLag(Duration lag) {
    if (lag.isNegative()) {
      throw new IllegalArgumentException("describeLag must be >= 0, was " + lag);
    }
    this.describeLag = lag;
    return this;
  }

  /** Switches every fault off. */
  public synchronized Ec2Faults clear() {
    minLatency = maxLatency = Duration.ZERO;
    actionLatency.clear();
    injections.clear();
    throttleUntil = Instant.MIN;
    throttleProbability = 0;
    authFailure = outage = false;
    malformed = null;
    denied.clear();
    describeLag = Duration.ZERO;
    requiredClusterTag = null;
    return this;
  }

  synchronized Duration describeLag() {
    return describeLag;
  }

  synchronized boolean outage() {
    return outage;
  }

  synchronized Malformed malformed() {
    return malformed;
  }

  synchronized long latencyMillis(String action) {
    Duration fixed = actionLatency.get(action);
    if (fixed != null) {
      return fixed.toMillis();
    }
    long min = minLatency.toMillis();
    long spread = maxLatency.toMillis() - min;
    return spread == 0 ? min : min + (long) (random.nextDouble() * (spread + 1));
  }

  /**
   * The error an authenticated request must get before it is even validated, or null: the
   * {@linkplain #authFailure credentials switch}, then {@linkplain #failNext queued errors}, then
   * {@linkplain #throttleFor injected throttling} (the account's token buckets are separate, see
   * {@link Ec2Throttling}).
   */
  synchronized Ec2ErrorException failureFor(String action) {
    if (authFailure) {
      return new Ec2ErrorException(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }
    for (Iterator<Injection> it = injections.iterator(); it.hasNext(); ) {
      Injection i = it.next();
      if (i.action == null || i.action.equals(action)) {
        if (--i.remaining == 0) {
          it.remove();
        }
        return new Ec2ErrorException(i.status, i.code, i.message);
      }
    }
    if (clock.instant().isBefore(throttleUntil) || (throttleProbability > 0 && random.nextDouble() < throttleProbability)) {
      return Ec2ErrorException.throttled();
    }
    return null;
  }

  /**
   * The IAM decision for a request whose parameters and ids have been checked: {@code
   * UnauthorizedOperation} (403) if {@code action} is {@linkplain #deny denied}, or if the
   * {@linkplain #requireClusterTag cluster-tag condition} is on and one of the {@code touched}
   * resources lacks the tag; null when allowed.
   */
  synchronized Ec2ErrorException denial(String action, FakeAccount account, String caller,
      List<Ec2Context.Resource> touched) {
    String prefix = "You are not authorized to perform this operation. User: " + account.callerArn(caller)
        + " is not authorized to perform: ec2:" + action;
    if (denied.contains(action)) {
      return new Ec2ErrorException(403, "UnauthorizedOperation", prefix + " because no identity-based policy allows the ec2:"
          + action + " action.");
    }
    if (requiredClusterTag != null) {
      for (Ec2Context.Resource r : touched) {
        if (!requiredClusterTag.equals(r.tags().get(Ec2Fake.CLUSTER_TAG))) {
          return new Ec2ErrorException(403, "UnauthorizedOperation", prefix + " on resource: " + r.arn()
              + " because no identity-based policy allows the ec2:" + action + " action (condition ec2:ResourceTag/"
              + Ec2Fake.CLUSTER_TAG + " does not match).");
        }
      }
    }
    return null;
  }
}
