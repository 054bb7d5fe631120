package io.eipfailover.core;

/**
 * The one unchecked exception base of eip-failover. Every error the library raises on purpose is an
 * instance of this type or of a subtype, and its message names the setting, field or resource that
 * is wrong and shows the bad value.
 */
public class EipFailoverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EipFailoverException(String message) {
    super(message);
  }

  public EipFailoverException(String message, Throwable cause) {
    super(message, cause);
  }
}
