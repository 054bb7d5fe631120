package io.eipfailover.aws.testing;

import io.eipfailover.aws.testing.FakeEc2State.Address;
import io.eipfailover.aws.testing.FakeEc2State.Eni;
import io.eipfailover.aws.testing.FakeEc2State.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 actions the fake speaks: parses each action's parameters, applies it to the {@link
 * FakeEc2State} and renders EC2's XML answer. Stateless itself; thread-safe because the state is.
 */
final class Ec2Actions {
  private static final String OWNER = "123456789012";

  private final FakeEc2State state;

  Ec2Actions(FakeEc2State state) {
    this.state = state;
  }

  /** Runs {@code req} and returns the response body, or throws {@link Ec2ErrorException}. */
  String handle(QueryRequest req, String requestId, Instant now, Duration describeLag) {
    String action = req.action();
    return switch (action) {
      case "DescribeAddresses" -> describeAddresses(req, requestId, now);
      case "AssociateAddress" -> associateAddress(req, requestId, now, describeLag);
      case "DisassociateAddress" -> disassociateAddress(req, requestId, now, describeLag);
      case "DescribeNetworkInterfaces" -> describeNetworkInterfaces(req, requestId);
      case "AssignPrivateIpAddresses" -> assignPrivateIpAddresses(req, requestId);
      case "DescribeInstanceStatus" -> describeInstanceStatus(req, requestId);
      default -> throw new Ec2ErrorException(400, "InvalidAction",
          "The action " + action + " is not valid for this web service.");
    };
  }

  /**
   * For the tag-scoped mutating actions, the first resource they touch that lacks {@code
   * eipfailover:cluster=<cluster>}, or null (also for other actions and unknown ids, which fail
   * later with their own error).
   */
  String untaggedResource(QueryRequest req, String cluster) {
    List<String> arns = new ArrayList<>();
    synchronized (state) {
      if (req.action().equals("AssociateAddress")) {
        req.get("AllocationId").map(state.addresses::get)
            .filter(a -> !cluster.equals(a.tags.get(Ec2Fake.CLUSTER_TAG))).ifPresent(a -> arns.add(
                "arn:aws:ec2:us-east-1:" + OWNER + ":elastic-ip/" + a.allocationId));
      }
      if (req.action().equals("AssociateAddress") || req.action().equals("AssignPrivateIpAddresses")) {
        req.get("NetworkInterfaceId").map(state.enis::get)
            .filter(e -> !cluster.equals(e.tags.get(Ec2Fake.CLUSTER_TAG))).ifPresent(e -> arns.add(
                "arn:aws:ec2:us-east-1:" + OWNER + ":network-interface/" + e.id));
      }
    }
    return arns.isEmpty() ? null : arns.get(0);
  }

  private String describeAddresses(QueryRequest req, String requestId, Instant now) {
    Xml x = Xml.response("DescribeAddresses", requestId).open("addressesSet");
    synchronized (state) {
      List<Address> selected = new ArrayList<>();
      List<String> ids = req.list("AllocationId");
      if (!ids.isEmpty()) {
        ids.forEach(id -> selected.add(state.address(id)));
      } else {
        selected.addAll(state.addresses.values());
      }
      List<String> publicIps = req.list("PublicIp");
      Map<String, List<String>> filters = req.filters();
      for (Address a : selected) {
        FakeAssociation as = a.visible(now);
        if (!publicIps.isEmpty() && !publicIps.contains(a.publicIp)) {
          continue;
        }
        if (!Filters.matches(filters, name -> addressFilter(name, a, as))) {
          continue;
        }
        x.open("item").leaf("publicIp", a.publicIp).leaf("allocationId", a.allocationId).leaf("domain", "vpc");
        if (as != null) {
          Eni eni = state.enis.get(as.networkInterfaceId());
          x.leaf("instanceId", eni == null ? null : eni.instanceId)
              .leaf("associationId", as.associationId())
              .leaf("networkInterfaceId", as.networkInterfaceId())
              .leaf("networkInterfaceOwnerId", OWNER)
              .leaf("privateIpAddress", as.privateIp());
        }
        x.tagSet(a.tags).leaf("publicIpv4Pool", "amazon").leaf("networkBorderGroup", "us-east-1").close("item");
      }
    }
    return x.close("addressesSet").finish("DescribeAddresses");
  }

  private static Optional<List<String>> addressFilter(String name, Address a, FakeAssociation as) {
    return switch (name) {
      case "allocation-id" -> Optional.of(List.of(a.allocationId));
      case "public-ip" -> Optional.of(List.of(a.publicIp));
      case "domain" -> Optional.of(List.of("vpc"));
      case "association-id" -> Optional.of(as == null ? List.of() : List.of(as.associationId()));
      case "network-interface-id" -> Optional.of(as == null ? List.of() : List.of(as.networkInterfaceId()));
      case "private-ip-address" -> Optional.of(as == null ? List.of() : List.of(as.privateIp()));
      default -> Filters.tagValues(name, a.tags);
    };
  }

  private String associateAddress(QueryRequest req, String requestId, Instant now, Duration lag) {
    String allocationId = req.get("AllocationId").orElse(null);
    if (allocationId == null) {
      throw new Ec2ErrorException(400, "MissingParameter",
          "Either public IP or allocation id must be specified; this fake supports VPC addresses (AllocationId) only");
    }
    String eniId = req.get("NetworkInterfaceId").orElse(null);
    String associationId;
    synchronized (state) {
      if (eniId == null) {
        String instanceId = req.get("InstanceId").orElseThrow(() -> new Ec2ErrorException(400, "MissingParameter",
            "Either an instance ID or a network interface ID must be specified"));
        state.instance(instanceId);
        eniId = state.primaryEniOf(instanceId).orElseThrow(() -> Ec2ErrorException.invalidParameter(
            "Instance " + instanceId + " has no network interface")).id;
      }
      associationId = state.associate(allocationId, eniId, req.get("PrivateIpAddress").orElse(null),
          req.flag("AllowReassociation"), now, lag);
    }
    return Xml.response("AssociateAddress", requestId).leaf("return", true).leaf("associationId", associationId)
        .finish("AssociateAddress");
  }

  private String disassociateAddress(QueryRequest req, String requestId, Instant now, Duration lag) {
    state.disassociate(req.require("AssociationId"), now, lag);
    return Xml.response("DisassociateAddress", requestId).leaf("return", true).finish("DisassociateAddress");
  }

  private String describeNetworkInterfaces(QueryRequest req, String requestId) {
    Xml x = Xml.response("DescribeNetworkInterfaces", requestId).open("networkInterfaceSet");
    synchronized (state) {
      List<Eni> selected = new ArrayList<>();
      List<String> ids = req.list("NetworkInterfaceId");
      if (!ids.isEmpty()) {
        ids.forEach(id -> selected.add(state.eni(id)));
      } else {
        selected.addAll(state.enis.values());
      }
      Map<String, List<String>> filters = req.filters();
      for (Eni e : selected) {
        if (Filters.matches(filters, name -> eniFilter(name, e))) {
          renderEni(x, e);
        }
      }
    }
    return x.close("networkInterfaceSet").finish("DescribeNetworkInterfaces");
  }

  private Optional<List<String>> eniFilter(String name, Eni e) {
    return switch (name) {
      case "network-interface-id" -> Optional.of(List.of(e.id));
      case "attachment.instance-id" -> Optional.of(e.instanceId == null ? List.of() : List.of(e.instanceId));
      case "mac-address" -> Optional.of(List.of(e.mac));
      case "vpc-id" -> Optional.of(List.of(state.vpcId));
      case "subnet-id" -> Optional.of(List.of(e.subnetId()));
      case "addresses.private-ip-address", "private-ip-address" -> Optional.of(List.copyOf(e.privateIps));
      case "status" -> Optional.of(List.of(e.instanceId == null ? "available" : "in-use"));
      default -> Filters.tagValues(name, e.tags);
    };
  }

  private void renderEni(Xml x, Eni e) {
    Instance inst = e.instanceId == null ? null : state.instances.get(e.instanceId);
    x.open("item").leaf("networkInterfaceId", e.id).leaf("subnetId", e.subnetId()).leaf("vpcId", state.vpcId)
        .leaf("availabilityZone", inst == null ? null : inst.availabilityZone)
        .leaf("description", "").leaf("ownerId", OWNER).leaf("requesterManaged", false)
        .leaf("status", e.instanceId == null ? "available" : "in-use").leaf("macAddress", e.mac)
        .leaf("privateIpAddress", e.privateIps.get(0)).leaf("sourceDestCheck", true)
        .leaf("interfaceType", "interface");
    if (e.instanceId != null) {
      x.open("attachment").leaf("attachmentId", "eni-attach-" + e.id.substring(4)).leaf("instanceId", e.instanceId)
          .leaf("instanceOwnerId", OWNER).leaf("deviceIndex", e.deviceIndex).leaf("status", "attached")
          .leaf("deleteOnTermination", e.deviceIndex == 0).close("attachment");
    }
    x.tagSet(e.tags).open("privateIpAddressesSet");
    for (int i = 0; i < e.privateIps.size(); i++) {
      String ip = e.privateIps.get(i);
      x.open("item").leaf("privateIpAddress", ip).leaf("primary", i == 0);
      state.addressAt(e.id, ip).ifPresent(a -> x.open("association").leaf("publicIp", a.publicIp)
          .leaf("ipOwnerId", "amazon").leaf("allocationId", a.allocationId)
          .leaf("associationId", a.current.associationId()).close("association"));
      x.close("item");
    }
    x.close("privateIpAddressesSet");
    x.close("item");
  }

  private String assignPrivateIpAddresses(QueryRequest req, String requestId) {
    String eniId = req.require("NetworkInterfaceId");
    if (!req.list("PrivateIpAddress").isEmpty()) {
      throw Ec2ErrorException.invalidParameter("This fake assigns by SecondaryPrivateIpAddressCount only");
    }
    int count = req.integer("SecondaryPrivateIpAddressCount").orElseThrow(() -> new Ec2ErrorException(400,
        "MissingParameter", "The request must contain the parameter SecondaryPrivateIpAddressCount or PrivateIpAddress"));
    List<String> assigned = state.assignPrivateIps(eniId, count);
    Xml x = Xml.response("AssignPrivateIpAddresses", requestId).leaf("networkInterfaceId", eniId)
        .open("assignedPrivateIpAddressesSet");
    assigned.forEach(ip -> x.open("item").leaf("privateIpAddress", ip).close("item"));
    return x.close("assignedPrivateIpAddressesSet").leaf("return", true).finish("AssignPrivateIpAddresses");
  }

  private String describeInstanceStatus(QueryRequest req, String requestId) {
    boolean includeAll = req.flag("IncludeAllInstances");
    Xml x = Xml.response("DescribeInstanceStatus", requestId).open("instanceStatusSet");
    synchronized (state) {
      List<Instance> selected = new ArrayList<>();
      List<String> ids = req.list("InstanceId");
      if (!ids.isEmpty()) {
        ids.forEach(id -> selected.add(state.instance(id)));
      } else {
        selected.addAll(state.instances.values());
      }
      Map<String, List<String>> filters = req.filters();
      for (Instance i : selected) {
        boolean running = i.state.equals("running");
        if (!includeAll && !running) {
          continue;
        }
        String system = running ? i.systemStatus : "not-applicable";
        String instance = running ? i.instanceStatus : "not-applicable";
        if (!Filters.matches(filters, name -> switch (name) {
          case "instance-state-name" -> Optional.of(List.of(i.state));
          case "availability-zone" -> Optional.of(List.of(i.availabilityZone));
          case "system-status.status" -> Optional.of(List.of(system));
          case "instance-status.status" -> Optional.of(List.of(instance));
          default -> Optional.empty();
        })) {
          continue;
        }
        x.open("item").leaf("instanceId", i.id).leaf("availabilityZone", i.availabilityZone)
            .open("instanceState").leaf("code", stateCode(i.state)).leaf("name", i.state).close("instanceState");
        summary(x, "systemStatus", system);
        summary(x, "instanceStatus", instance);
        x.close("item");
      }
    }
    return x.close("instanceStatusSet").finish("DescribeInstanceStatus");
  }

  private static void summary(Xml x, String element, String status) {
    x.open(element).leaf("status", status).open("details").open("item").leaf("name", "reachability")
        .leaf("status", status.equals("impaired") ? "failed" : status.equals("ok") ? "passed" : status)
        .close("item").close("details").close(element);
  }

  static int stateCode(String name) {
    return switch (name) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      case "stopped" -> 80;
      default -> throw new IllegalArgumentException("unknown instance state '" + name + "'");
    };
  }
}
