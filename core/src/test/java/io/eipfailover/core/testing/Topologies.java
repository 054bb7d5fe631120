package io.eipfailover.core.testing;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates regular topologies for tests: nodes {@code n1..nN}, node {@code i} with {@code
 * eipsPerNode} home points (and as many EIPs homed on it) on ENI {@code eni-i0} and {@code
 * reservedPerNode} reserved points on ENI {@code eni-i1}; private IPs {@code 10.0.i.x}, public IPs
 * {@code 203.0.113.x}, {@code 198.51.100.x}, then {@code 198.18.x.y}. Deterministic: the same arguments give an equal
 * topology.
 */
public final class Topologies {
  private Topologies() {}

  /** Node ids {@code n1..nN}. */
  public static NodeId node(int i) {
    return NodeId.of("n" + i);
  }

  /**
   * A topology where every node has one home EIP and enough reserved points to hold every other
   * node's EIP (so any number of failures can be survived).
   */
  public static ClusterTopology ring(int nodes) {
    return of(nodes, 1, nodes - 1);
  }

  /** The general form; see the class comment. */
  public static ClusterTopology of(int nodes, int eipsPerNode, int reservedPerNode) {
    if (nodes < 1 || nodes > 200) {
      throw new IllegalArgumentException("nodes must be between 1 and 200, was " + nodes);
    }
    if (eipsPerNode < 0 || eipsPerNode > 100 || reservedPerNode < 0 || eipsPerNode + reservedPerNode > 200) {
      throw new IllegalArgumentException("eipsPerNode (" + eipsPerNode + ") and reservedPerNode ("
          + reservedPerNode + ") must be >= 0 and fit in 200 private IPs");
    }
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("sim");
    int publicIndex = 0;
    for (int i = 1; i <= nodes; i++) {
      List<AttachmentPoint> home = new ArrayList<>();
      List<AttachmentPoint> reserved = new ArrayList<>();
      for (int k = 0; k < eipsPerNode; k++) {
        home.add(AttachmentPoint.primary(String.format("eni-%x0", i), "10.0." + i + "." + (10 + k)));
      }
      for (int k = 0; k < reservedPerNode; k++) {
        reserved.add(AttachmentPoint.reserved(String.format("eni-%x1", i), "10.0." + i + "." + (10 + eipsPerNode + k)));
      }
      b.node(new NodeSpec(node(i), home, reserved));
      for (int k = 0; k < eipsPerNode; k++) {
        publicIndex++;
        b.elasticIp(new ElasticIp(String.format("eipalloc-%02x%02x", i, k), publicIp(publicIndex), node(i)));
      }
    }
    return b.build();
  }

  /**
   * Nodes {@code n1..nN} with {@code eipsPerNode} home IPs (and as many EIPs) and {@code
   * reservedPerNode} reserved IPs, the node's private IPs {@code 10.0.i.x} dealt in turn over
   * {@code enisPerNode} ENIs {@code eni-ii0, eni-ii1, ...} (0 ENIs: the layout of {@link #of}, home
   * IPs on one ENI and reserved IPs on another). Deterministic.
   */
  public static ClusterTopology shaped(int nodes, int eipsPerNode, int enisPerNode, int reservedPerNode) {
    if (enisPerNode == 0) {
      return of(nodes, eipsPerNode, reservedPerNode);
    }
    if (nodes < 1 || nodes > 200 || enisPerNode > 15) {
      throw new IllegalArgumentException("nodes must be between 1 and 200 and enisPerNode at most 15, was " + nodes
          + " and " + enisPerNode);
    }
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("sim");
    int publicIndex = 0;
    for (int i = 1; i <= nodes; i++) {
      List<AttachmentPoint> home = new ArrayList<>();
      List<AttachmentPoint> reserved = new ArrayList<>();
      for (int k = 0; k < eipsPerNode + reservedPerNode; k++) {
        String eni = String.format("eni-%02x%x", i, k % enisPerNode);
        String ip = "10.0." + i + "." + (10 + k);
        if (k < eipsPerNode) {
          home.add(AttachmentPoint.primary(eni, ip));
        } else {
          reserved.add(AttachmentPoint.reserved(eni, ip));
        }
      }
      b.node(new NodeSpec(node(i), home, reserved));
      for (int k = 0; k < eipsPerNode; k++) {
        publicIndex++;
        b.elasticIp(new ElasticIp(String.format("eipalloc-%02x%02x", i, k), publicIp(publicIndex), node(i)));
      }
    }
    return b.build();
  }

  /** The {@code n}-th public IP (1-based): two documentation /24s, then the benchmarking range 198.18.0.0/15. */
  static String publicIp(int n) {
    if (n <= 250) {
      return "203.0.113." + n;
    }
    if (n <= 500) {
      return "198.51.100." + (n - 250);
    }
    int k = n - 501;
    return "198.18." + (k / 250) + "." + (k % 250 + 1);
  }
}
