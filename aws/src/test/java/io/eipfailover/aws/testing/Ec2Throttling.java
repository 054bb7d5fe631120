package io.eipfailover.aws.testing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Account-wide request throttling for an {@link Ec2Fake}, as AWS documents it for the EC2 API
 * ("Request throttling for the Amazon EC2 API", request token bucket sizes and refill rates): each
 * API action has its own token bucket per account and Region, sized by the action's category;
 * every request takes one token, and a request that finds its bucket empty fails with {@code
 * RequestLimitExceeded} (HTTP 503) without taking one. Buckets start full and refill continuously
 * at their rate up to their capacity, by the fake's clock. One fake is one account: every client
 * of the fake, whatever its access key, draws from the same buckets.
 *
 * <p>{@link #documented()} uses AWS's published numbers: non-mutating actions 100 tokens, refill
 * 20/s; the same actions from the "unfiltered and unpaginated" list ({@code DescribeInstanceStatus},
 * {@code DescribeNetworkInterfaces}) called with neither a filter nor {@code MaxResults}/{@code
 * NextToken} 50, 10/s (ids given explicitly do not count as a filter); mutating actions ({@code
 * AssociateAddress}, {@code DisassociateAddress}) 50, 5/s; {@code AssignPrivateIpAddresses}, an
 * "uncategorized" action, 100, 5/s. {@link #off()} (the fake's default) never throttles. Immutable.
 */
public final class Ec2Throttling {
  /** The documented bucket classes. */
  public enum Limit {
    /** {@code Describe*} actions, filtered or paginated: 100 tokens, 20/s. */
    NON_MUTATING(100, 20),
    /** The listed {@code Describe*} actions with neither filter nor pagination: 50 tokens, 10/s. */
    UNFILTERED_UNPAGINATED(50, 10),
    /** Mutating actions such as {@code AssociateAddress}: 50 tokens, 5/s. */
    MUTATING(50, 5),
    /** {@code AssignPrivateIpAddresses}, which AWS lists with its own numbers: 100 tokens, 5/s. */
    ASSIGN_PRIVATE_IP_ADDRESSES(100, 5);

    final int documentedCapacity;
    final double documentedRefillPerSecond;

    Limit(int capacity, double refillPerSecond) {
      this.documentedCapacity = capacity;
      this.documentedRefillPerSecond = refillPerSecond;
    }
  }

  /** How an action is classified (fixed per action; the request decides between the two describe classes). */
  enum Category {
    NON_MUTATING,
    NON_MUTATING_UNFILTERED_SMALLER,
    MUTATING,
    ASSIGN_PRIVATE_IP_ADDRESSES
  }

  /**
   * One bucket's size.
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

  private static final Ec2Throttling OFF = new Ec2Throttling(Map.of());

  private final Map<Limit, Bucket> buckets;

  private Ec2Throttling(Map<Limit, Bucket> buckets) {
    this.buckets = buckets.isEmpty() ? Map.of() : new EnumMap<>(buckets);
  }

  /** No throttling (the fake's default). */
  public static Ec2Throttling off() {
    return OFF;
  }

  /** AWS's published bucket sizes and refill rates for every class. */
  public static Ec2Throttling documented() {
    Map<Limit, Bucket> m = new EnumMap<>(Limit.class);
    for (Limit l : Limit.values()) {
      m.put(l, new Bucket(l.documentedCapacity, l.documentedRefillPerSecond));
    }
    return new Ec2Throttling(m);
  }

  /** The documented numbers with one class changed (e.g. a small mutating bucket for a test). */
  public Ec2Throttling with(Limit limit, int capacity, double refillPerSecond) {
    Map<Limit, Bucket> m = new EnumMap<>(Limit.class);
    m.putAll(documented().buckets);
    m.putAll(buckets);
    m.put(Objects.requireNonNull(limit, "limit"), new Bucket(capacity, refillPerSecond));
    return new Ec2Throttling(m);
  }

  /** Whether any bucket is configured. */
  public boolean enabled() {
    return !buckets.isEmpty();
  }

  /** The bucket of one class, or null when throttling is off. */
  public Bucket bucket(Limit limit) {
    return buckets.get(limit);
  }

  /** The class a request of {@code category} falls in, given whether it filters or pages. */
  static Limit limitOf(Category category, boolean filteredOrPaginated) {
    return switch (category) {
      case NON_MUTATING -> Limit.NON_MUTATING;
      case NON_MUTATING_UNFILTERED_SMALLER -> filteredOrPaginated ? Limit.NON_MUTATING : Limit.UNFILTERED_UNPAGINATED;
      case MUTATING -> Limit.MUTATING;
      case ASSIGN_PRIVATE_IP_ADDRESSES -> Limit.ASSIGN_PRIVATE_IP_ADDRESSES;
    };
  }

  @Override
  public String toString() {
    return enabled() ? "Ec2Throttling" + buckets : "Ec2Throttling{off}";
  }
}
