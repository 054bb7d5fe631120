package io.eipfailover.examples.agent;

import io.eipfailover.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on two running agents by SIGHUP's reload, without a restart (issue 14): add the new
 * key on both, switch signing on each, retire the old key on each. Real UDP heartbeats on
 * loopback; after every step each node must go on accepting the other's heartbeats, with no
 * heartbeat dropped for its key and no suspicion. A last step that gives one node a key the other
 * does not know shows the reload really changes what is signed.
 */
@Timeout(90)
class KeyRotationTest {
  private static final String OLD = "1 old-secret-0123456789abcdef";
  private static final String NEW = "2 new-secret-fedcba9876543210";
  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  private Path keys(String node, String... lines) throws IOException {
    Path f = dir.resolve("keys-" + node);
    Files.writeString(f, String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  /** One running agent with its config file and its SIGHUP state, as AgentMain keeps them. */
  private record Agent(AgentNode node, Path config, AtomicReference<AgentConfig> current) {
    void hup() {
      AgentMain.reload(config, current, node);
    }

    UdpMembershipCounters counters() {
      return ((UdpMembership) node.membership()).counters();
    }
  }

  private Agent start(TwoNodeWorld world, String node, List<FailoverEvent> events) throws IOException {
    keys(node, OLD);
    Path config = world.config(node, Map.of("membership.key-file", "keys-" + node, "log.level", "WARN"));
    AgentNode n = AgentNode.fromConfig(config, Ticker.systemTicker(), List.of(events::add));
    n.start();
    return new Agent(n, config, new AtomicReference<>(AgentConfigParser.parse(config)));
  }

  @Test
  void addSwitchRetireLosesNoHeartbeatAndSuspectsNoOne() throws Exception {
    List<FailoverEvent> events = new CopyOnWriteArrayList<>();
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Agent a = start(world, "lb-a", events);
      Agent b = start(world, "lb-b", events);
      try {
        // Start-up shows the peer SUSPECT until its first heartbeat: the rotation starts from ALIVE.
        // (events arrive on each node's event thread: wait for both PeerRecovered, not only the views)
        Await.until("both agents see each other ALIVE (and both PeerRecovered)", Duration.ofSeconds(30), () -> allAlive(a) && allAlive(b)
            && events.stream().filter(e -> e.getClass().getSimpleName().equals("PeerRecovered")).count() == 2);
        awaitHeartbeats(a, b);
        int eventsBefore = events.size();
        long suspicionsBefore = a.counters().suspicions() + b.counters().suspicions();
        keys("lb-a", OLD, NEW);
        a.hup();
        keys("lb-b", OLD, NEW);
        b.hup();
        awaitHeartbeats(a, b);
        keys("lb-a", NEW, OLD);
        a.hup();
        awaitHeartbeats(a, b);
        keys("lb-b", NEW, OLD);
        b.hup();
        awaitHeartbeats(a, b);
        keys("lb-a", NEW);
        a.hup();
        keys("lb-b", NEW);
        b.hup();
        awaitHeartbeats(a, b);
        awaitHeartbeats(a, b);
        for (Agent x : List.of(a, b)) {
          assertEquals(0, x.counters().dropped(DropReason.UNKNOWN_KEY) + x.counters().dropped(DropReason.BAD_MAC),
              x.node().self() + " dropped heartbeats for their key: " + x.counters());
          assertTrue(allAlive(x), x.node().membership().view().toString());
        }
        assertEquals(suspicionsBefore, a.counters().suspicions() + b.counters().suspicions(), "no suspicion counted");
        List<FailoverEvent> during = List.copyOf(events.subList(eventsBefore, events.size()));
        assertEquals(List.of(), during, "no event at all during the rotation (no suspicion, no view change)");
        assertTrue(world.fake.association(TwoNodeWorld.ALLOC_A).orElseThrow().privateIp().equals("10.0.1.10")
            && world.fake.association(TwoNodeWorld.ALLOC_B).orElseThrow().privateIp().equals("10.0.2.10"), "nothing moved");

        // Control: lb-a now signs with a key lb-b does not know; lb-b drops its heartbeats.
        keys("lb-a", "3 another-secret-0123456789ab");
        a.hup();
        Await.until("lb-b drops lb-a's heartbeats signed with a key it does not know", Duration.ofSeconds(30), () -> b.counters().dropped(DropReason.UNKNOWN_KEY) > 0);
      } finally {
        a.node().close();
        b.node().close();
      }
    }
  }

  private static boolean allAlive(Agent x) {
    return x.node().membership().view().members().values().stream().allMatch(s -> s.state() == MemberState.ALIVE);
  }

  /** Waits until each agent accepted at least five more heartbeats from the other. */
  private static void awaitHeartbeats(Agent a, Agent b) throws InterruptedException {
    long fromB = a.counters().accepted();
    long fromA = b.counters().accepted();
    Await.until("five more heartbeats accepted each way", Duration.ofSeconds(30), () -> a.counters().accepted() >= fromB + 5 && b.counters().accepted() >= fromA + 5);
  }
}
