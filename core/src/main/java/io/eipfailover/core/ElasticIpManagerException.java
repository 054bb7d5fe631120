package io.eipfailover.core;

import java.util.Objects;

/** A failed call to an {@link ElasticIpManager}, classified so the reconciler knows what to do. */
public class ElasticIpManagerException extends EipFailoverException {
  private static final long serialVersionUID = 1L;

  /** How the reconciler reacts to a failure. */
  public enum Kind {
    /** 5xx, time-outs, connection failures: retry with back-off. */
    RETRYABLE,
    /**
     * EC2 refused the call because the account's request budget is spent ({@code
     * RequestLimitExceeded}): retryable, and a sign to slow down, since every node of the account
     * (and every other tool in it) draws from the same token buckets.
     */
    THROTTLED,
    /** Missing IAM permission or bad credentials: retrying will not help; the message names the action. */
    PERMISSION,
    /** A resource in the configuration does not exist or does not fit (unknown EIP, ENI, private IP). */
    CONFIGURATION
  }

  private final Kind kind;

  public ElasticIpManagerException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ElasticIpManagerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** How to react. */
  public Kind kind() {
    return kind;
  }
}
