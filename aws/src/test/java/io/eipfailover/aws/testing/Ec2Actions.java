package io.eipfailover.aws.testing;

/**
 * The EC2 actions the fake speaks, by name: checks the request against the action's input shape
 * ({@link ActionSpecs}) and hands it to the resource's actions. Stateless itself; thread-safe
 * because the state is.
 */
final class Ec2Actions {
  private final AddressActions addresses;
  private final NetworkInterfaceActions networkInterfaces;
  private final InstanceStatusActions instanceStatus;

  Ec2Actions(FakeEc2State state) {
    this.addresses = new AddressActions(state);
    this.networkInterfaces = new NetworkInterfaceActions(state);
    this.instanceStatus = new InstanceStatusActions(state);
  }

  /** The spec of {@code action}, or EC2's {@code InvalidAction}. */
  static ActionSpec spec(String action) {
    return ActionSpecs.of(action).orElseThrow(() -> new Ec2ErrorException(400, "InvalidAction",
        "The action " + action + " is not valid for this web service."));
  }

  /** Runs the request and returns the response body, or throws {@link Ec2ErrorException}. */
  String handle(Ec2Context ctx) {
    ActionSpec spec = spec(ctx.req.action());
    ctx.req.validate(spec);
    return switch (spec.action()) {
      case "DescribeAddresses" -> addresses.describeAddresses(ctx);
      case "AssociateAddress" -> addresses.associateAddress(ctx);
      case "DisassociateAddress" -> addresses.disassociateAddress(ctx);
      case "DescribeNetworkInterfaces" -> networkInterfaces.describeNetworkInterfaces(ctx);
      case "AssignPrivateIpAddresses" -> networkInterfaces.assignPrivateIpAddresses(ctx);
      case "DescribeInstanceStatus" -> instanceStatus.describeInstanceStatus(ctx);
      default -> throw new IllegalStateException("spec without handler: " + spec.action());
    };
  }
}
