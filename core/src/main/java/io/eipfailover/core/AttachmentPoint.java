package io.eipfailover.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A private IPv4 address on an elastic network interface (ENI): the thing an Elastic IP is
 * associated with. Targets are always ENI id + private IP, never an instance id, so a node with
 * several ENIs works.
 *
 * @param networkInterfaceId the ENI id, {@code eni-} followed by hex digits
 * @param privateIp the private IPv4 address on that ENI
 * @param role whether the node's own EIPs live here ({@link Role#PRIMARY}) or it is held in reserve
 *     for a peer's EIP during a failover ({@link Role#RESERVED})
 */
public record AttachmentPoint(String networkInterfaceId, String privateIp, Role role) {
  private static final Pattern ENI_ID = Pattern.compile("eni-[0-9a-f]{1,32}");

  /** What an attachment point is for. */
  public enum Role {
    /** Carries the node's own (home) EIPs. */
    PRIMARY,
    /** A secondary private IP kept free to receive a peer's EIP. */
    RESERVED
  }

  public AttachmentPoint {
    if (networkInterfaceId == null || !ENI_ID.matcher(networkInterfaceId).matches()) {
      throw new IllegalArgumentException(
          "networkInterfaceId must look like eni-0123abcd, was '" + networkInterfaceId + "'");
    }
    Ipv4.require("privateIp", privateIp);
    Objects.requireNonNull(role, "role must not be null (" + privateIp + ")");
  }

  /** A primary attachment point. */
  public static AttachmentPoint primary(String networkInterfaceId, String privateIp) {
    return new AttachmentPoint(networkInterfaceId, privateIp, Role.PRIMARY);
  }

  /** A reserved attachment point. */
  public static AttachmentPoint reserved(String networkInterfaceId, String privateIp) {
    return new AttachmentPoint(networkInterfaceId, privateIp, Role.RESERVED);
  }

  @Override
  public String toString() {
    return networkInterfaceId + "/" + privateIp + (role == Role.RESERVED ? "(reserved)" : "");
  }
}
