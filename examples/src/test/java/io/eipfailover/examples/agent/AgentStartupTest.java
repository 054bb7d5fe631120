package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.status.Ec2CallMetrics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Start-up against the EC2 fake and its IMDSv2: discovery, tag topology, provisioning, instance ids. */
@Timeout(60)
class AgentStartupTest {
  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  private AgentStartup.Prepared prepare(TwoNodeWorld world, Map<String, String> overrides) throws Exception {
    AgentConfig cfg = AgentConfigParser.parse(world.config("lb-b", overrides));
    try (Ec2Client ec2 = AgentMain.ec2Client(cfg, new Ec2CallMetrics())) {
      return AgentStartup.prepare(cfg, ec2);
    }
  }

  private static Map<String, String> tagsMode() {
    Map<String, String> m = new HashMap<>();
    for (String k : new String[] {"topology.nodes", "topology.node.lb-a.eni", "topology.node.lb-a.home-ips",
        "topology.node.lb-a.reserved-ips", "topology.node.lb-b.eni", "topology.node.lb-b.home-ips",
        "topology.node.lb-b.reserved-ips", "topology.eip.eipalloc-0a0.public-ip", "topology.eip.eipalloc-0a0.home",
        "topology.eip.eipalloc-0b0.public-ip", "topology.eip.eipalloc-0b0.home"}) {
      m.put(k, null);
    }
    m.put("topology.source", "tags");
    m.put("node.id", "discover");
    return m;
  }

  @Test
  void discoversItsNodeFromImdsAndItsTopologyFromTags() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      AgentStartup.Prepared p = prepare(world, tagsMode());
      assertEquals(NodeId.of("lb-b"), p.self());
      assertEquals("i-0b0000000000000b", p.identity().orElseThrow().instanceId());
      assertEquals(2, p.topology().nodes().size());
      assertEquals("10.0.2.20", p.topology().node(NodeId.of("lb-b")).reservedPoints().get(0).privateIp());
      assertEquals(Map.of(), p.instanceIds(), "no witness guard, no lookup");
    }
  }

  @Test
  void provisionsMissingReservedIpsBeforeReadingTheTopology() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Map<String, String> m = tagsMode();
      m.put("provision.reserved-ips", "3");
      AgentStartup.Prepared p = prepare(world, m);
      assertEquals(3, p.topology().node(NodeId.of("lb-b")).reservedPoints().size());
      assertEquals(4, world.fake.privateIps(TwoNodeWorld.ENI_B).size());
      assertEquals(1, world.fake.calls("AssignPrivateIpAddresses").size());
    }
  }

  @Test
  void dryRunProvisioningOnlyLooks() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Map<String, String> m = tagsMode();
      m.put("provision.reserved-ips", "3");
      m.put("dry-run", "true");
      AgentStartup.Prepared p = prepare(world, m);
      assertEquals(1, p.topology().node(NodeId.of("lb-b")).reservedPoints().size());
      assertEquals(0, world.fake.calls("AssignPrivateIpAddresses").size());
    }
  }

  @Test
  void theWitnessGuardGetsEveryNodesInstanceId() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Map<String, String> m = new HashMap<>();
      m.put("guard", "ec2-instance-state");
      m.put("guard.reachability.targets", null);
      AgentStartup.Prepared p = prepare(world, m);
      assertEquals(Map.of(NodeId.of("lb-a"), "i-0a0000000000000a", NodeId.of("lb-b"), "i-0b0000000000000b"),
          p.instanceIds());
    }
  }

  @Test
  void discoveryThatMatchesNoNodeSaysWhatToFix() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      world.fake.addTaggedNode("other", "x", "i-0c0000000000000c", "eni-0c0000000000000c", "10.0.3.10");
      Map<String, String> m = new HashMap<>();
      m.put("node.id", "discover");
      m.put("ec2.imds-endpoint", world.fake.imds("i-0c0000000000000c").endpoint().toString());
      EipFailoverException e = assertThrows(EipFailoverException.class, () -> prepare(world, m));
      assertTrue(e.getMessage().startsWith("node.id=discover: instance i-0c0000000000000c"), e.getMessage());
      assertTrue(e.getMessage().contains("matches no node"), e.getMessage());
    }
  }
}
