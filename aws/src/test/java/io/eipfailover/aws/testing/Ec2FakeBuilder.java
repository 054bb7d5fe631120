package io.eipfailover.aws.testing;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/** Builds an {@link Ec2Fake}; see {@link Ec2Fake#builder()}. Not thread-safe. */
public final class Ec2FakeBuilder {
  Clock clock = Clock.systemUTC();
  Random random = new Random(42);
  String region = "us-east-1";
  String accountId = "123456789012";
  final Map<String, String> secrets = new LinkedHashMap<>();
  String anyKeySecret;
  Ec2Throttling throttling = Ec2Throttling.off();
  int maxPageSize = Integer.MAX_VALUE;

  Ec2FakeBuilder() {}

  /** Time for token expiry, describe lag, throttling refill and the call log; default the system clock. */
  public Ec2FakeBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Randomness for latency, random throttling and request ids; default seed 42. */
  public Ec2FakeBuilder random(Random random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** The Region requests must be signed for, and of every AZ, ARN and border group; default us-east-1. */
  public Ec2FakeBuilder region(String region) {
    this.region = FakeAccount.checkRegion(region);
    return this;
  }

  /** The 12-digit account id of every resource; default 123456789012. */
  public Ec2FakeBuilder accountId(String accountId) {
    this.accountId = accountId;
    return this;
  }

  /**
   * Accepts {@code accessKeyId} with {@code secret}. Once any key is given, only the given keys
   * are accepted (plus {@link #anyAccessKey}'s secret if set); with none, any key id with {@link
   * #TEST_SECRET} is.
   */
  public Ec2FakeBuilder credentials(String accessKeyId, String secret) {
    secrets.put(FakeAccount.checkKey(accessKeyId), FakeAccount.checkSecret(secret));
    return this;
  }

  /** Accepts any access key id signed with {@code secret}. */
  public Ec2FakeBuilder anyAccessKey(String secret) {
    this.anyKeySecret = FakeAccount.checkSecret(secret);
    return this;
  }

  /** The account's request throttling; default {@link Ec2Throttling#off()}. */
  public Ec2FakeBuilder throttling(Ec2Throttling throttling) {
    this.throttling = Objects.requireNonNull(throttling, "throttling");
    return this;
  }

  /** See {@link Ec2Fake#maxPageSize(int)}; default no cap. */
  public Ec2FakeBuilder maxPageSize(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxPageSize must be >= 1, was " + max);
    }
    this.maxPageSize = max;
    return this;
  }

  /** Starts the fake, serving at once. */
  public Ec2Fake start() {
    return new Ec2Fake(this);
  }
}
