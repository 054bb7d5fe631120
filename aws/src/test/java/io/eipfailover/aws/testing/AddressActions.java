package io.eipfailover.aws.testing;

import io.eipfailover.aws.testing.FakeEc2State.Address;
import io.eipfailover.aws.testing.FakeEc2State.Eni;
import io.eipfailover.aws.testing.FakeEc2State.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DescribeAddresses}, {@code AssociateAddress} and {@code DisassociateAddress} on VPC
 * Elastic IPs. Each checks parameters, then ids, then permission (and answers {@code DryRun}),
 * then the state, and only then changes anything. Thread-safe because the state is.
 */
final class AddressActions {
  private final FakeEc2State state;

  AddressActions(FakeEc2State state) {
    this.state = state;
  }

  String describeAddresses(Ec2Context ctx) {
    QueryRequest req = ctx.req;
    Map<String, List<String>> filters = req.filters();
    Filters.check(filters, ActionSpecs.DESCRIBE_ADDRESSES);
    Xml x = ctx.response().open("addressesSet");
    synchronized (state) {
      List<Address> selected = new ArrayList<>();
      List<String> ids = req.list("AllocationId");
      List<String> publicIps = req.list("PublicIp");
      ids.forEach(id -> selected.add(state.address(id)));
      for (String ip : publicIps) {
        Address a = state.addressByPublicIp(ip);
        if (!selected.contains(a)) {
          selected.add(a);
        }
      }
      if (ids.isEmpty() && publicIps.isEmpty()) {
        selected.addAll(state.addresses.values());
      }
      ctx.authorize();
      ctx.dryRunGate();
      for (Address a : selected) {
        FakeAssociation as = a.visible(ctx.now);
        Eni eni = as == null ? null : state.enis.get(as.networkInterfaceId());
        if (Filters.matches(filters, filterValues(ctx, a, as, eni), a.tags)) {
          render(ctx, x, a, as, eni);
        }
      }
    }
    return x.close("addressesSet").finish(req.action());
  }

  private static Map<String, List<String>> filterValues(Ec2Context ctx, Address a, FakeAssociation as, Eni eni) {
    Map<String, List<String>> v = new HashMap<>();
    v.put("allocation-id", List.of(a.allocationId));
    v.put("domain", List.of("vpc"));
    v.put("network-border-group", List.of(ctx.account.region()));
    v.put("public-ip", List.of(a.publicIp));
    if (as != null) {
      v.put("association-id", List.of(as.associationId()));
      v.put("network-interface-id", List.of(as.networkInterfaceId()));
      v.put("network-interface-owner-id", List.of(ctx.account.accountId()));
      v.put("private-ip-address", List.of(as.privateIp()));
      if (eni != null && eni.instanceId != null) {
        v.put("instance-id", List.of(eni.instanceId));
      }
    }
    return v;
  }

  private static void render(Ec2Context ctx, Xml x, Address a, FakeAssociation as, Eni eni) {
    x.open("item").leaf("publicIp", a.publicIp).leaf("allocationId", a.allocationId).leaf("domain", "vpc");
    if (as != null) {
      x.leaf("instanceId", eni == null ? null : eni.instanceId)
          .leaf("associationId", as.associationId())
          .leaf("networkInterfaceId", as.networkInterfaceId())
          .leaf("networkInterfaceOwnerId", ctx.account.accountId())
          .leaf("privateIpAddress", as.privateIp());
    }
    x.tagSet(a.tags).leaf("publicIpv4Pool", "amazon").leaf("networkBorderGroup", ctx.account.region()).close("item");
  }

  String associateAddress(Ec2Context ctx) {
    QueryRequest req = ctx.req;
    Optional<String> allocationId = req.get("AllocationId");
    Optional<String> publicIp = req.get("PublicIp");
    Optional<String> instanceId = req.get("InstanceId");
    Optional<String> eniId = req.get("NetworkInterfaceId");
    if (allocationId.isEmpty() && publicIp.isEmpty()) {
      throw Ec2ErrorException.missing("Either public IP or allocation id must be specified");
    }
    if (allocationId.isPresent() && publicIp.isPresent()) {
      throw Ec2ErrorException.combination("Specify either the allocation id or the public IP of the address, not both");
    }
    if (instanceId.isEmpty() && eniId.isEmpty()) {
      throw Ec2ErrorException.missing("Either an instance ID or a network interface ID must be specified");
    }
    if (instanceId.isPresent() && eniId.isPresent()) {
      throw Ec2ErrorException.combination("You can specify either the instance ID or the network interface ID, but not"
          + " both (instance " + instanceId.get() + ", network interface " + eniId.get() + ")");
    }
    boolean allowReassociation = !"false".equalsIgnoreCase(req.get("AllowReassociation").orElse("true"));
    String associationId;
    synchronized (state) {
      Address a = allocationId.isPresent() ? state.address(allocationId.get()) : state.addressByPublicIp(publicIp.get());
      Eni eni = eniId.isPresent() ? state.eni(eniId.get()) : onlyEniOf(state.instance(instanceId.get()));
      ctx.authorize(List.of(new Ec2Context.Resource(ctx.account.arn("elastic-ip/" + a.allocationId), a.tags),
          new Ec2Context.Resource(ctx.account.arn("network-interface/" + eni.id), eni.tags)));
      String ip = req.get("PrivateIpAddress").orElse(null);
      state.checkAssociate(a, eni, ip, allowReassociation);
      ctx.dryRunGate();
      associationId = state.associate(a.allocationId, eni.id, ip, allowReassociation, ctx.now, ctx.describeLag());
    }
    return ctx.response().leaf("associationId", associationId).finish(req.action());
  }

  /** The instance's network interface; EC2 requires the instance to have exactly one. */
  private Eni onlyEniOf(Instance instance) {
    List<Eni> enis = state.enisOf(instance.id);
    if (enis.size() != 1) {
      throw new Ec2ErrorException(400, "InvalidInstanceID", enis.isEmpty()
          ? "Instance '" + instance.id + "' has no network interface"
          : "There are multiple interfaces attached to instance '" + instance.id
              + "'. Please specify an interface ID for the operation instead.");
    }
    return enis.get(0);
  }

  String disassociateAddress(Ec2Context ctx) {
    QueryRequest req = ctx.req;
    Optional<String> associationId = req.get("AssociationId");
    Optional<String> publicIp = req.get("PublicIp");
    if (associationId.isEmpty() == publicIp.isEmpty()) {
      throw associationId.isEmpty() ? Ec2ErrorException.missing("Either the association ID or the public IP must be"
          + " specified") : Ec2ErrorException.combination("Specify either the association ID or the public IP, not both");
    }
    synchronized (state) {
      Address a = associationId.isPresent() ? state.byAssociation(associationId.get())
          : state.addressByPublicIp(publicIp.get());
      ctx.authorize(List.of(new Ec2Context.Resource(ctx.account.arn("elastic-ip/" + a.allocationId), a.tags)));
      if (a.current == null) {
        throw Ec2ErrorException.notFound("InvalidAssociationID.NotFound", "association of address", a.publicIp);
      }
      ctx.dryRunGate();
      state.disassociate(a, ctx.now, ctx.describeLag());
    }
    return ctx.response().finish(req.action());
  }
}
