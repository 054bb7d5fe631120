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
    final Instant attachTime;
    final List<String> privateIps = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();

    Eni(String id, String instanceId, int deviceIndex, String mac, String subnetCidr, Instant attachTime) {
      this.id = id;
      this.instanceId = instanceId;
      this.deviceIndex = deviceIndex;
      this.mac = mac;
      this.subnetCidr = subnetCidr;
      this.attachTime = attachTime;
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
  /** Every ENI of the fake is in the VPC's default security group. */
  final String securityGroupId = "sg-0fa1e0000000000a1";
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

  /** The address a describe at {@code now} shows on {@code privateIp} of {@code eniId}, if any. */
  synchronized Optional<Address> visibleAt(String eniId, String privateIp, Instant now) {
    for (Address a : addresses.values()) {
      FakeAssociation v = a.visible(now);
      if (v != null && v.networkInterfaceId().equals(eniId) && v.privateIp().equals(privateIp)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The address with public IP {@code publicIp}, or EC2's {@code InvalidAddress.NotFound}. */
  synchronized Address addressByPublicIp(String publicIp) {
    for (Address a : addresses.values()) {
      if (a.publicIp.equals(publicIp)) {
        return a;
      }
    }
    throw new Ec2ErrorException(400, "InvalidAddress.NotFound", "Address '" + publicIp + "' not found.");
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
   * The checks of EC2's {@code AssociateAddress} for VPC addresses that depend on state, without
   * changing anything: the private IP (the primary if null) must be on the ENI, and an associated
   * EIP moves only if reassociation is allowed. Returns the private IP to use.
   */
  synchronized String checkAssociate(Address a, Eni eni, String privateIp, boolean allowReassociation) {
    String ip = privateIp != null ? privateIp : eni.privateIps.get(0);
    if (!eni.privateIps.contains(ip)) {
      throw Ec2ErrorException.invalidParameter(
          "The specified private IP address " + ip + " is not assigned to the network interface " + eni.id);
    }
    if (a.current != null && !allowReassociation) {
      throw new Ec2ErrorException(400, "Resource.AlreadyAssociated",
          "resource " + a.allocationId + " is already associated with associate-id " + a.current.associationId());
    }
    return ip;
  }

  /**
   * EC2's {@code AssociateAddress} for VPC addresses. A private IP carries at most one EIP: an EIP
   * already there is disassociated, as EC2 does.
   */
  synchronized String associate(String allocationId, String eniId, String privateIp, boolean allowReassociation,
      Instant now, Duration lag) {
    Address a = address(allocationId);
    String ip = checkAssociate(a, eni(eniId), privateIp, allowReassociation);
    addressAt(eniId, ip).filter(other -> other != a).ifPresent(other -> setFakeAssociation(other, null, now, lag));
    FakeAssociation next = new FakeAssociation(newId("eipassoc"), eniId, ip);
    setFakeAssociation(a, next, now, lag);
    return next.associationId();
  }

  /** The address whose current association is {@code associationId}, or EC2's NotFound. */
  synchronized Address byAssociation(String associationId) {
    for (Address a : addresses.values()) {
      if (a.current != null && a.current.associationId().equals(associationId)) {
        return a;
      }
    }
    throw Ec2ErrorException.notFound("InvalidAssociationID.NotFound", "association ID", associationId);
  }

  synchronized void disassociate(Address a, Instant now, Duration lag) {
    setFakeAssociation(a, null, now, lag);
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
    checkLimit(eni, count);
    List<String> assigned = new ArrayList<>();
    long[] range = hostRange(eni);
    for (long host = range[0]; host <= range[1] && assigned.size() < count; host++) {
      String ip = Ipv4Math.toString(host);
      if (holderOf(ip).isEmpty()) {
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

  /**
   * EC2's {@code AssignPrivateIpAddresses} with explicit addresses: each must be a usable host of
   * the ENI's subnet and not already on it; one held as a secondary by another ENI moves only with
   * {@code allowReassignment} (a primary never moves), and an EIP on it stays with the address.
   */
  synchronized List<String> assignPrivateIps(String eniId, List<String> ips, boolean allowReassignment) {
    Eni eni = eni(eniId);
    long[] range = hostRange(eni);
    for (String ip : ips) {
      long v;
      try {
        v = Ipv4Math.toLong(ip);
      } catch (IllegalArgumentException e) {
        throw Ec2ErrorException.invalidParameter("Value (" + ip + ") for parameter privateIpAddress is invalid.");
      }
      if (v < range[0] || v > range[1]) {
        throw Ec2ErrorException.invalidParameter("Address " + ip + " does not fall within the usable range of subnet "
            + eni.subnetId() + " (" + eni.subnetCidr + ")");
      }
      Optional<Eni> holder = holderOf(ip);
      if (holder.isPresent() && (holder.get() == eni || !allowReassignment || holder.get().privateIps.get(0).equals(ip))) {
        throw new Ec2ErrorException(400, "InvalidIPAddress.InUse", "Address " + ip + " is in use by "
            + holder.get().id + (holder.get() == eni || allowReassignment ? "" : "; set AllowReassignment to move it"));
      }
    }
    checkLimit(eni, ips.size());
    for (String ip : ips) {
      holderOf(ip).ifPresent(other -> {
        other.privateIps.remove(ip);
        addressAt(other.id, ip).ifPresent(a -> a.current = new FakeAssociation(a.current.associationId(), eniId, ip));
      });
      eni.privateIps.add(ip);
    }
    return List.copyOf(ips);
  }

  private void checkLimit(Eni eni, int more) {
    if (eni.privateIps.size() + more > maxPrivateIpsPerEni) {
      throw new Ec2ErrorException(400, "PrivateIpAddressLimitExceeded",
          "Number of private addresses will exceed limit of " + maxPrivateIpsPerEni + " for " + eni.id);
    }
  }

  /** First and last usable host of the ENI's subnet: AWS reserves the first four and the last address. */
  private static long[] hostRange(Eni eni) {
    String[] cidr = eni.subnetCidr.split("/");
    long base = Ipv4Math.toLong(cidr[0]);
    long size = 1L << (32 - Integer.parseInt(cidr[1]));
    return new long[] {base + 4, base + size - 2};
  }

  private Optional<Eni> holderOf(String ip) {
    return enis.values().stream().filter(e -> e.privateIps.contains(ip)).findFirst();
  }

  synchronized Optional<Eni> primaryEniOf(String instanceId) {
    return enis.values().stream().filter(e -> instanceId.equals(e.instanceId) && e.deviceIndex == 0).findFirst();
  }

  synchronized List<Eni> enisOf(String instanceId) {
    return enis.values().stream().filter(e -> instanceId.equals(e.instanceId)).toList();
  }
}
