package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint travels in heartbeats and is compared across versions (a rolling upgrade must
 * not report every peer as a configuration mismatch), so it is pinned; equal topologies hash alike.
 */
class TopologyIdentityTest {
  private static ClusterTopology pair(String bPublicIp) {
    return ClusterTopology.builder().clusterName("prod")
        .node(new NodeSpec(NodeId.of("a"), List.of(AttachmentPoint.primary("eni-0a", "10.0.1.10")),
            List.of(AttachmentPoint.reserved("eni-0a", "10.0.1.11"))))
        .node(new NodeSpec(NodeId.of("b"), List.of(AttachmentPoint.primary("eni-0b", "10.0.2.10")),
            List.of(AttachmentPoint.reserved("eni-0b", "10.0.2.11"))))
        .elasticIp(ElasticIp.of("eipalloc-0a", "198.51.100.1", "a"))
        .elasticIp(ElasticIp.of("eipalloc-0b", bPublicIp, "b"))
        .build();
  }

  @Test
  void theFingerprintIsTheSameInEveryVersion() {
    assertEquals(0xccccff9e1e9bb94bL, pair("198.51.100.2").fingerprint());
  }

  @Test
  void equalTopologiesAreEqualAndHashAlikeAndADifferenceShows() {
    assertEquals(pair("198.51.100.2"), pair("198.51.100.2"));
    assertEquals(pair("198.51.100.2").hashCode(), pair("198.51.100.2").hashCode());
    assertNotEquals(pair("198.51.100.2"), pair("198.51.100.3"));
    assertNotEquals(pair("198.51.100.2").hashCode(), pair("198.51.100.3").hashCode());
    assertNotEquals(pair("198.51.100.2").fingerprint(), pair("198.51.100.3").fingerprint());
  }
}
