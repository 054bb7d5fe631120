package io.eipfailover.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.AgentConfig;
import io.eipfailover.examples.agent.AgentConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The configuration the Ansible role rendered on the Debian 12 test roots passes the agent's
 * parser, with the key file the role installed, and describes the node it was written for.
 * examples/deploy/test-offline.sh runs the role first (ansible/tests/run-chroot.sh) and passes
 * {@code -Deipfailover.ansible.roots}: per node, the overlay layer holding what the role wrote.
 */
@Tag("deploy")
class AnsibleRenderedConfigTest {
  private static final String KEY_FILE = "/etc/eipfailover/keys/cluster.key";

  @Test
  void eachNodesRenderedConfigurationPassesTheAgentsParser() throws IOException {
    String roots = System.getProperty("eipfailover.ansible.roots");
    assertNotNull(roots, "-Deipfailover.ansible.roots is not set: run examples/deploy/test-offline.sh, which runs the role first");
    for (String node : List.of("lb-a", "lb-b")) {
      Path root = Path.of(roots, node);
      Path file = root.resolve("etc/eipfailover/agent.properties");
      String text = Files.readString(file);
      assertTrue(text.contains("membership.key-file = " + KEY_FILE + "\n"), text);
      // The role's key file, read where it lies in the test root (the agent refuses it unless mode 600).
      String here = text.replace("membership.key-file = " + KEY_FILE, "membership.key-file = " + root.resolve(KEY_FILE.substring(1)));
      AgentConfig c = AgentConfigParser.parse(here, file.getParent());
      assertEquals("web-lb", c.clusterName(), node);
      assertEquals(NodeId.of(node), c.nodeId().orElseThrow(), node);
      assertEquals(List.of(NodeId.of("lb-a"), NodeId.of("lb-b")), c.topology().orElseThrow().nodeIds(), node);
      assertTrue(c.membership().keys().isPresent(), node + ": the vaulted key is installed");
    }
  }
}
