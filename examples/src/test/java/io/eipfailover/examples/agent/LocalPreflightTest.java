package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.PreflightReport.Finding;
import io.eipfailover.core.NodeId;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalPreflight} on real sockets on 127.0.0.1. */
class LocalPreflightTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aFreePortPassesAndAHeldOneFailsNamingTheSetting() throws IOException {
    try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      InetSocketAddress a = new InetSocketAddress(LOOPBACK, held.getLocalPort());
      Finding f = LocalPreflight.bind("port:udp", a, true, "membership.port");
      assertFalse(f.ok(), f.toString());
      assertTrue(f.detail().contains("UDP 127.0.0.1:" + a.getPort()), f.detail());
      assertTrue(f.fix().contains("already running") && f.fix().contains("membership.port"), f.fix());
      Finding tcp = LocalPreflight.bind("port:tcp", a, false, "membership.port");
      assertTrue(tcp.ok(), "the TCP port of the same number is free: " + tcp);
    }
  }

  @Test
  void anAddressNotOnThisHostFailsWithItsFix() {
    // 192.0.2.0/24 is TEST-NET-1: never assigned to a host; binding it fails locally, nothing is sent.
    Finding f = LocalPreflight.bind("port:udp", new InetSocketAddress("192.0.2.77", 40694), true, "membership.port");
    assertFalse(f.ok(), f.toString());
    assertTrue(f.fix().contains("192.0.2.77 is not an address of this host"), f.fix());
  }

  @Test
  void aGuardTargetThatDoesNotAnswerIsReportedWithWhatItMeansAndTheFix() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      closed = s.getLocalPort();
    }
    Finding f = LocalPreflight.answers(new InetSocketAddress(LOOPBACK, closed), Duration.ofMillis(500), false);
    assertFalse(f.ok(), f.toString());
    assertTrue(f.detail().contains("denies every takeover"), f.detail());
    assertTrue(f.fix().contains("VPC base address + 2, port 53"), f.fix());
    Finding any = LocalPreflight.answers(new InetSocketAddress(LOOPBACK, closed), Duration.ofMillis(500), true);
    assertTrue(any.detail().contains("only the other guards"), any.detail());
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      assertTrue(LocalPreflight.answers(new InetSocketAddress(LOOPBACK, s.getLocalPort()), Duration.ofSeconds(5), false)
          .ok());
    }
  }

  @Test
  void runChecksTheHeartbeatPortsTheStatusPortAndEveryGuardTarget(@TempDir Path dir) throws IOException {
    int status;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      status = s.getLocalPort();
    }
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.address.lb-a", "127.0.0.1:" + status);
    m.put("status.port", String.valueOf(status));
    m.put("guard.reachability.targets", "127.0.0.1:" + status);
    ConfigFixtures.keyFile(dir);
    AgentConfig cfg = AgentConfigParser.parse(ConfigFixtures.text(m), dir);
    List<Finding> findings = LocalPreflight.run(cfg, NodeId.of("lb-a"), cfg.topology().orElseThrow());
    assertEquals(List.of("port:udp/" + status, "port:tcp/" + status, "port:status/" + status,
        "guard-target:127.0.0.1:" + status), findings.stream().map(Finding::check).toList());
    assertTrue(findings.get(0).ok() && findings.get(1).ok(), findings.toString());
    // Nothing listens on the status port (the agent is not running), so the guard target fails there.
    assertFalse(findings.get(3).ok(), findings.toString());
  }
}
