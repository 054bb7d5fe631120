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
 * {@code DescribeNetworkInterfaces} (filtered, paged, with each private IP's EIP association and
 * the primary IP's association at the top, both as a describe at that moment sees them, so they
 * lag with {@code DescribeAddresses}) and {@code AssignPrivateIpAddresses}. Thread-safe because the
 * state is.
 */
final class NetworkInterfaceActions {
  private final FakeEc2State state;

  NetworkInterfaceActions(FakeEc2State state) {
    this.state = state;
  }

  String describeNetworkInterfaces(Ec2Context ctx) {
    QueryRequest req = ctx.req;
    Map<String, List<String>> filters = req.filters();
    Filters.check(filters, ActionSpecs.DESCRIBE_NETWORK_INTERFACES);
    Paging.checkIds(req, "NetworkInterfaceId");
    Xml x = ctx.response().open("networkInterfaceSet");
    Paging.Page<Eni> page;
    synchronized (state) {
      List<Eni> selected = new ArrayList<>();
      List<String> ids = req.list("NetworkInterfaceId");
      ids.forEach(id -> selected.add(state.eni(id)));
      if (ids.isEmpty()) {
        selected.addAll(state.enis.values());
      }
      ctx.authorize();
      List<Eni> matching = new ArrayList<>();
      for (Eni e : selected) {
        if (Filters.matches(filters, filterValues(ctx, e), e.tags)) {
          matching.add(e);
        }
      }
      page = Paging.page(ctx, matching);
      ctx.dryRunGate();
      page.items().forEach(e -> render(ctx, x, e));
    }
    return x.close("networkInterfaceSet").leaf("nextToken", page.nextToken()).finish(req.action());
  }

  private Map<String, List<String>> filterValues(Ec2Context ctx, Eni e) {
    Map<String, List<String>> v = new HashMap<>();
    List<String> primaryFlags = new ArrayList<>();
    List<String> eipPublicIps = new ArrayList<>();
    for (int i = 0; i < e.privateIps.size(); i++) {
      primaryFlags.add(String.valueOf(i == 0));
      state.visibleAt(e.id, e.privateIps.get(i), ctx.now).ifPresent(a -> eipPublicIps.add(a.publicIp));
    }
    v.put("addresses.private-ip-address", List.copyOf(e.privateIps));
    v.put("private-ip-address", List.copyOf(e.privateIps));
    v.put("addresses.primary", primaryFlags);
    v.put("addresses.association.public-ip", eipPublicIps);
    v.put("addresses.association.owner-id", eipPublicIps.isEmpty() ? List.of() : List.of(ctx.account.accountId()));
    primaryAssociation(ctx, e).ifPresent(a -> {
      v.put("association.association-id", List.of(a.visible(ctx.now).associationId()));
      v.put("association.allocation-id", List.of(a.allocationId));
      v.put("association.ip-owner-id", List.of(ctx.account.accountId()));
      v.put("association.public-ip", List.of(a.publicIp));
      v.put("association.public-dns-name", List.of(ctx.account.publicDnsName(a.publicIp)));
    });
    if (e.instanceId != null) {
      v.put("attachment.attachment-id", List.of(attachmentId(e)));
      v.put("attachment.attach-time", List.of(Xml.timestamp(e.attachTime)));
      v.put("attachment.delete-on-termination", List.of(String.valueOf(e.deviceIndex == 0)));
      v.put("attachment.device-index", List.of(String.valueOf(e.deviceIndex)));
      v.put("attachment.instance-id", List.of(e.instanceId));
      v.put("attachment.instance-owner-id", List.of(ctx.account.accountId()));
      v.put("attachment.status", List.of("attached"));
    }
    Instance inst = e.instanceId == null ? null : state.instances.get(e.instanceId);
    v.put("availability-zone", inst == null ? List.of() : List.of(inst.availabilityZone));
    v.put("description", List.of(""));
    v.put("group-id", List.of(state.securityGroupId));
    v.put("group-name", List.of("default"));
    v.put("interface-type", List.of("interface"));
    v.put("mac-address", List.of(e.mac));
    v.put("network-interface-id", List.of(e.id));
    v.put("owner-id", List.of(ctx.account.accountId()));
    v.put("private-dns-name", List.of(ctx.account.privateDnsName(e.privateIps.get(0))));
    v.put("requester-managed", List.of("false"));
    v.put("source-dest-check", List.of("true"));
    v.put("status", List.of(e.instanceId == null ? "available" : "in-use"));
    v.put("subnet-id", List.of(e.subnetId()));
    v.put("vpc-id", List.of(state.vpcId));
    return v;
  }

  private Optional<Address> primaryAssociation(Ec2Context ctx, Eni e) {
    return state.visibleAt(e.id, e.privateIps.get(0), ctx.now);
  }

  private static String attachmentId(Eni e) {
    return "eni-attach-" + e.id.substring(4);
  }

  private void render(Ec2Context ctx, Xml x, Eni e) {
    Instance inst = e.instanceId == null ? null : state.instances.get(e.instanceId);
    x.open("item");
    primaryAssociation(ctx, e).ifPresent(a -> association(ctx, x, a));
    if (e.instanceId != null) {
      x.open("attachment").leaf("attachTime", Xml.timestamp(e.attachTime)).leaf("attachmentId", attachmentId(e))
          .leaf("deleteOnTermination", e.deviceIndex == 0).leaf("deviceIndex", e.deviceIndex)
          .leaf("networkCardIndex", 0).leaf("instanceId", e.instanceId).leaf("instanceOwnerId", ctx.account.accountId())
          .leaf("status", "attached").close("attachment");
    }
    x.leaf("availabilityZone", inst == null ? null : inst.availabilityZone).leaf("description", "")
        .open("groupSet").open("item").leaf("groupName", "default").leaf("groupId", state.securityGroupId)
        .close("item").close("groupSet")
        .leaf("interfaceType", "interface").open("ipv6AddressesSet").close("ipv6AddressesSet")
        .leaf("macAddress", e.mac).leaf("networkInterfaceId", e.id).leaf("ownerId", ctx.account.accountId())
        .leaf("privateDnsName", ctx.account.privateDnsName(e.privateIps.get(0)))
        .leaf("privateIpAddress", e.privateIps.get(0)).open("privateIpAddressesSet");
    for (int i = 0; i < e.privateIps.size(); i++) {
      String ip = e.privateIps.get(i);
      x.open("item");
      state.visibleAt(e.id, ip, ctx.now).ifPresent(a -> association(ctx, x, a));
      x.leaf("primary", i == 0).leaf("privateDnsName", ctx.account.privateDnsName(ip)).leaf("privateIpAddress", ip)
          .close("item");
    }
    x.close("privateIpAddressesSet").leaf("requesterManaged", false).leaf("sourceDestCheck", true)
        .leaf("status", e.instanceId == null ? "available" : "in-use").leaf("subnetId", e.subnetId())
        .tagSet(e.tags).leaf("vpcId", state.vpcId).close("item");
  }

  /** An EIP's association as an ENI shows it: the EIP belongs to this account, so it owns the IP. */
  private static void association(Ec2Context ctx, Xml x, Address a) {
    x.open("association").leaf("allocationId", a.allocationId).leaf("associationId", a.visible(ctx.now).associationId())
        .leaf("ipOwnerId", ctx.account.accountId()).leaf("publicDnsName", ctx.account.publicDnsName(a.publicIp))
        .leaf("publicIp", a.publicIp).close("association");
  }

  String assignPrivateIpAddresses(Ec2Context ctx) {
    QueryRequest req = ctx.req;
    if (req.get("Ipv4PrefixCount").isPresent() || !req.list("Ipv4Prefix").isEmpty()) {
      throw Ec2ErrorException.unsupported("Ipv4Prefix / Ipv4PrefixCount", "it does not model prefix delegation");
    }
    List<String> ips = req.list("PrivateIpAddress");
    Optional<Integer> count = req.integer("SecondaryPrivateIpAddressCount");
    if (ips.isEmpty() == count.isEmpty()) {
      throw ips.isEmpty() ? Ec2ErrorException.missing("The request must contain the parameter "
          + "SecondaryPrivateIpAddressCount or PrivateIpAddress") : Ec2ErrorException.combination(
          "You can't specify both PrivateIpAddress and SecondaryPrivateIpAddressCount");
    }
    String eniId = req.get("NetworkInterfaceId").orElseThrow();
    List<String> assigned;
    synchronized (state) {
      Eni eni = state.eni(eniId);
      ctx.authorize(List.of(new Ec2Context.Resource(ctx.account.arn("network-interface/" + eni.id), eni.tags)));
      assigned = count.isPresent() ? state.assignPrivateIps(eniId, count.get())
          : state.assignPrivateIps(eniId, ips, req.flag("AllowReassignment"));
    }
    Xml x = ctx.response().leaf("networkInterfaceId", eniId).open("assignedPrivateIpAddressesSet");
    assigned.forEach(ip -> x.open("item").leaf("privateIpAddress", ip).close("item"));
    return x.close("assignedPrivateIpAddressesSet").finish(req.action());
  }
}
