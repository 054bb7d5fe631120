package io.eipfailover.aws.internal;

import io.eipfailover.aws.InstanceMetadataException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * Reads IMDSv2 paths through the SDK's {@link Ec2MetadataClient}, which caches its session token
 * for the token TTL and fetches a new one when it expires. The SDK does not refresh a token that
 * IMDS rejects early (401: IMDS restarted, instance stopped and started, clock skew), so on a 401
 * this reader builds a fresh client (hence a fresh token) and retries once. Errors become {@link
 * InstanceMetadataException}s with a fix. Not API. Not thread-safe; {@link #close()} closes the
 * clients it built.
 */
public final class ImdsReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImdsReader.class);
  static final String HOP_LIMIT_FIX = "aws ec2 modify-instance-metadata-options --instance-id <id>"
      + " --http-put-response-hop-limit 2 --http-tokens required --http-endpoint enabled";

  private final Supplier<Ec2MetadataClient> factory;
  private final String endpoint;
  private final String node;
  private Ec2MetadataClient client;
  private int tokenRefreshes;

  public ImdsReader(Supplier<Ec2MetadataClient> factory, URI endpoint, String node) {
    this.factory = factory;
    this.endpoint = endpoint == null ? "http://169.254.169.254" : endpoint.toString();
    this.node = node;
  }

  /** The value at {@code path} (e.g. {@code /latest/meta-data/instance-id}), trimmed. */
  public String get(String path) {
    if (client == null) {
      client = factory.get();
    }
    try {
      return client.get(path).asString().trim();
    } catch (SdkClientException e) {
      if (!isStatus(e, 401)) {
        throw explain(path, e);
      }
      LOG.info("[id={}] IMDS refused the cached token for {}; fetching a new token", node, path);
      client.close();
      client = factory.get();
      tokenRefreshes++;
      try {
        return client.get(path).asString().trim();
      } catch (SdkClientException again) {
        throw explain(path, again);
      }
    }
  }

  /** How often a rejected token was replaced. */
  public int tokenRefreshes() {
    return tokenRefreshes;
  }

  private InstanceMetadataException explain(String path, SdkClientException e) {
    String what;
    if (isStatus(e, 401)) {
      what = "IMDSv2 at " + endpoint + " refused a fresh session token for " + path + " (HTTP 401)";
    } else if (isStatus(e, 404)) {
      what = "IMDS at " + endpoint + " has no " + path + " (HTTP 404); is this an EC2 instance in a VPC?";
    } else if (String.valueOf(e.getMessage()).contains("token") && isStatus(e, 403)) {
      what = "IMDS at " + endpoint + " refused to issue a token (HTTP 403): the metadata endpoint is disabled"
          + " for this instance; enable it with " + HOP_LIMIT_FIX;
    } else if (rootCause(e) instanceof SocketTimeoutException) {
      what = "IMDSv2 at " + endpoint + " did not answer " + path + " in time. In a container (Docker, ECS on EC2)"
          + " the token response is dropped when the hop limit is 1; raise it to 2 with: " + HOP_LIMIT_FIX;
    } else if (rootCause(e) instanceof ConnectException) {
      what = "IMDSv2 at " + endpoint + " is unreachable for " + path + " (connection refused): not running on EC2,"
          + " or the metadata endpoint is disabled (enable it, and allow the token hop with: " + HOP_LIMIT_FIX + ")";
    } else {
      what = "IMDSv2 at " + endpoint + " failed for " + path + ": " + e.getMessage() + ". If this runs in a"
          + " container, the hop limit may be too small: " + HOP_LIMIT_FIX;
    }
    return new InstanceMetadataException(what, e);
  }

  private static boolean isStatus(SdkClientException e, int status) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Http code " + status) || m.contains(", " + status + " error occurred");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** A timeout suitable for the link-local IMDS: it answers in milliseconds or not at all. */
  public static Duration defaultTimeout() {
    return Duration.ofSeconds(1);
  }
}
