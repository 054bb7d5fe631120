package io.eipfailover.examples.agent;

import io.eipfailover.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.base.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * At exit the agent asks EC2 which of its addresses carry an EIP before removing any OS address
 * (issue 14): lb-a, alone, took lb-b's EIP onto its reserved IP; its hand-off finds no peer to
 * take it, and that reserved IP must stay.
 */
@Timeout(60)
class ShutdownAddressesTest {
  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  @Test
  void theReservedIpCarryingADeadPeersEipIsReportedAndNothingWhenEc2IsDown() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir);
        AgentNode node = AgentNode.fromConfig(world.config("lb-a", Map.of()), Ticker.systemTicker(), List.of())) {
      node.start();
      Await.until("lb-a holds lb-b's EIP on its reserved IP", Duration.ofSeconds(30), () -> world.fake.association(TwoNodeWorld.ALLOC_B)
          .map(a -> a.privateIp().equals("10.0.1.20")).orElse(false));
      assertFalse(node.handOff(Duration.ofSeconds(5), d -> Thread.sleep(d.toMillis())), "no peer alive to take them");
      assertEquals(Optional.of(Set.of("10.0.1.10", "10.0.1.20")), node.privateIpsCarryingEips());
      world.fake.faults().outage(true);
      assertEquals(Optional.empty(), node.privateIpsCarryingEips(), "unknown: the caller keeps every address");
    }
  }
}
