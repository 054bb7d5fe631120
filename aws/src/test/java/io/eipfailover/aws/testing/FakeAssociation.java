package io.eipfailover.aws.testing;

/**
 * The true association of an EIP in the fake (what EC2 has committed, regardless of any describe
 * lag the fake injects).
 *
 * @param associationId the association id, {@code eipassoc-...}
 * @param networkInterfaceId the ENI the EIP is associated with
 * @param privateIp the private IP on that ENI
 */
public record FakeAssociation(String associationId, String networkInterfaceId, String privateIp) {}
