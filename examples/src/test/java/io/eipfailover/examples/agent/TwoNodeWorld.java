package io.eipfailover.examples.agent;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EC2 fake with two tagged nodes (lb-a, lb-b), one EIP each associated at home, and a config
 * file per node whose keys tests can override. UDP membership on free loopback ports, guard
 * reachability to the fake's endpoint, health none, status on a free loopback port (ports from
 * {@link LoopbackPorts}: outside the ephemeral range, so no outgoing connection takes them first).
 */
final class TwoNodeWorld implements AutoCloseable {
  static final String ALLOC_A = "eipalloc-0a0";
  static final String ALLOC_B = "eipalloc-0b0";
  static final String ENI_A = "eni-0a0000000000000a";
  static final String ENI_B = "eni-0b0000000000000b";

  final Ec2Fake fake = Ec2Fake.start();
  final Path dir;
  final int udpA = LoopbackPorts.reserve();
  final int udpB = LoopbackPorts.reserve();
  final int statusA = LoopbackPorts.reserve();
  final int statusB = LoopbackPorts.reserve();

  TwoNodeWorld(Path dir) throws IOException {
    this.dir = dir;
    ConfigFixtures.keyFile(dir);
    fake.addTaggedNode("t", "lb-a", "i-0a0000000000000a", ENI_A, "10.0.1.10", "10.0.1.20");
    fake.addTaggedNode("t", "lb-b", "i-0b0000000000000b", ENI_B, "10.0.2.10", "10.0.2.20");
    fake.addTaggedAddress("t", "lb-a", ALLOC_A, "203.0.113.10");
    fake.addTaggedAddress("t", "lb-b", ALLOC_B, "203.0.113.20");
    fake.associate(ALLOC_A, ENI_A, "10.0.1.10");
    fake.associate(ALLOC_B, ENI_B, "10.0.2.10");
  }

  /** Writes {@code <node>.properties} with {@code overrides} applied ({@code null} value removes a key). */
  Path config(String node, Map<String, String> overrides) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cluster.name", "t");
    m.put("node.id", node);
    m.put("topology.nodes", "lb-a,lb-b");
    m.put("topology.node.lb-a.eni", ENI_A);
    m.put("topology.node.lb-a.home-ips", "10.0.1.10");
    m.put("topology.node.lb-a.reserved-ips", "10.0.1.20");
    m.put("topology.node.lb-b.eni", ENI_B);
    m.put("topology.node.lb-b.home-ips", "10.0.2.10");
    m.put("topology.node.lb-b.reserved-ips", "10.0.2.20");
    m.put("topology.eip." + ALLOC_A + ".public-ip", "203.0.113.10");
    m.put("topology.eip." + ALLOC_A + ".home", "lb-a");
    m.put("topology.eip." + ALLOC_B + ".public-ip", "203.0.113.20");
    m.put("topology.eip." + ALLOC_B + ".home", "lb-b");
    m.put("membership.address.lb-a", "127.0.0.1:" + udpA);
    m.put("membership.address.lb-b", "127.0.0.1:" + udpB);
    m.put("membership.key-file", "authkeys");
    m.put("guard", "reachability");
    m.put("guard.reachability.targets", "127.0.0.1:" + fake.endpoint().getPort());
    m.put("health.check", "none");
    m.put("status.port", String.valueOf(node.equals("lb-a") ? statusA : statusB));
    m.put("ec2.region", "us-east-1");
    m.put("ec2.endpoint", fake.endpoint().toString());
    m.put("ec2.imds-endpoint", fake.imds(node.equals("lb-a") ? "i-0a0000000000000a" : "i-0b0000000000000b")
        .endpoint().toString());
    m.put("strategy.failback-delay", "1s");
    m.put("failover.startup-grace", "1s");
    m.put("log.level", "WARN");
    overrides.forEach((k, v) -> {
      if (v == null) {
        m.remove(k);
      } else {
        m.put(k, v);
      }
    });
    Path f = dir.resolve(node + ".properties");
    Files.writeString(f, ConfigFixtures.text(m));
    return f;
  }

  @Override
  public void close() {
    fake.close();
  }
}
