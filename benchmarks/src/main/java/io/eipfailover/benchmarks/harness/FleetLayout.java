package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster of the real fleet run: {@value #NODES} nodes {@code lb-01..lb-16} in {@value #AZS}
 * "AZs" (node i in AZ {@code (i − 1) mod 3 + 1}), each the home of {@value #EIPS_PER_NODE} EIPs on
 * as many private IPs of its ENI and holding the reserved IPs the balanced strategy needs for
 * {@value #KILLED} simultaneous failures. Every address is in 10.98.0.0/16 on one layer-2 network
 * ({@link FleetNetwork}): node i's IPs are {@code 10.98.i.x}, the gateway (EC2 and IMDS relays)
 * {@value #GATEWAY}. The EC2 fake, the agents' configuration and the namespaces agree by
 * construction. Immutable.
 */
final class FleetLayout {
  static final int NODES = 16;
  static final int AZS = 3;
  static final int EIPS_PER_NODE = 4;
  static final int KILLED = 4;
  static final String CLUSTER = "bench-fleet";
  static final String GATEWAY = "10.98.0.1";
  static final int EC2_PORT = 8080;
  static final int JGROUPS_PORT = 7800;

  /** One node: its AZ (1-3), its instance, ENI, home and reserved IPs, home EIPs and IMDS relay port. */
  record Node(int index, NodeId id, int az, String instance, String eni, List<String> homeIps,
      List<String> reservedIps, List<ElasticIp> eips, int imdsPort) {}

  private final List<Node> nodes = new ArrayList<>();

  FleetLayout() {
    int reserved = (KILLED * EIPS_PER_NODE + (NODES - KILLED) - 1) / (NODES - KILLED);
    for (int i = 1; i <= NODES; i++) {
      NodeId id = NodeId.of(String.format("lb-%02d", i));
      List<String> home = new ArrayList<>();
      List<String> spare = new ArrayList<>();
      List<ElasticIp> eips = new ArrayList<>();
      for (int k = 0; k < EIPS_PER_NODE; k++) {
        home.add("10.98." + i + "." + (10 + k));
        eips.add(ElasticIp.of(String.format("eipalloc-%017x", i * 256 + k), "198.51.100." + (i * EIPS_PER_NODE + k),
            id.value()));
      }
      for (int k = 0; k < reserved; k++) {
        spare.add("10.98." + i + "." + (100 + k));
      }
      nodes.add(new Node(i, id, (i - 1) % AZS + 1, String.format("i-%017x", i), String.format("eni-%017x", i),
          List.copyOf(home), List.copyOf(spare), List.copyOf(eips), 9000 + i));
    }
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The nodes killed together: lb-01 to lb-04, spread over the three AZs. */
  List<Node> victims() {
    return nodes.subList(0, KILLED);
  }

  /** Every EIP. */
  List<ElasticIp> eips() {
    return nodes.stream().flatMap(n -> n.eips().stream()).toList();
  }

  /** Seeds the fake: instances in their AZ's zone, ENIs with every IP, the EIPs at home. */
  void seed(Ec2Fake ec2) {
    for (Node n : nodes) {
      ec2.addInstance(n.instance(), "us-east-1" + (char) ('a' + n.az() - 1));
      List<String> secondaries = new ArrayList<>(n.homeIps().subList(1, n.homeIps().size()));
      secondaries.addAll(n.reservedIps());
      ec2.addNetworkInterface(n.eni(), n.instance(), n.homeIps().get(0), secondaries, Map.of());
      n.eips().forEach(e -> ec2.addAddress(e.allocationId(), e.publicIp(), Map.of()));
    }
    sendHome(ec2);
  }

  /** Every EIP back on its home IP (a direct state change, not a call). */
  void sendHome(Ec2Fake ec2) {
    for (Node n : nodes) {
      for (int k = 0; k < n.eips().size(); k++) {
        ec2.associate(n.eips().get(k).allocationId(), n.eni(), n.homeIps().get(k));
      }
    }
  }

  /** Whether every EIP is on its home IP at the fake. */
  boolean allHome(Ec2Fake ec2) {
    for (Node n : nodes) {
      for (int k = 0; k < n.eips().size(); k++) {
        String ip = n.homeIps().get(k);
        if (!ec2.association(n.eips().get(k).allocationId()).map(a -> ip.equals(a.privateIp())).orElse(false)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The agent configuration of {@code node} (explicit topology, JGroups, balanced, quorum). */
  Map<String, String> agentProperties(Node node) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("cluster.name", CLUSTER);
    p.put("node.id", node.id().value());
    p.put("topology.source", "explicit");
    p.put("topology.nodes", String.join(",", nodes.stream().map(n -> n.id().value()).toList()));
    for (Node n : nodes) {
      p.put("topology.node." + n.id() + ".eni", n.eni());
      p.put("topology.node." + n.id() + ".home-ips", String.join(",", n.homeIps()));
      p.put("topology.node." + n.id() + ".reserved-ips", String.join(",", n.reservedIps()));
      for (ElasticIp e : n.eips()) {
        p.put("topology.eip." + e.allocationId() + ".public-ip", e.publicIp());
        p.put("topology.eip." + e.allocationId() + ".home", n.id().value());
      }
    }
    p.put("membership.type", "jgroups");
    p.put("membership.port", Integer.toString(JGROUPS_PORT));
    p.put("membership.key-file", "authkeys");
    p.put("strategy", "balanced");
    p.put("strategy.failback-delay", "5s");
    p.put("guard", "quorum");
    p.put("health.check", "none");
    p.put("status.port", "9777");
    p.put("ec2.region", "us-east-1");
    p.put("ec2.endpoint", "http://" + GATEWAY + ":" + EC2_PORT);
    p.put("ec2.imds-endpoint", "http://" + GATEWAY + ":" + node.imdsPort());
    p.put("failover.tolerated-failures", Integer.toString(KILLED));
    p.put("log.level", "INFO");
    return p;
  }
}
