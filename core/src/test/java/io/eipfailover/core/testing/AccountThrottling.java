package io.eipfailover.core.testing;

import java.util.Objects;

/**
 * EC2's request throttling for a {@link SimulatedEc2}, as AWS documents it ("Request throttling for
 * the Amazon EC2 API"): a token bucket per API action, per account and Region, shared by every
 * caller. Each call takes a token; a call that finds its action's bucket empty is refused with
 * {@code RequestLimitExceeded} and takes none. Buckets start full and refill continuously, on
 * virtual time.
 *
 * <p>{@link #documented()}: {@code AssociateAddress} is a mutating action (50 tokens, 5/s); {@code
 * DescribeAddresses} a non-mutating one (100, 20/s). AWS gives some describes smaller buckets when
 * called with neither a filter nor paging ({@code DescribeInstanceStatus}, {@code
 * DescribeNetworkInterfaces}: 50, 10/s); {@code DescribeAddresses} is not among them, and the
 * simulated nodes make no other call. Immutable.
 *
 * @param associate the {@code AssociateAddress} bucket, or null for none
 * @param describe the {@code DescribeAddresses} bucket, or null for none
 */
public record AccountThrottling(Bucket associate, Bucket describe) {
  /** No throttling (the default). */
  public static final AccountThrottling OFF = new AccountThrottling(null, null);

  /**
   * One action's bucket.
   *
   * @param capacity tokens when full, at least 1
   * @param refillPerSecond tokens added per second, more than 0
   */
  public record Bucket(int capacity, double refillPerSecond) {
    public Bucket {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
      }
      if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
        throw new IllegalArgumentException("refillPerSecond must be > 0 and finite, was " + refillPerSecond);
      }
    }
  }

  /** Mutating actions, such as {@code AssociateAddress}: 50 tokens, 5 per second. */
  public static final Bucket MUTATING = new Bucket(50, 5);
  /** Non-mutating actions, such as a {@code DescribeAddresses}: 100 tokens, 20 per second. */
  public static final Bucket NON_MUTATING = new Bucket(100, 20);

  /** AWS's published numbers for both actions. */
  public static AccountThrottling documented() {
    return new AccountThrottling(MUTATING, NON_MUTATING);
  }

  /** The same with the {@code AssociateAddress} bucket replaced. */
  public AccountThrottling withAssociate(Bucket bucket) {
    return new AccountThrottling(Objects.requireNonNull(bucket, "bucket"), describe);
  }

  /** The same with the {@code DescribeAddresses} bucket replaced. */
  public AccountThrottling withDescribe(Bucket bucket) {
    return new AccountThrottling(associate, Objects.requireNonNull(bucket, "bucket"));
  }

  /** The bucket of {@code op}, or null when that action is not throttled. */
  public Bucket bucket(Ec2Call.Op op) {
    return switch (op) {
      case ASSOCIATE -> associate;
      case DESCRIBE -> describe;
      case DISASSOCIATE -> null; // only the operator disassociates, outside the nodes' budget
    };
  }

  @Override
  public String toString() {
    return associate == null && describe == null ? "AccountThrottling{off}"
        : "AccountThrottling{associate=" + associate + ", describe=" + describe + "}";
  }
}
