package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterTopologyBuilderTest {

  private static AttachmentPoint home(int node, int k) {
    return AttachmentPoint.primary("eni-" + node, "10.0." + node + "." + (10 + k));
  }

  private static AttachmentPoint spare(int node, int j) {
    return AttachmentPoint.reserved("eni-" + node, "10.0." + node + "." + (100 + j));
  }

  private static ClusterTopology.Builder pair() {
    return ClusterTopology.builder().clusterName("web")
        .node(new NodeSpec(NodeId.of("b"), List.of(home(2, 0), home(2, 1)), List.of(spare(2, 0))))
        .node(NodeId.of("a"), home(1, 0), spare(1, 0), spare(1, 1));
  }

  private static void assertRejected(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void buildsAValidTopologyWithSortedNodesAndHomePointsInOrder() {
    ElasticIp a1 = ElasticIp.of("eipalloc-1", "52.0.0.1", "a");
    ElasticIp b1 = ElasticIp.of("eipalloc-2", "52.0.0.2", "b");
    ElasticIp b2 = ElasticIp.of("eipalloc-3", "52.0.0.3", "b");
    ClusterTopology t = pair().elasticIp(b1).elasticIp(a1).elasticIp(b2).build();
    assertEquals("web", t.clusterName());
    assertEquals(List.of(NodeId.of("a"), NodeId.of("b")), t.nodeIds());
    assertEquals(List.of(b1, a1, b2), t.elasticIps());
    assertEquals(home(1, 0), t.homePoint(a1));
    assertEquals(home(2, 0), t.homePoint(b1), "the first EIP homed on b lives on b's first home point");
    assertEquals(home(2, 1), t.homePoint(b2));
    assertEquals(List.of(b1, b2), t.homedOn(NodeId.of("b")));
    assertEquals(Optional.of(NodeId.of("a")), t.ownerOf("10.0.1.101"));
    assertEquals(Optional.empty(), t.ownerOf("10.9.9.9"));
    assertEquals(Optional.of(a1), t.elasticIp("eipalloc-1"));
    assertEquals(Optional.empty(), t.elasticIp("eipalloc-9"));
    assertEquals(true, t.contains(NodeId.of("b")));
    assertEquals(false, t.contains(NodeId.of("z")));
  }

  @Test
  void lookupsOfUnknownThingsNameThem() {
    ClusterTopology t = pair().build();
    assertRejected("node 'z' is not in the topology [a, b]", () -> t.node(NodeId.of("z")));
    assertRejected("elastic IP eipalloc-9 is not in the topology",
        () -> t.homePoint(ElasticIp.of("eipalloc-9", "52.0.0.9", "a")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "web cluster", "web/1", "abcdefghijklmnopqrstuvwxyz0123456"})
  void rejectsABadClusterNameShowingIt(String name) {
    assertRejected("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was '" + name + "'",
        () -> ClusterTopology.builder().clusterName(name));
  }

  @Test
  void rejectsAMissingOrNullClusterName() {
    assertRejected("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was 'null'",
        () -> ClusterTopology.builder().clusterName(null));
    assertRejected("clusterName must be set",
        () -> ClusterTopology.builder().node(NodeId.of("a"), home(1, 0)).build());
  }

  @Test
  void rejectsAnEmptyCluster() {
    assertRejected("cluster 'web' must have at least one node, was empty",
        () -> ClusterTopology.builder().clusterName("web").build());
  }

  @Test
  void rejectsADuplicateNodeIdAtOnce() {
    assertRejected("duplicate node id 'a'", () -> pair().node(NodeId.of("a"), home(3, 0)));
  }

  @Test
  void rejectsADuplicatePrivateIpAcrossOrWithinNodes() {
    assertRejected("duplicate private IP 10.0.1.10 on nodes 'a' and 'c'",
        () -> pair().node(NodeId.of("c"), AttachmentPoint.primary("eni-3", "10.0.1.10")).build());
    assertRejected("duplicate private IP 10.0.3.10 on nodes 'c' and 'c'",
        () -> pair().node(NodeId.of("c"), home(3, 0), AttachmentPoint.reserved("eni-3", "10.0.3.10")).build());
  }

  @Test
  void rejectsAnEipWhoseHomeIsNotANode() {
    // Nodes are listed in the order they were added (b, then a).
    assertRejected("elastic IP eipalloc-1 has home 'z', which is not a node of [b, a]",
        () -> pair().elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", "z")).build());
  }

  @Test
  void rejectsMoreEipsThanHomePoints() {
    assertRejected("node 'a' is home of 2 elastic IPs but has 1 home attachment point(s); each private IP carries one EIP",
        () -> pair().elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", "a"))
            .elasticIp(ElasticIp.of("eipalloc-2", "52.0.0.2", "a")).build());
  }

  @Test
  void rejectsADuplicateAllocationIdOrPublicIpAtOnce() {
    ClusterTopology.Builder b = pair().elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", "a"));
    assertRejected("duplicate elastic IP allocationId 'eipalloc-1'",
        () -> b.elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.2", "b")));
    assertRejected("duplicate elastic IP publicIp '52.0.0.1'",
        () -> b.elasticIp(ElasticIp.of("eipalloc-2", "52.0.0.1", "b")));
  }

  @Test
  void rejectsNullNodesAndEips() {
    assertEquals("node must not be null",
        assertThrows(NullPointerException.class, () -> pair().node(null)).getMessage());
    assertEquals("elasticIp must not be null",
        assertThrows(NullPointerException.class, () -> pair().elasticIp(null)).getMessage());
  }

  @Test
  void equalTopologiesAreEqualWhateverTheNodeOrder() {
    ClusterTopology one = pair().elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", "a")).build();
    ClusterTopology two = ClusterTopology.builder().clusterName("web")
        .node(NodeId.of("a"), home(1, 0), spare(1, 0), spare(1, 1))
        .node(new NodeSpec(NodeId.of("b"), List.of(home(2, 0), home(2, 1)), List.of(spare(2, 0))))
        .elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", "a")).build();
    assertEquals(one, two);
    assertEquals(one.hashCode(), two.hashCode());
    assertEquals(one.fingerprint(), two.fingerprint());
    assertEquals("ClusterTopology{web, nodes=[a, b], eips=[52.0.0.1(eipalloc-1, home a)]}", one.toString());
  }
}
