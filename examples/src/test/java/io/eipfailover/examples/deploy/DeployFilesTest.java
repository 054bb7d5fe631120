package io.eipfailover.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.examples.agent.AgentConfig;
import io.eipfailover.examples.agent.AgentConfigParser;
import io.eipfailover.examples.agent.PortTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples in examples/deploy stay true: the policy is the aws module's, the config parses. */
class DeployFilesTest {
  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void iamPolicyIsTheAwsModulesPolicy() throws IOException {
    String ours = Files.readString(DEPLOY.resolve("iam-policy.json"));
    try (InputStream in = getClass().getResourceAsStream("/io/eipfailover/aws/iam-policy.json")) {
      assertNotNull(in, "the aws jar ships io/eipfailover/aws/iam-policy.json");
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(), ours.strip(),
          "examples/deploy/iam-policy.json must be a copy of aws/src/main/resources/io/eipfailover/aws/iam-policy.json");
    }
  }

  @Test
  void sampleAgentConfigurationParsesAndMatchesTheHaproxySample(@TempDir Path dir) throws IOException {
    Path key = dir.resolve("authkeys");
    Files.writeString(key, "1 0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String text = Files.readString(DEPLOY.resolve("agent.properties"))
        .replace("/etc/eipfailover/keys/cluster.key", key.toString());
    AgentConfig c = AgentConfigParser.parse(text, dir);
    assertEquals("web-lb", c.clusterName());
    assertTrue(c.nodeId().isEmpty(), "the sample discovers its node");
    URI health = c.health().httpUri().orElseThrow();
    String haproxy = Files.readString(DEPLOY.resolve("haproxy.cfg"));
    assertTrue(haproxy.contains("bind " + health.getHost() + ":" + health.getPort()), haproxy);
    assertTrue(haproxy.contains("monitor-uri " + health.getPath()), haproxy);
    String unit = Files.readString(DEPLOY.resolve("eipfailover-agent.service"));
    assertTrue(unit.contains("ExecStart=/usr/bin/eipfailover-agent --config /etc/eipfailover/agent.properties"), unit);
    assertTrue(unit.contains("ExecReload=/bin/kill -HUP $MAINPID"), unit);
  }

  /**
   * security-group.md's inbound rules from the group itself are exactly what {@code ports} prints
   * for the shipped configuration and for the same with JGroups; aws/README.md opens the same.
   */
  @Test
  void securityGroupDocsMatchThePortTable(@TempDir Path dir) throws IOException {
    Path key = dir.resolve("authkeys");
    Files.writeString(key, "1 0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String sample = Files.readString(DEPLOY.resolve("agent.properties"))
        .replace("/etc/eipfailover/keys/cluster.key", key.toString());
    // The membership's rules, documented as such; the sample's peer-probe rule is checked on its own below.
    String withoutProbe = sample.replace("guard = reachability,peer-probe", "guard = reachability");
    AgentConfig udp = AgentConfigParser.parse(withoutProbe, dir);
    AgentConfig jgroups = AgentConfigParser.parse(withoutProbe.replace("membership.type = udp", "membership.type = jgroups")
        .replace("membership.port = 694\n", ""), dir);
    AgentConfig probe = AgentConfigParser.parse(sample, dir);
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (AgentConfig c : java.util.List.of(udp, jgroups)) {
      PortTable.of(c).stream().filter(r -> r.scope() == PortTable.Scope.CLUSTER)
          .forEach(r -> expected.add(r.protocol().toUpperCase(java.util.Locale.ROOT) + " " + r.ports()));
    }
    String sg = Files.readString(DEPLOY.resolve("security-group.md"));
    java.util.Set<String> documented = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^\\| inbound \\| (UDP|TCP) \\| (\\d+(?:-\\d+)?)[^|]*\\| `sg-lb` \\|").matcher(sg);
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    assertEquals(expected, documented, "inbound rules from sg-lb in security-group.md vs `ports`");
    int probePort = probe.guards().peerProbePort();
    assertTrue(PortTable.of(probe).stream().anyMatch(r -> r.port() == probePort && r.scope() == PortTable.Scope.CLUSTER));
    assertTrue(sg.contains("| inbound | TCP | `guard.peer-probe.port` (" + probePort + ") | `sg-lb` |"), sg);
    int status = udp.status().port();
    assertTrue(sg.contains("(`status.port`, default " + status + ") binds 127.0.0.1 only"), sg);
    String aws = Files.readString(DEPLOY.resolve("../../aws/README.md"));
    for (PortTable.Rule r : PortTable.of(udp)) {
      if (r.scope() == PortTable.Scope.CLUSTER) {
        assertTrue(aws.contains("--protocol " + r.protocol() + " --port " + r.ports() + " --source-group"),
            "aws/README.md opens " + r + ":\n" + aws);
      }
    }
  }
}
