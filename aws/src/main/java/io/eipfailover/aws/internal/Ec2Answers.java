package io.eipfailover.aws.internal;

import java.util.Collection;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AssociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;

/**
 * Checks that a successful answer has the shape EC2 gives. The SDK's XML unmarshaller is lenient: a
 * 200 whose body is another service's XML, or one missing required members, parses into an empty or
 * half-empty response. Trusting that would read as "the EIP is associated with nothing" (and
 * invite a takeover) or "the associate succeeded" (when nothing happened). Stateless.
 */
public final class Ec2Answers {
  private Ec2Answers() {}

  /** What is wrong with {@code response} for the EIPs {@code requested}, or empty when it looks like EC2's. */
  public static Optional<String> problem(DescribeAddressesResponse response, Collection<String> requested) {
    for (Address a : response.addresses()) {
      if (a.allocationId() == null || a.publicIp() == null) {
        return Optional.of("an address without allocationId or publicIp (" + a + ")");
      }
      if ((a.networkInterfaceId() == null) != (a.privateIpAddress() == null)) {
        return Optional.of("an address with half an association (" + a + ")");
      }
    }
    for (String id : requested) {
      if (response.addresses().stream().noneMatch(a -> id.equals(a.allocationId()))) {
        return Optional.of("no entry for requested " + id + " (EC2 answers InvalidAllocationID.NotFound for an"
            + " unknown id, never an empty list)");
      }
    }
    return Optional.empty();
  }

  /** What is wrong with {@code response}, or empty when it looks like EC2's (a VPC association has an id). */
  public static Optional<String> problem(AssociateAddressResponse response) {
    return response.associationId() == null ? Optional.of("no associationId") : Optional.empty();
  }

  /** As above for a request and its answer; other actions' answers are not checked. */
  public static Optional<String> problem(SdkRequest request, SdkResponse response) {
    if (response instanceof DescribeAddressesResponse d && request instanceof DescribeAddressesRequest r) {
      return problem(d, r.allocationIds());
    }
    if (response instanceof AssociateAddressResponse a) {
      return problem(a);
    }
    return Optional.empty();
  }
}
