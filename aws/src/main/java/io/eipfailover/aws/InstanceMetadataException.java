package io.eipfailover.aws;

import io.eipfailover.core.EipFailoverException;

/**
 * IMDSv2 could not be read: unreachable (not on EC2, metadata endpoint disabled, or the token
 * response's hop limit too small for a container), a token refused, or a path missing. The message
 * says which and how to fix it.
 */
public class InstanceMetadataException extends EipFailoverException {
  private static final long serialVersionUID = 1L;

  public InstanceMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
