package io.eipfailover.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.examples.agent.AgentConfig;
import io.eipfailover.examples.agent.AgentConfigParser;
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
        .replace("/etc/eipfailover/authkeys", key.toString());
    AgentConfig c = AgentConfigParser.parse(text, dir);
    assertEquals("web-lb", c.clusterName());
    assertTrue(c.nodeId().isEmpty(), "the sample discovers its node");
    URI health = c.health().httpUri().orElseThrow();
    String haproxy = Files.readString(DEPLOY.resolve("haproxy.cfg"));
    assertTrue(haproxy.contains("bind " + health.getHost() + ":" + health.getPort()), haproxy);
    assertTrue(haproxy.contains("monitor-uri " + health.getPath()), haproxy);
    String unit = Files.readString(DEPLOY.resolve("eipfailover-agent.service"));
    assertTrue(unit.contains("-jar /opt/eipfailover/eipfailover-agent.jar --config /etc/eipfailover/agent.properties"), unit);
    assertTrue(unit.contains("ExecReload=/bin/kill -HUP $MAINPID"), unit);
    String sg = Files.readString(DEPLOY.resolve("security-group.md"));
    assertTrue(sg.contains("| UDP | " + c.membership().port() + " (`membership.port`)"), sg);
  }
}
