package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.matches;
import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.range;
import static io.eipfailover.aws.internal.Checks.required;

import io.eipfailover.aws.internal.Ec2ErrorClassifier;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssignedPrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;

/**
 * Makes sure this node's ENI holds the reserved secondary private IPs a failover strategy needs:
 * {@link #ensureReserved(int)} describes the ENI and, if it holds fewer secondary IPs than asked,
 * calls {@code AssignPrivateIpAddresses} once with {@code SecondaryPrivateIpAddressCount} set to
 * the shortfall (EC2 picks free addresses of the subnet). It never removes an address.
 *
 * <p>An address EC2 assigns must also be configured in the guest OS (for example {@code ip addr
 * add 10.0.1.11/24 dev eth0}, or the distribution's cloud-init / ec2-net-utils doing it) before an
 * EIP on it carries traffic; {@link Ec2Preflight} checks both. The client is never closed.
 * Thread-safe, but two concurrent {@code ensureReserved} calls for one ENI may both assign.
 */
public final class Ec2SecondaryIpProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2SecondaryIpProvisioner.class);

  private final Ec2Client ec2;
  private final String eniId;
  private final String node;

  /**
   * What the ENI holds after {@link #ensureReserved}.
   *
   * @param networkInterfaceId the ENI
   * @param primaryIp its primary private IP
   * @param secondaryIps every secondary private IP it now holds, in EC2's order
   * @param assigned the ones assigned by this call (empty when nothing was missing)
   */
  public record Result(String networkInterfaceId, String primaryIp, List<String> secondaryIps, List<String> assigned) {
    public Result {
      secondaryIps = List.copyOf(secondaryIps);
      assigned = List.copyOf(assigned);
    }
  }

  private Ec2SecondaryIpProvisioner(Builder b) {
    this.ec2 = b.ec2;
    this.eniId = b.eniId;
    this.node = b.nodeId == null ? "-" : b.nodeId.value();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** What the ENI holds now (one {@code DescribeNetworkInterfaces}). */
  public Result current() {
    NetworkInterface eni = describe();
    List<String> secondaries = new ArrayList<>();
    String primary = eni.privateIpAddress();
    for (NetworkInterfacePrivateIpAddress p : eni.privateIpAddresses()) {
      if (Boolean.TRUE.equals(p.primary())) {
        primary = p.privateIpAddress();
      } else {
        secondaries.add(p.privateIpAddress());
      }
    }
    return new Result(eniId, primary, secondaries, List.of());
  }

  /**
   * Ensures the ENI holds at least {@code count} secondary private IPs (0 to 49), assigning the
   * shortfall in one call.
   */
  public Result ensureReserved(int count) {
    range("count", count, 0, 49);
    Result now = current();
    int missing = count - now.secondaryIps().size();
    if (missing <= 0) {
      LOG.debug("[id={}] {} already holds {} secondary IP(s), {} needed", node, eniId, now.secondaryIps().size(), count);
      return now;
    }
    List<String> assigned = new ArrayList<>();
    try {
      ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(eniId).secondaryPrivateIpAddressCount(missing))
          .assignedPrivateIpAddresses().stream().map(AssignedPrivateIpAddress::privateIpAddress).forEach(assigned::add);
    } catch (SdkException e) {
      throw Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("AssignPrivateIpAddresses",
          eniId + " (+" + missing + " secondary IPs)"), e);
    }
    List<String> held = new ArrayList<>(now.secondaryIps());
    held.addAll(assigned);
    LOG.info("[id={}] assigned {} to {}; configure them in the guest OS too", node, assigned, eniId);
    return new Result(eniId, now.primaryIp(), held, assigned);
  }

  private NetworkInterface describe() {
    List<NetworkInterface> found;
    try {
      found = new ArrayList<>();
      ec2.describeNetworkInterfacesPaginator(r -> r.networkInterfaceIds(eniId)).networkInterfaces().forEach(found::add);
    } catch (SdkException e) {
      throw Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("DescribeNetworkInterfaces", eniId), e);
    }
    if (found.isEmpty()) {
      throw new ElasticIpManagerException(Kind.CONFIGURATION, "network interface " + eniId + " not found");
    }
    return found.get(0);
  }

  /** Builds an {@link Ec2SecondaryIpProvisioner}. Not thread-safe. */
  public static final class Builder {
    private Ec2Client ec2;
    private String eniId;
    private NodeId nodeId;

    private Builder() {}

    /** The EC2 client (required); not closed by us. */
    public Builder ec2Client(Ec2Client ec2) {
      this.ec2 = notNull("ec2Client", ec2);
      return this;
    }

    /** This node's ENI (required), e.g. from {@link Ec2InstanceIdentity#primaryInterface()}. */
    public Builder networkInterfaceId(String eniId) {
      this.eniId = matches("networkInterfaceId", eniId, "eni-[0-9a-f]{1,32}", "eni-0123abcd");
      return this;
    }

    /** This node, for log lines; optional. */
    public Builder nodeId(NodeId nodeId) {
      this.nodeId = notNull("nodeId", nodeId);
      return this;
    }

    /** Checks the required settings and builds. */
    public Ec2SecondaryIpProvisioner build() {
      required("ec2Client", ec2);
      required("networkInterfaceId", eniId);
      return new Ec2SecondaryIpProvisioner(this);
    }
  }
}
