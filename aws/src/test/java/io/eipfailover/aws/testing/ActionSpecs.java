package io.eipfailover.aws.testing;

import io.eipfailover.aws.testing.Ec2Throttling.Category;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input of every action the fake implements, transcribed from EC2's service model (API
 * version 2016-11-15), with the filter names each action's documentation lists. Parameters the
 * model has but the fake does not model still appear here, so they are never mistaken for unknown
 * ones; the action answers them with a clear {@code UnsupportedOperation}.
 */
final class ActionSpecs {
  static final ActionSpec DESCRIBE_ADDRESSES = ActionSpec.of("DescribeAddresses", Category.NON_MUTATING)
      .filters(List.of("allocation-id", "association-id", "domain", "instance-id", "network-border-group",
          "network-interface-id", "network-interface-owner-id", "private-ip-address", "public-ip", "tag:<key>",
          "tag-key"))
      .list("PublicIp").list("AllocationId").bool("DryRun").build();

  static final ActionSpec ASSOCIATE_ADDRESS = ActionSpec.of("AssociateAddress", Category.MUTATING)
      .string("AllocationId").string("InstanceId").string("PublicIp").bool("AllowReassociation").bool("DryRun")
      .string("NetworkInterfaceId").string("PrivateIpAddress").build();

  static final ActionSpec DISASSOCIATE_ADDRESS = ActionSpec.of("DisassociateAddress", Category.MUTATING)
      .string("AssociationId").string("PublicIp").bool("DryRun").build();

  static final ActionSpec DESCRIBE_NETWORK_INTERFACES = ActionSpec.of("DescribeNetworkInterfaces",
          Category.NON_MUTATING_UNFILTERED_SMALLER)
      .filters(List.of("addresses.private-ip-address", "addresses.primary", "addresses.association.public-ip",
          "addresses.association.owner-id", "association.association-id", "association.allocation-id",
          "association.ip-owner-id", "association.public-ip", "association.public-dns-name",
          "attachment.attachment-id", "attachment.attach-time", "attachment.delete-on-termination",
          "attachment.device-index", "attachment.instance-id", "attachment.instance-owner-id", "attachment.status",
          "availability-zone", "description", "group-id", "group-name", "ipv6-addresses.ipv6-address",
          "interface-type", "mac-address", "network-interface-id", "owner-id", "private-ip-address",
          "private-dns-name", "requester-id", "requester-managed", "source-dest-check", "status", "subnet-id",
          "tag:<key>", "tag-key", "vpc-id"))
      .bool("DryRun").list("NetworkInterfaceId").string("NextToken").integer("MaxResults", 5, 1000).build();

  static final ActionSpec ASSIGN_PRIVATE_IP_ADDRESSES = ActionSpec.of("AssignPrivateIpAddresses",
          Category.ASSIGN_PRIVATE_IP_ADDRESSES)
      .bool("AllowReassignment").requiredString("NetworkInterfaceId").list("PrivateIpAddress")
      .integer("SecondaryPrivateIpAddressCount").list("Ipv4Prefix").integer("Ipv4PrefixCount").build();

  static final ActionSpec DESCRIBE_INSTANCE_STATUS = ActionSpec.of("DescribeInstanceStatus",
          Category.NON_MUTATING_UNFILTERED_SMALLER)
      .filters(List.of("availability-zone", "event.code", "event.description", "event.instance-event-id",
          "event.not-after", "event.not-before", "event.not-before-deadline", "instance-state-code",
          "instance-state-name", "instance-status.reachability", "instance-status.status",
          "system-status.reachability", "system-status.status"))
      .list("InstanceId").integer("MaxResults").string("NextToken").bool("DryRun").bool("IncludeAllInstances")
      .build();

  /** Every implemented action by name. */
  static final Map<String, ActionSpec> ALL = Map.of(
      DESCRIBE_ADDRESSES.action(), DESCRIBE_ADDRESSES,
      ASSOCIATE_ADDRESS.action(), ASSOCIATE_ADDRESS,
      DISASSOCIATE_ADDRESS.action(), DISASSOCIATE_ADDRESS,
      DESCRIBE_NETWORK_INTERFACES.action(), DESCRIBE_NETWORK_INTERFACES,
      ASSIGN_PRIVATE_IP_ADDRESSES.action(), ASSIGN_PRIVATE_IP_ADDRESSES,
      DESCRIBE_INSTANCE_STATUS.action(), DESCRIBE_INSTANCE_STATUS);

  private ActionSpecs() {}

  static Optional<ActionSpec> of(String action) {
    return Optional.ofNullable(ALL.get(action));
  }
}
