package io.eipfailover.examples.embedding;

import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The README's "use it as a library" example, kept compiling here; {@code EmbeddingSnippetTest}
 * checks that the README shows exactly the lines between the SNIPPET markers.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /** Starts failover for node lb-a of a two-node cluster; the caller closes the result, then {@code ec2}. */
  public static EipFailover start(Ec2Client ec2, UdpKeyring keys) {
    // SNIPPET-START
    ClusterTopology topology = ClusterTopology.builder().clusterName("web-lb")
        .node(NodeId.of("lb-a"), AttachmentPoint.primary("eni-0a1", "10.0.1.10"), AttachmentPoint.reserved("eni-0a1", "10.0.1.11"))
        .node(NodeId.of("lb-b"), AttachmentPoint.primary("eni-0b2", "10.0.2.10"), AttachmentPoint.reserved("eni-0b2", "10.0.2.11"))
        .elasticIp(ElasticIp.of("eipalloc-0a1", "203.0.113.10", "lb-a"))
        .elasticIp(ElasticIp.of("eipalloc-0b2", "203.0.113.20", "lb-b"))
        .build();
    NodeId self = NodeId.of("lb-a");
    EipFailover failover = EipFailover.builder().topology(topology).self(self)
        .membership(UdpMembership.builder().self(self).topology(topology).keyring(keys)
            .bindAddress("10.0.1.10", 694).peer(NodeId.of("lb-b"), "10.0.2.10", 694).build())
        .elasticIpManager(Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(self).build())
        .guard(SplitBrainGuards.reachability(List.of(new InetSocketAddress("10.0.1.1", 53)), Duration.ofMillis(500)))
        .healthCheck(HealthChecks.http(URI.create("http://127.0.0.1:8080/haproxy-health"), Duration.ofMillis(500)))
        .build();
    failover.start();
    // SNIPPET-END
    return failover;
  }
}
