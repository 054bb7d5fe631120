package io.eipfailover.aws.testing;

import io.eipfailover.aws.internal.Ipv4Math;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake's EC2 resources and the semantics of the calls on them. Every method is {@code
 * synchronized}: WireMock serves requests on several Jetty threads and tests read state directly.
 * Resources are kept in insertion order so answers are deterministic.
 */
final class FakeEc2State {
  static final class Address {
    final String allocationId;
    final String publicIp;
    final Map<String, String> tags = new LinkedHashMap<>();
    FakeAssociation current;
    FakeAssociation stale;
    Instant staleUntil = Instant.MIN;

    Address(String allocationId, String publicIp) {
      this.allocationId = allocationId;
      this.publicIp = publicIp;
    }

    /** What a describe at {@code now} shows: the previous association while the lag lasts. */
    FakeAssociation visible(Instant now) {
      return now.isBefore(staleUntil) ? stale : current;
    }
  }

  static final class Eni {
    final String id;
    final String instanceId;
    final int deviceIndex;
    final String mac;
    final String subnetCidr;
    final List<String> privateIps = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();

    Eni(String id, String instanceId, int deviceIndex, String mac, String subnetCidr) {
      this.id = id;
      this.instanceId = instanceId;
      this.deviceIndex = deviceIndex;
      this.mac = mac;
      this.subnetCidr = subnetCidr;
    }

    String subnetId() {
      return "subnet-" + Integer.toHexString(subnetCidr.hashCode() & 0xfffffff);
    }
  }

  static final class Instance {
    final String id;
    final String availabilityZone;
    String state = "running";
    String systemStatus = "ok";
    String instanceStatus = "ok";

    Instance(String id, String availabilityZone) {
      this.id = id;
      this.availabilityZone = availabilityZone;
    }
  }

  final Map<String, Address> addresses = new LinkedHashMap<>();
  final Map<String, Eni> enis = new LinkedHashMap<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final String vpcId;
  final String vpcCidr;
  final int maxPrivateIpsPerEni;
  private long nextId = 0x1000;

  FakeEc2State(String vpcId, String vpcCidr, int maxPrivateIpsPerEni) {
    this.vpcId = vpcId;
    this.vpcCidr = vpcCidr;
    this.maxPrivateIpsPerEni = maxPrivateIpsPerEni;
  }

  synchronized String newId(String prefix) {
    return String.format("%s-%017x", prefix, nextId++);
  }

  synchronized Instance instance(String id) {
    Instance i = instances.get(id);
    if (i == null) {
      throw Ec2ErrorException.notFound("InvalidInstanceID.NotFound", "instance ID", id);
    }
    return i;
  }

  synchronized Eni eni(String id) {
    Eni e = enis.get(id);
    if (e == null) {
      throw Ec2ErrorException.notFound("InvalidNetworkInterfaceID.NotFound", "networkInterface ID", id);
    }
    return e;
  }

  synchronized Address address(String allocationId) {
    Address a = addresses.get(allocationId);
    if (a == null) {
      throw Ec2ErrorException.notFound("InvalidAllocationID.NotFound", "allocation ID", allocationId);
    }
    return a;
  }

  /** The true association (no lag), for tests. */
  synchronized Optional<FakeAssociation> association(String allocationId) {
    return Optional.ofNullable(address(allocationId).current);
  }

  /** The address associated with {@code privateIp} right now, if any. */
  synchronized Optional<Address> addressAt(String eniId, String privateIp) {
    for (Address a : addresses.values()) {
      if (a.current != null && a.current.networkInterfaceId().equals(eniId) && a.current.privateIp().equals(privateIp)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * EC2's {@code AssociateAddress} for VPC addresses. A private IP carries at most one EIP: an EIP
   * already there is disassociated, as EC2 does.
   */
  synchronized String associate(String allocationId, String eniId, String privateIp, boolean allowReassociation,
      Instant now, Duration lag) {
    Address a = address(allocationId);
    Eni eni = eni(eniId);
    String ip = privateIp != null ? privateIp : eni.privateIps.get(0);
    if (!eni.privateIps.contains(ip)) {
      throw Ec2ErrorException.invalidParameter(
          "The specified private IP address " + ip + " is not assigned to the network interface " + eniId);
    }
    if (a.current != null && !allowReassociation) {
      throw new Ec2ErrorException(400, "Resource.AlreadyAssociated",
          "resource " + allocationId + " is already associated with associate-id " + a.current.associationId());
    }
    addressAt(eniId, ip).filter(other -> other != a).ifPresent(other -> setFakeAssociation(other, null, now, lag));
    FakeAssociation next = new FakeAssociation(newId("eipassoc"), eniId, ip);
    setFakeAssociation(a, next, now, lag);
    return next.associationId();
  }

  synchronized void disassociate(String associationId, Instant now, Duration lag) {
    for (Address a : addresses.values()) {
      if (a.current != null && a.current.associationId().equals(associationId)) {
        setFakeAssociation(a, null, now, lag);
        return;
      }
    }
    throw Ec2ErrorException.notFound("InvalidAssociationID.NotFound", "association ID", associationId);
  }

  private void setFakeAssociation(Address a, FakeAssociation next, Instant now, Duration lag) {
    if (!lag.isZero() && !lag.isNegative()) {
      // Keep the oldest still-visible association while the lag lasts, like a lagging replica.
      a.stale = a.visible(now);
      a.staleUntil = now.plus(lag);
    }
    a.current = next;
  }

  /** EC2's {@code AssignPrivateIpAddresses} with a count: the lowest free addresses of the subnet. */
  synchronized List<String> assignPrivateIps(String eniId, int count) {
    Eni eni = eni(eniId);
    if (count < 1) {
      throw Ec2ErrorException.invalidParameter(
          "Value (" + count + ") for parameter secondaryPrivateIpAddressCount is invalid. Must be at least 1.");
    }
    if (eni.privateIps.size() + count > maxPrivateIpsPerEni) {
      throw new Ec2ErrorException(400, "PrivateIpAddressLimitExceeded",
          "Number of private addresses will exceed limit of " + maxPrivateIpsPerEni + " for " + eniId);
    }
    List<String> used = new ArrayList<>();
    enis.values().forEach(e -> used.addAll(e.privateIps));
    String[] cidr = eni.subnetCidr.split("/");
    long base = Ipv4Math.toLong(cidr[0]);
    long size = 1L << (32 - Integer.parseInt(cidr[1]));
    List<String> assigned = new ArrayList<>();
    // AWS reserves the first four addresses and the last one of every subnet.
    for (long host = base + 4; host < base + size - 1 && assigned.size() < count; host++) {
      String ip = Ipv4Math.toString(host);
      if (!used.contains(ip)) {
        assigned.add(ip);
      }
    }
    if (assigned.size() < count) {
      throw new Ec2ErrorException(400, "InsufficientFreeAddressesInSubnet",
          "The specified subnet " + eni.subnetId() + " does not have enough free addresses");
    }
    eni.privateIps.addAll(assigned);
    return assigned;
  }

  synchronized Optional<Eni> primaryEniOf(String instanceId) {
    return enis.values().stream().filter(e -> instanceId.equals(e.instanceId) && e.deviceIndex == 0).findFirst();
  }

  synchronized List<Eni> enisOf(String instanceId) {
    return enis.values().stream().filter(e -> instanceId.equals(e.instanceId)).toList();
  }
}
