package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.Map;

/**
 * The two-node cluster every harness scenario runs: {@code lb-a} and {@code lb-b}, each the home of
 * one EIP on its primary private IP and holding one reserved private IP for the peer's EIP. The
 * private IPs are the nodes' addresses in their network namespaces ({@link BenchNetwork}), so the
 * EC2 fake, the agents' configuration and keepalived's notify scripts agree by construction.
 */
public final class PairLayout {
  public static final NodeId A = NodeId.of("lb-a");
  public static final NodeId B = NodeId.of("lb-b");
  public static final String CLUSTER = "bench-pair";
  /** The VPC gateway: the EC2 API relay and the IMDS relays listen here, in the cloud namespace. */
  public static final String GATEWAY = "10.98.0.1";
  public static final int EC2_PORT = 8080;
  public static final int HEARTBEAT_PORT = 694;
  public static final ElasticIp EIP_A = ElasticIp.of("eipalloc-0a00000000000000a", "198.51.100.10", "lb-a");
  public static final ElasticIp EIP_B = ElasticIp.of("eipalloc-0b00000000000000b", "198.51.100.11", "lb-b");

  /** One node's identity in EC2 and on the bench network. */
  public record Node(NodeId id, String instance, String eni, String primaryIp, String reservedIp, ElasticIp home,
      int imdsPort, String vip) {}

  public static final Node NODE_A = new Node(A, "i-0a0000000000000a1", "eni-0a0000000000000a1", "10.98.0.11",
      "10.98.0.21", EIP_A, 9001, "10.98.0.100");
  public static final Node NODE_B = new Node(B, "i-0b0000000000000b1", "eni-0b0000000000000b1", "10.98.0.12",
      "10.98.0.22", EIP_B, 9002, "10.98.0.101");

  private PairLayout() {}

  /** Both nodes, lb-a first. */
  public static List<Node> nodes() {
    return List.of(NODE_A, NODE_B);
  }

  /** The node of {@code id}. */
  public static Node node(NodeId id) {
    if (id.equals(A)) {
      return NODE_A;
    }
    if (id.equals(B)) {
      return NODE_B;
    }
    throw new IllegalArgumentException("node must be lb-a or lb-b, was '" + id + "'");
  }

  /** The other node of the pair. */
  public static Node peerOf(Node n) {
    return n.id().equals(A) ? NODE_B : NODE_A;
  }

  /** Seeds the fake: two instances, their ENIs, both EIPs associated at home. */
  public static void seed(Ec2Fake ec2) {
    for (Node n : nodes()) {
      ec2.addInstance(n.instance(), "us-east-1a");
      ec2.addNetworkInterface(n.eni(), n.instance(), n.primaryIp(), List.of(n.reservedIp()), Map.of());
      ec2.addAddress(n.home().allocationId(), n.home().publicIp(), Map.of());
    }
    sendHome(ec2);
  }

  /** Puts both EIPs back on their home primary IPs (a direct state change, not logged as a call). */
  public static void sendHome(Ec2Fake ec2) {
    for (Node n : nodes()) {
      ec2.associate(n.home().allocationId(), n.eni(), n.primaryIp());
    }
  }

  /** Whether the fake shows {@code n}'s EIP on its home primary IP. */
  public static boolean isHome(Ec2Fake ec2, Node n) {
    return ec2.association(n.home().allocationId()).map(a -> n.primaryIp().equals(a.privateIp())).orElse(false);
  }
}
