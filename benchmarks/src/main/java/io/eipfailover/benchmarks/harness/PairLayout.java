package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.Map;

/**
 * The two-node cluster every harness scenario runs: {@code lb-a} and {@code lb-b}, each the home of
 * one EIP on its primary private IP and holding one reserved private IP for the peer's EIP. Both
 * the harness (which seeds the EC2 fake) and the node processes (which build the topology) use it,
 * so they agree by construction.
 */
public final class PairLayout {
  public static final NodeId A = NodeId.of("lb-a");
  public static final NodeId B = NodeId.of("lb-b");
  public static final String CLUSTER = "bench-pair";
  public static final String ENI_A = "eni-0a0000000000000a1";
  public static final String ENI_B = "eni-0b0000000000000b1";
  public static final String INSTANCE_A = "i-0a0000000000000a1";
  public static final String INSTANCE_B = "i-0b0000000000000b1";
  public static final ElasticIp EIP_A = ElasticIp.of("eipalloc-0a00000000000000a", "198.51.100.10", "lb-a");
  public static final ElasticIp EIP_B = ElasticIp.of("eipalloc-0b00000000000000b", "198.51.100.11", "lb-b");
  public static final String PRIMARY_A = "10.0.1.10";
  public static final String RESERVED_A = "10.0.1.11";
  public static final String PRIMARY_B = "10.0.2.10";
  public static final String RESERVED_B = "10.0.2.11";

  private PairLayout() {}

  /** The topology both nodes run. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .clusterName(CLUSTER)
        .node(A, AttachmentPoint.primary(ENI_A, PRIMARY_A), AttachmentPoint.reserved(ENI_A, RESERVED_A))
        .node(B, AttachmentPoint.primary(ENI_B, PRIMARY_B), AttachmentPoint.reserved(ENI_B, RESERVED_B))
        .elasticIp(EIP_A)
        .elasticIp(EIP_B)
        .build();
  }

  /** The other node of the pair. */
  public static NodeId peerOf(NodeId self) {
    return self.equals(A) ? B : A;
  }

  /** Seeds the fake: two instances, their ENIs, both EIPs associated at home. */
  public static void seed(Ec2Fake ec2) {
    ec2.addInstance(INSTANCE_A, "us-east-1a");
    ec2.addInstance(INSTANCE_B, "us-east-1a");
    ec2.addNetworkInterface(ENI_A, INSTANCE_A, PRIMARY_A, List.of(RESERVED_A), Map.of());
    ec2.addNetworkInterface(ENI_B, INSTANCE_B, PRIMARY_B, List.of(RESERVED_B), Map.of());
    ec2.addAddress(EIP_A.allocationId(), EIP_A.publicIp(), Map.of());
    ec2.addAddress(EIP_B.allocationId(), EIP_B.publicIp(), Map.of());
    sendHome(ec2);
  }

  /** Puts both EIPs back on their home primary IPs (a direct state change, not logged as a call). */
  public static void sendHome(Ec2Fake ec2) {
    ec2.associate(EIP_A.allocationId(), ENI_A, PRIMARY_A);
    ec2.associate(EIP_B.allocationId(), ENI_B, PRIMARY_B);
  }

  /** Whether the fake shows {@code eip} on its home primary IP. */
  public static boolean isHome(Ec2Fake ec2, ElasticIp eip) {
    String ip = eip.equals(EIP_A) ? PRIMARY_A : PRIMARY_B;
    return ec2.association(eip.allocationId()).map(a -> ip.equals(a.privateIp())).orElse(false);
  }
}
