package io.eipfailover.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.eipfailover.examples.agent.AgentConfig;
import io.eipfailover.examples.agent.AgentConfigParser;
import io.eipfailover.examples.agent.AgentMain;
import io.eipfailover.examples.agent.CommandRunner;
import io.eipfailover.examples.deploy.TerraformState.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Terraform hands the agent, checked by the agent itself: the configuration in each node's
 * user data passes the agent's parser, the agent security group holds exactly the rules the
 * agent's {@code ports} verb prints for that configuration, and the role policy is the aws jar's
 * {@code iam-policy.json}. Reads the mocked-provider state of tests/export.tftest.hcl.
 */
@Tag("deploy")
class TerraformRenderedAgentTest {
  private static final String KEY_FILE = "/etc/eipfailover/keys/cluster.key";
  private static final YAMLMapper YAML = new YAMLMapper();

  @ParameterizedTest
  @ValueSource(strings = {"udp_pair_two_eips_each", "jgroups_three_nodes_balanced"})
  void userDataCarriesAConfigurationTheAgentAccepts(String run, @TempDir Path dir) throws IOException {
    TerraformState state = Terraform.exportedStates().get(run);
    for (Resource instance : state.resources("aws_instance")) {
      String node = instance.tags().get("eipfailover:node");
      JsonNode cloudConfig = YAML.readTree(instance.text("user_data"));
      String config = writtenFile(cloudConfig, "/run/eipfailover-bootstrap/agent.properties");
      assertEquals(state.output("agent_config").path(node).asText(), config, "user data of " + node + " carries the agent_config output");
      String script = writtenFile(cloudConfig, "/usr/local/sbin/eipfailover-bootstrap");
      assertTrue(script.contains("install -m 0600 -o eipfailover -g eipfailover /run/eipfailover-bootstrap/cluster.key " + KEY_FILE),
          "the key goes to the package's key file, readable by the service user only:\n" + script);

      AgentConfig parsed = AgentConfigParser.parse(withKeyFile(dir, config, writtenFile(cloudConfig, "/run/eipfailover-bootstrap/cluster.key")), dir);
      assertEquals("web-lb", parsed.clusterName());
      assertTrue(parsed.nodeId().isEmpty(), "node.id = discover");
      assertTrue(parsed.topology().isEmpty(), "topology.source = tags: read from EC2 at start");
      assertTrue(parsed.provision().osAddresses(), "the agent adds the reserved IPs to the OS");
      assertFalse(parsed.guards().reachabilityTargets().isEmpty(), "the reachability guard has the VPC resolver");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp_pair_two_eips_each", "jgroups_three_nodes_balanced"})
  void agentSecurityGroupHoldsExactlyThePortsTheAgentPrints(String run, @TempDir Path dir) throws IOException {
    TerraformState state = Terraform.exportedStates().get(run);
    String agentGroup = state.resource("aws_security_group.agent").text("id");
    Set<String> planned = new TreeSet<>();
    for (Resource rule : state.resources("aws_vpc_security_group_ingress_rule")) {
      if (rule.text("security_group_id").equals(agentGroup)) {
        assertEquals(agentGroup, rule.text("referenced_security_group_id"), rule.address() + " opens to the nodes only");
        planned.add(rule.text("ip_protocol") + "/" + rule.values().path("from_port").asInt() + "-" + rule.values().path("to_port").asInt());
      }
    }
    String config = state.output("agent_config").path("lb-a").asText();
    Path file = Files.writeString(dir.resolve("agent.properties"), withKeyFile(dir, config, "1 0123456789abcdef\n"));
    JsonNode ports = new ObjectMapper().readTree(agent("ports", "--config", file.toString(), "--json"));
    Set<String> printed = new TreeSet<>();
    for (JsonNode rule : ports.path("rules")) {
      int port = rule.path("port").asInt();
      String key = rule.path("protocol").asText() + "/" + port + "-" + rule.path("to_port").asInt(port);
      if (rule.path("scope").asText().equals("cluster")) {
        printed.add(key);
      } else {
        assertFalse(planned.contains(key), key + " is bound to loopback (scope " + rule.path("scope") + "): no rule");
      }
    }
    assertFalse(printed.isEmpty(), "the agent prints cluster rules: " + ports);
    assertEquals(printed, planned, "agent security group vs `eipfailover-agent ports --json`");
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp_pair_two_eips_each"})
  void rolePolicyIsTheAwsModulesPolicyForThisCluster(String run) throws IOException {
    TerraformState state = Terraform.exportedStates().get(run);
    String policy = state.resource("aws_iam_role_policy.agent").text("policy");
    try (InputStream in = getClass().getResourceAsStream("/io/eipfailover/aws/iam-policy.json")) {
      assertNotNull(in, "the aws jar ships io/eipfailover/aws/iam-policy.json");
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("CLUSTER_NAME", "web-lb");
      ObjectMapper json = new ObjectMapper();
      assertEquals(json.readTree(expected), json.readTree(policy));
    }
    JsonNode role = Terraform.parse(state.resource("aws_iam_role.node").text("assume_role_policy"));
    assertEquals("ec2.amazonaws.com", role.path("Statement").path(0).path("Principal").path("Service").asText());
  }

  private static String writtenFile(JsonNode cloudConfig, String path) {
    for (JsonNode f : cloudConfig.path("write_files")) {
      if (f.path("path").asText().equals(path)) {
        return f.path("content").asText();
      }
    }
    throw new AssertionError("user data writes no " + path + ": " + cloudConfig);
  }

  /** The configuration with its key file (absolute, on the node) replaced by a copy in {@code dir}. */
  private static String withKeyFile(Path dir, String config, String keyLine) throws IOException {
    assertTrue(config.contains("membership.key-file = " + KEY_FILE + "\n"), config);
    Path key = dir.resolve("cluster.key");
    Files.writeString(key, keyLine);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return config.replace("membership.key-file = " + KEY_FILE, "membership.key-file = " + key);
  }

  private static String agent(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CommandRunner.system());
    assertEquals(0, code, "eipfailover-agent " + String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
