package io.eipfailover.core;

import java.util.Objects;

/** A failed call to an {@link ElasticIpManager}, classified so the reconciler knows what to do. */
public class ElasticIpManagerException extends EipFailoverException {
  private static final long serialVersionUID = 1L;

  /** How the reconciler reacts to a failure. */
  public enum Kind {
    /** Throttling, 5xx, time-outs: retry with back-off. */
    RETRYABLE,
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
