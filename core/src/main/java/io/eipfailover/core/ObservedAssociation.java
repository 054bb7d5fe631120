package io.eipfailover.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What EC2 says about one Elastic IP: associated with an ENI private IP, or not at all.
 *
 * @param allocationId the EIP
 * @param associationId the current association id, if associated
 * @param networkInterfaceId the ENI it is associated with, if associated
 * @param privateIp the private IP on that ENI, if associated
 */
public record ObservedAssociation(
    String allocationId,
    Optional<String> associationId,
    Optional<String> networkInterfaceId,
    Optional<String> privateIp) {

  public ObservedAssociation {
    Objects.requireNonNull(allocationId, "allocationId");
    Objects.requireNonNull(associationId, "associationId");
    Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
    Objects.requireNonNull(privateIp, "privateIp");
    if (networkInterfaceId.isPresent() != privateIp.isPresent()) {
      throw new IllegalArgumentException(
          "networkInterfaceId and privateIp must both be present or both absent for " + allocationId);
    }
  }

  /** An EIP associated with {@code networkInterfaceId}/{@code privateIp}. */
  public static ObservedAssociation associated(
      String allocationId, String associationId, String networkInterfaceId, String privateIp) {
    return new ObservedAssociation(
        allocationId, Optional.ofNullable(associationId), Optional.of(networkInterfaceId), Optional.of(privateIp));
  }

  /** An EIP with no association. */
  public static ObservedAssociation unassociated(String allocationId) {
    return new ObservedAssociation(allocationId, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether the EIP is associated with anything. */
  public boolean isAssociated() {
    return privateIp.isPresent();
  }

  /** Whether the EIP is associated with exactly this attachment point. */
  public boolean isAt(AttachmentPoint point) {
    return point.networkInterfaceId().equals(networkInterfaceId.orElse(null))
        && point.privateIp().equals(privateIp.orElse(null));
  }

  @Override
  public String toString() {
    return allocationId + (isAssociated() ? "->" + networkInterfaceId.get() + "/" + privateIp.get() : "->none");
  }
}
