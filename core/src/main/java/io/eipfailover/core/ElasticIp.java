package io.eipfailover.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Elastic IP address managed by the cluster.
 *
 * <p>EIPs are always addressed by allocation id (never by public IP or instance id): that is what
 * {@code AssociateAddress} and {@code DescribeAddresses} take for VPC addresses.
 *
 * @param allocationId the EC2 allocation id, {@code eipalloc-} followed by hex digits
 * @param publicIp the public IPv4 address, for logs and status
 * @param home the node that holds this EIP when nothing has failed
 */
public record ElasticIp(String allocationId, String publicIp, NodeId home) {
  private static final Pattern ALLOCATION_ID = Pattern.compile("eipalloc-[0-9a-f]{1,32}");

  public ElasticIp {
    if (allocationId == null || !ALLOCATION_ID.matcher(allocationId).matches()) {
      throw new IllegalArgumentException(
          "allocationId must look like eipalloc-0123abcd, was '" + allocationId + "'");
    }
    Ipv4.require("publicIp", publicIp);
    Objects.requireNonNull(home, "home must not be null (elastic IP " + allocationId + ")");
  }

  /** Shorthand for {@code new ElasticIp(allocationId, publicIp, NodeId.of(home))}. */
  public static ElasticIp of(String allocationId, String publicIp, String home) {
    return new ElasticIp(allocationId, publicIp, NodeId.of(home));
  }

  @Override
  public String toString() {
    return publicIp + "(" + allocationId + ", home " + home + ")";
  }
}
