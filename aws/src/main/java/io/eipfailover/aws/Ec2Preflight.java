package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.required;

import io.eipfailover.aws.PreflightReport.Finding;
import io.eipfailover.aws.internal.Ec2ErrorClassifier;
import io.eipfailover.aws.internal.GuestIpv4Addresses;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;

/**
 * The AWS half of "doctor": checks that this node can do a failover before it has to, and reports
 * every problem with its fix instead of stopping at the first.
 *
 * <ul>
 *   <li>{@code iam:AssociateAddress}: EC2 {@code DryRun} of the failover call on this node's real
 *       EIP and ENI (so tag-scoped IAM conditions are evaluated); {@code iam:DescribeInstanceStatus}
 *       likewise for the witness guard. {@code AssignPrivateIpAddresses} has no {@code DryRun} in
 *       the EC2 API, so it is reported as not checked (it is needed only to provision missing IPs);
 *   <li>{@code imds}: IMDSv2 answers and this instance really has this node's ENIs;
 *   <li>{@code elastic-ips}: every EIP of the topology exists, is a VPC address, has the public IP
 *       the topology says (one {@code DescribeAddresses});
 *   <li>{@code reserved-ips-on-eni}: this node's home and reserved IPs are on its ENIs (one {@code
 *       DescribeNetworkInterfaces});
 *   <li>{@code reserved-ips-in-os}: they are also configured in the guest OS ({@code
 *       java.net.NetworkInterface}, or an injected address list).
 * </ul>
 *
 * <p>Never throws for a failed check. The client is never closed. Thread-safe (no state between
 * runs) as long as the injected suppliers are.
 */
public final class Ec2Preflight {
  private final Ec2Client ec2;
  private final ClusterTopology topology;
  private final NodeId self;
  private final Supplier<Ec2InstanceIdentity> identity;
  private final Supplier<Set<String>> osAddresses;

  private Ec2Preflight(Builder b) {
    this.ec2 = b.ec2;
    this.topology = b.topology;
    this.self = b.self;
    this.identity = b.identity != null ? b.identity : () -> {
      Ec2InstanceIdentity.Builder ib = Ec2InstanceIdentity.builder().nodeId(b.self);
      if (b.imdsEndpoint != null) {
        ib.endpoint(b.imdsEndpoint);
      }
      return ib.load();
    };
    this.osAddresses = b.osAddresses != null ? b.osAddresses : GuestIpv4Addresses::all;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs every check. */
  public PreflightReport run() {
    List<Finding> findings = new ArrayList<>();
    NodeSpec me = topology.node(self);
    List<AttachmentPoint> mine = new ArrayList<>(me.homePoints());
    mine.addAll(me.reservedPoints());
    ElasticIp probeEip = topology.homedOn(self).isEmpty() ? topology.elasticIps().isEmpty() ? null
        : topology.elasticIps().get(0) : topology.homedOn(self).get(0);
    AttachmentPoint probePoint = me.homePoints().get(0);
    if (probeEip != null) {
      findings.add(dryRun("AssociateAddress", probeEip.allocationId() + " -> " + probePoint,
          r -> ec2.associateAddress(q -> q.dryRun(true).allocationId(probeEip.allocationId())
              .networkInterfaceId(probePoint.networkInterfaceId()).privateIpAddress(probePoint.privateIp())
              .allowReassociation(true))));
    }
    // EC2 offers no DryRun for AssignPrivateIpAddresses, and a real call would change the ENI.
    findings.add(Finding.pass("iam:AssignPrivateIpAddresses", "not checked: EC2 has no DryRun for"
        + " AssignPrivateIpAddresses; it is needed only when Ec2SecondaryIpProvisioner assigns missing IPs, and"
        + " reserved-ips-on-eni below tells whether any are missing"));
    findings.add(dryRun("DescribeInstanceStatus", "*",
        r -> ec2.describeInstanceStatus(q -> q.dryRun(true).includeAllInstances(true))));
    findings.add(checkImds(mine));
    findings.add(checkElasticIps());
    findings.add(checkOnEni(mine));
    findings.add(checkInOs(mine));
    return new PreflightReport(findings);
  }

  private Finding dryRun(String action, String resource, Consumer<Void> call) {
    String check = "iam:" + action;
    try {
      call.accept(null);
      return Finding.problem(check, "DryRun " + action + " on " + resource + " succeeded without DryRunOperation",
          "EC2 ignored DryRun; check the endpoint override");
    } catch (SdkException e) {
      String code = Ec2ErrorClassifier.errorCode(e);
      if (code.equals("DryRunOperation")) {
        return Finding.pass(check, "ec2:" + action + " allowed on " + resource + " (DryRun)");
      }
      String why = Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call(action, resource), e).getMessage();
      return Finding.problem(check, why, "allow ec2:" + action + " for the instance role (see "
          + "io/eipfailover/aws/iam-policy.json) and tag the EIPs and ENIs with " + Ec2TagTopology.CLUSTER_TAG + "="
          + topology.clusterName() + " so the policy's condition matches");
    }
  }

  private Finding checkImds(List<AttachmentPoint> mine) {
    Ec2InstanceIdentity id;
    try {
      id = identity.get();
    } catch (RuntimeException e) {
      return Finding.problem("imds", e.getMessage(), "make IMDSv2 reachable from this process (see detail)");
    }
    Set<String> enis = new LinkedHashSet<>();
    id.interfaces().forEach(i -> enis.add(i.networkInterfaceId()));
    List<String> foreign = mine.stream().map(AttachmentPoint::networkInterfaceId).distinct()
        .filter(e -> !enis.contains(e)).toList();
    if (!foreign.isEmpty()) {
      return Finding.problem("imds", "node '" + self + "' uses " + foreign + " but instance " + id.instanceId()
          + " has " + enis, "run this node on the instance that owns its ENIs, or fix the topology / tags");
    }
    return Finding.pass("imds", "IMDSv2 ok: " + id.instanceId() + " in " + id.availabilityZone() + " with " + enis);
  }

  private Finding checkElasticIps() {
    List<String> ids = topology.elasticIps().stream().map(ElasticIp::allocationId).toList();
    if (ids.isEmpty()) {
      return Finding.pass("elastic-ips", "the topology has no Elastic IPs");
    }
    List<Address> found;
    try {
      found = ec2.describeAddresses(r -> r.allocationIds(ids)).addresses();
    } catch (SdkException e) {
      return Finding.problem("elastic-ips", Ec2ErrorClassifier.classify(
          new Ec2ErrorClassifier.Call("DescribeAddresses", "allocation ids " + ids), e).getMessage(),
          "allocate the missing Elastic IPs in this Region (aws ec2 allocate-address --domain vpc) and fix the topology");
    }
    List<String> wrong = new ArrayList<>();
    for (ElasticIp eip : topology.elasticIps()) {
      Address a = found.stream().filter(x -> eip.allocationId().equals(x.allocationId())).findFirst().orElse(null);
      if (a == null) {
        wrong.add(eip.allocationId() + " not returned");
      } else if (!"vpc".equals(a.domainAsString())) {
        wrong.add(eip.allocationId() + " has domain " + a.domainAsString() + ", not vpc");
      } else if (!eip.publicIp().equals(a.publicIp())) {
        wrong.add(eip.allocationId() + " is " + a.publicIp() + ", the topology says " + eip.publicIp());
      }
    }
    return wrong.isEmpty() ? Finding.pass("elastic-ips", ids.size() + " Elastic IP(s) exist in the VPC domain")
        : Finding.problem("elastic-ips", String.join("; ", wrong), "fix the topology's allocation ids and public IPs");
  }

  private Finding checkOnEni(List<AttachmentPoint> mine) {
    List<String> eniIds = mine.stream().map(AttachmentPoint::networkInterfaceId).distinct().toList();
    Map<String, Set<String>> held = new TreeMap<>();
    try {
      for (NetworkInterface n : ec2.describeNetworkInterfacesPaginator(r -> r.networkInterfaceIds(eniIds))
          .networkInterfaces()) {
        Set<String> ips = held.computeIfAbsent(n.networkInterfaceId(), k -> new LinkedHashSet<>());
        n.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::privateIpAddress).forEach(ips::add);
      }
    } catch (SdkException e) {
      return Finding.problem("reserved-ips-on-eni", Ec2ErrorClassifier.classify(
          new Ec2ErrorClassifier.Call("DescribeNetworkInterfaces", String.valueOf(eniIds)), e).getMessage(),
          "fix the ENI ids in the topology / tags");
    }
    List<String> missing = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    for (AttachmentPoint p : mine) {
      if (!held.getOrDefault(p.networkInterfaceId(), Set.of()).contains(p.privateIp())) {
        missing.add(p.toString());
        fixes.add("aws ec2 assign-private-ip-addresses --network-interface-id " + p.networkInterfaceId()
            + " --private-ip-addresses " + p.privateIp());
      }
    }
    return missing.isEmpty() ? Finding.pass("reserved-ips-on-eni", mine.size() + " private IP(s) present on " + eniIds)
        : Finding.problem("reserved-ips-on-eni", "not on the ENI: " + missing, String.join("; ", fixes)
            + " (or Ec2SecondaryIpProvisioner.ensureReserved)");
  }

  private Finding checkInOs(List<AttachmentPoint> mine) {
    Set<String> os;
    try {
      os = osAddresses.get();
    } catch (RuntimeException e) {
      return Finding.problem("reserved-ips-in-os", "cannot list the OS addresses: " + e.getMessage(),
          "run where java.net.NetworkInterface works");
    }
    List<String> missing = mine.stream().map(AttachmentPoint::privateIp).filter(ip -> !os.contains(ip)).toList();
    if (missing.isEmpty()) {
      return Finding.pass("reserved-ips-in-os", "all " + mine.size() + " private IP(s) configured in the guest OS");
    }
    List<String> fixes = missing.stream().map(ip -> "ip addr add " + ip + "/24 dev eth0").toList();
    return Finding.problem("reserved-ips-in-os", "assigned in EC2 but not configured in the guest OS: " + missing,
        String.join("; ", fixes) + " (adjust prefix length and device; make it persistent with your network"
            + " configuration or ec2-net-utils); traffic to an EIP on a missing address is dropped");
  }

  /** Builds an {@link Ec2Preflight}. Not thread-safe. */
  public static final class Builder {
    private Ec2Client ec2;
    private ClusterTopology topology;
    private NodeId self;
    private URI imdsEndpoint;
    private Supplier<Ec2InstanceIdentity> identity;
    private Supplier<Set<String>> osAddresses;

    private Builder() {}

    /** The EC2 client (required); not closed by us. */
    public Builder ec2Client(Ec2Client ec2) {
      this.ec2 = notNull("ec2Client", ec2);
      return this;
    }

    /** The cluster (required). */
    public Builder topology(ClusterTopology topology) {
      this.topology = notNull("topology", topology);
      return this;
    }

    /** This node (required, a node of the topology). */
    public Builder self(NodeId self) {
      this.self = notNull("self", self);
      return this;
    }

    /** IMDS endpoint override (tests); default the SDK's. Ignored when {@link #instanceIdentity} is set. */
    public Builder imdsEndpoint(URI endpoint) {
      this.imdsEndpoint = notNull("imdsEndpoint", endpoint);
      return this;
    }

    /** How to read this instance's identity; default {@link Ec2InstanceIdentity#builder()}{@code .load()}. */
    public Builder instanceIdentity(Supplier<Ec2InstanceIdentity> identity) {
      this.identity = notNull("instanceIdentity", identity);
      return this;
    }

    /** The guest OS's IPv4 addresses; default every address of {@code java.net.NetworkInterface}. */
    public Builder osAddresses(Supplier<Set<String>> osAddresses) {
      this.osAddresses = notNull("osAddresses", osAddresses);
      return this;
    }

    /** Checks across fields and builds. */
    public Ec2Preflight build() {
      required("ec2Client", ec2);
      required("topology", topology);
      required("self", self);
      if (!topology.contains(self)) {
        throw new IllegalArgumentException("self '" + self + "' is not a node of the topology " + topology.nodeIds());
      }
      return new Ec2Preflight(this);
    }
  }
}
