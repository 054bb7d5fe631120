package io.eipfailover.core;

import java.util.List;
import java.util.Objects;

/**
 * One node of the topology: the attachment points its own EIPs live on, and the reserved ones it
 * keeps free to receive peers' EIPs.
 *
 * @param id the node
 * @param homePoints where this node's home EIPs are associated, in order: the i-th EIP homed on
 *     this node (in topology order) lives on the i-th home point
 * @param reservedPoints secondary private IPs kept free for takeovers
 */
public record NodeSpec(NodeId id, List<AttachmentPoint> homePoints, List<AttachmentPoint> reservedPoints) {
  public NodeSpec {
    Objects.requireNonNull(id, "node id must not be null");
    homePoints = List.copyOf(homePoints);
    reservedPoints = List.copyOf(reservedPoints);
    for (AttachmentPoint p : homePoints) {
      if (p.role() != AttachmentPoint.Role.PRIMARY) {
        throw new IllegalArgumentException(
            "node " + id + ": home point " + p + " must have role PRIMARY, was " + p.role());
      }
    }
    for (AttachmentPoint p : reservedPoints) {
      if (p.role() != AttachmentPoint.Role.RESERVED) {
        throw new IllegalArgumentException(
            "node " + id + ": reserved point " + p + " must have role RESERVED, was " + p.role());
      }
    }
  }

  /** Whether {@code point} belongs to this node (same ENI and private IP, either role). */
  public boolean owns(String networkInterfaceId, String privateIp) {
    for (AttachmentPoint p : homePoints) {
      if (p.networkInterfaceId().equals(networkInterfaceId) && p.privateIp().equals(privateIp)) {
        return true;
      }
    }
    for (AttachmentPoint p : reservedPoints) {
      if (p.networkInterfaceId().equals(networkInterfaceId) && p.privateIp().equals(privateIp)) {
        return true;
      }
    }
    return false;
  }
}
