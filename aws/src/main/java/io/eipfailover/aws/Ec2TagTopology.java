package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.required;

import io.eipfailover.aws.internal.Ec2ErrorClassifier;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Builds a {@link ClusterTopology} from EC2 tags, so every node derives the same topology from one
 * source of truth with two filtered describes ({@code DescribeNetworkInterfaces} walked page by
 * page with the SDK's paginator, {@code DescribeAddresses}, which EC2 does not page):
 *
 * <ul>
 *   <li>ENIs tagged {@code eipfailover:cluster=<name>} and {@code eipfailover:node=<node id>}
 *       ({@code DescribeNetworkInterfaces}): each ENI's <em>primary</em> private IP is a home point
 *       of that node; its <em>secondary</em> private IPs are the node's reserved points;
 *   <li>Elastic IPs tagged {@code eipfailover:cluster=<name>} and {@code eipfailover:home=<node
 *       id>} ({@code DescribeAddresses}).
 * </ul>
 *
 * <p>Ordering is deterministic whatever order EC2 answers in: ENIs of a node by attachment device
 * index then ENI id, reserved IPs in numeric order, EIPs by allocation id (the i-th EIP homed on a
 * node lives on its i-th home point, see {@link NodeSpec}). The result is validated by {@link
 * ClusterTopology.Builder#build()}; a problem names the tag, ENI or EIP at fault. An explicit
 * topology built in code stays possible and needs no Describe permission for this.
 *
 * <p>The client is never closed. Thread-safe (stateless apart from the client).
 */
public final class Ec2TagTopology {
  /** Tag on ENIs and EIPs naming the cluster. */
  public static final String CLUSTER_TAG = "eipfailover:cluster";
  /** Tag on ENIs naming the node that owns the ENI. */
  public static final String NODE_TAG = "eipfailover:node";
  /** Tag on EIPs naming the EIP's home node. */
  public static final String HOME_TAG = "eipfailover:home";

  private static final Logger LOG = LoggerFactory.getLogger(Ec2TagTopology.class);
  /** EC2's largest page for {@code DescribeNetworkInterfaces}; EC2 may still answer fewer per page. */
  static final int PAGE_SIZE = 1000;

  private final Ec2Client ec2;
  private final String clusterName;
  private final String node;

  private Ec2TagTopology(Builder b) {
    this.ec2 = b.ec2;
    this.clusterName = b.clusterName;
    this.node = b.nodeId == null ? "-" : b.nodeId.value();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Describes the tagged ENIs and EIPs and builds the validated topology. */
  public ClusterTopology load() {
    List<NetworkInterface> enis;
    List<Address> addresses;
    Filter cluster = Filter.builder().name("tag:" + CLUSTER_TAG).values(clusterName).build();
    try {
      enis = new ArrayList<>();
      ec2.describeNetworkInterfacesPaginator(r -> r.filters(cluster, Filter.builder().name("tag-key").values(NODE_TAG)
          .build()).maxResults(PAGE_SIZE)).networkInterfaces().forEach(enis::add);
    } catch (SdkException e) {
      throw Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("DescribeNetworkInterfaces",
          "ENIs tagged " + CLUSTER_TAG + "=" + clusterName), e);
    }
    try {
      addresses = new ArrayList<>(ec2.describeAddresses(r -> r.filters(cluster,
          Filter.builder().name("tag-key").values(HOME_TAG).build())).addresses());
    } catch (SdkException e) {
      throw Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("DescribeAddresses",
          "Elastic IPs tagged " + CLUSTER_TAG + "=" + clusterName), e);
    }
    if (enis.isEmpty()) {
      throw new EipFailoverException("no network interface is tagged " + CLUSTER_TAG + "=" + clusterName + " and "
          + NODE_TAG + "=<node>; tag each node's ENI (see README, Running on AWS)");
    }
    enis.sort(Comparator.comparing((NetworkInterface n) -> n.attachment() == null || n.attachment().deviceIndex() == null
        ? Integer.MAX_VALUE : n.attachment().deviceIndex()).thenComparing(NetworkInterface::networkInterfaceId));
    Map<NodeId, List<AttachmentPoint>> homes = new TreeMap<>();
    Map<NodeId, List<AttachmentPoint>> reserved = new TreeMap<>();
    for (NetworkInterface eni : enis) {
      NodeId id = nodeId(tag(eni.tagSet(), NODE_TAG), "ENI " + eni.networkInterfaceId() + " tag " + NODE_TAG);
      List<String> secondaries = new ArrayList<>();
      String primary = null;
      for (NetworkInterfacePrivateIpAddress p : eni.privateIpAddresses()) {
        if (Boolean.TRUE.equals(p.primary())) {
          primary = p.privateIpAddress();
        } else {
          secondaries.add(p.privateIpAddress());
        }
      }
      if (primary == null) {
        primary = eni.privateIpAddress();
      }
      secondaries.sort(Comparator.comparingLong(Ec2TagTopology::numeric));
      homes.computeIfAbsent(id, k -> new ArrayList<>()).add(AttachmentPoint.primary(eni.networkInterfaceId(), primary));
      List<AttachmentPoint> r = reserved.computeIfAbsent(id, k -> new ArrayList<>());
      secondaries.forEach(ip -> r.add(AttachmentPoint.reserved(eni.networkInterfaceId(), ip)));
    }
    addresses.sort(Comparator.comparing(Address::allocationId));
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName(clusterName);
    homes.forEach((id, points) -> b.node(new NodeSpec(id, points, reserved.get(id))));
    for (Address a : addresses) {
      NodeId home = nodeId(tag(a.tags(), HOME_TAG), "Elastic IP " + a.allocationId() + " tag " + HOME_TAG);
      b.elasticIp(new ElasticIp(a.allocationId(), a.publicIp(), home));
    }
    ClusterTopology topology;
    try {
      topology = b.build();
    } catch (IllegalArgumentException e) {
      throw new EipFailoverException("the EC2 tags of cluster '" + clusterName + "' do not form a valid topology: "
          + e.getMessage(), e);
    }
    LOG.info("[id={}] topology from tags: {} (fingerprint {})", node, topology,
        Long.toHexString(topology.fingerprint()));
    return topology;
  }

  private static Optional<String> tag(List<Tag> tags, String key) {
    return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
  }

  private NodeId nodeId(Optional<String> value, String where) {
    try {
      return NodeId.of(value.orElse(""));
    } catch (IllegalArgumentException e) {
      throw new EipFailoverException(where + " of cluster '" + clusterName + "' is not a valid node id: " + e.getMessage(), e);
    }
  }

  private static long numeric(String ip) {
    long v = 0;
    for (String part : ip.split("\\.")) {
      v = (v << 8) | Integer.parseInt(part);
    }
    return v;
  }

  /** Builds an {@link Ec2TagTopology}. Not thread-safe. */
  public static final class Builder {
    private Ec2Client ec2;
    private String clusterName;
    private NodeId nodeId;

    private Builder() {}

    /** The EC2 client (required); not closed by us. */
    public Builder ec2Client(Ec2Client ec2) {
      this.ec2 = notNull("ec2Client", ec2);
      return this;
    }

    /** The cluster name, the value of the {@code eipfailover:cluster} tags (required). */
    public Builder clusterName(String clusterName) {
      if (clusterName == null || !clusterName.matches("[A-Za-z0-9._-]{1,32}")) {
        throw new IllegalArgumentException(
            "clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was '" + clusterName + "'");
      }
      this.clusterName = clusterName;
      return this;
    }

    /** This node, for log lines; optional. */
    public Builder nodeId(NodeId nodeId) {
      this.nodeId = notNull("nodeId", nodeId);
      return this;
    }

    /** Checks the required settings and builds. */
    public Ec2TagTopology build() {
      required("ec2Client", ec2);
      required("clusterName", clusterName);
      return new Ec2TagTopology(this);
    }
  }
}
