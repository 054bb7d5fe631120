package io.eipfailover.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The N-node variant: three nodes, JGroups membership, balanced strategy, quorum guard. */
class JGroupsDemoTest {
  @Test
  @Timeout(120)
  void threeJGroupsNodesTakeOverFailBackAndHandOff() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    LocalDemo.Result r = LocalDemo.run(new String[] {"--membership", "jgroups", "--nodes", "3"},
        new PrintStream(buffer, true, StandardCharsets.UTF_8), d -> Thread.sleep(d.toMillis()));
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(r.ok(), text);
    assertTrue(text.contains("3 nodes, JGroups membership, balanced strategy"), text);
    assertTrue(text.contains("203.0.113.10 moved lb-a -> ") && text.contains("203.0.113.11 moved lb-a -> "), text);
  }
}
