package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the harness reads from the daemons and writes for them: log and notify lines, configurations. */
class DaemonOutputTest {
  @Test
  void agentLogLinesGiveTimedPeerTransitionsStartAndEndOfGrace() {
    EventLine dead = AgentDaemon.parse("2026-11-30T21:09:26.165941 INFO  UdpProtocol - [id=lb-a] peer lb-b:"
        + " ALIVE -> DEAD").orElseThrow();
    assertEquals("peer", dead.kind());
    assertEquals(EventLine.micros(Instant.parse("2026-11-30T21:09:26.165941Z")), dead.micros());
    assertEquals(Map.of("peer", "lb-b", "from", "ALIVE", "to", "DEAD"), dead.fields());
    assertEquals("started", AgentDaemon.parse("2026-11-30T21:09:27.391671 INFO  AgentNode - [id=lb-b] started:"
        + " cluster bench-pair, UDP membership").orElseThrow().kind());
    assertEquals("ready", AgentDaemon.parse("2026-11-30T21:09:29.436952 INFO  TakeoverSuppression - [id=lb-b]"
        + " takeovers from unreachable peers allowed again after start-up grace: its time passed").orElseThrow()
        .kind());
    assertEquals(Optional.empty(), AgentDaemon.parse("2026-11-30T21:09:26.165941 INFO  UdpProtocol - [id=lb-a]"
        + " peer lb-b declared dead by the detector: silent"));
    assertEquals(Optional.empty(), AgentDaemon.parse("       fix: ip addr add 10.0.1.10/24 dev eth0"));
  }

  @Test
  void theFleetRunReadsViewsAndHoldsFromTheReconcilersLines() {
    EventLine view = AgentDaemon.parse("2026-12-01T00:17:07.100000 INFO  Reconciler - [id=lb-03] View{lb-03 #30"
        + " lb-01=ALIVE lb-02=DEAD lb-03=ALIVE}").orElseThrow();
    assertEquals("view", view.kind());
    assertEquals("lb-01=ALIVE lb-02=DEAD lb-03=ALIVE", view.field("members"));
    assertEquals("held", AgentDaemon.parse("2026-12-01T00:16:46.199278 WARN  Reconciler - [id=lb-03] this node was"
        + " paused: its loop ran 1078 ms late; no takeover").orElseThrow().kind());
    assertEquals("lifted", AgentDaemon.parse("2026-12-01T00:16:46.504002 INFO  Reconciler - [id=lb-09] takeovers"
        + " from unreachable peers allowed again after local pause: fresh view #6").orElseThrow().kind());
  }

  @Test
  void aDeadLineConvictsOnlyThePeer() throws Exception {
    EventLine peerDead = AgentDaemon.parse("2026-11-30T21:09:26.165941 INFO  UdpProtocol - [id=lb-a] peer lb-b:"
        + " SUSPECT -> DEAD").orElseThrow();
    EventLine peerAlive = AgentDaemon.parse("2026-11-30T21:09:26.165941 INFO  UdpProtocol - [id=lb-a] peer lb-b:"
        + " SUSPECT -> ALIVE").orElseThrow();
    EventLine standby = AgentDaemon.parse("2026-11-30T21:09:26.165941 INFO  UdpProtocol - [id=lb-a] peer lb-b:"
        + " ALIVE -> STANDBY").orElseThrow();
    assertTrue(AgentDaemon.peerStandby(standby));
    assertTrue(!AgentDaemon.peerStandby(peerDead));
    assertEquals("DEAD", peerDead.field("to"));
    assertEquals("ALIVE", peerAlive.field("to"));
  }

  @Test
  void notifyLinesAreTimedVrrpStates() {
    EventLine e = KeepalivedDaemon.parse("1796072011349557 VI_B MASTER").orElseThrow();
    assertEquals(1796072011349557L, e.micros());
    assertEquals(Map.of("instance", "VI_B", "state", "MASTER"), e.fields());
    assertEquals(Optional.empty(), KeepalivedDaemon.parse("17960720113 VI_B MASTER"), "not 16 digits");
    assertEquals(Optional.empty(), KeepalivedDaemon.parse("1796072011349557 VI_B"));
  }

  @Test
  void keepalivedRunsTwoUnicastInstancesEachNodeMasterOfItsOwn() {
    String conf = KeepalivedDaemon.config(PairLayout.NODE_B, 0.01, Path.of("/x/notify.sh"));
    assertTrue(conf.contains("vrrp_version 3"), conf);
    assertTrue(conf.contains("advert_int 0.01"), conf);
    assertTrue(conf.contains("unicast_src_ip 10.98.0.12") && conf.contains("    10.98.0.11\n"), conf);
    int a = conf.indexOf("vrrp_instance VI_A");
    int b = conf.indexOf("vrrp_instance VI_B");
    assertTrue(a >= 0 && b > a, conf);
    assertTrue(conf.substring(a, b).contains("priority 100"), "lb-b is backup of lb-a's instance: " + conf);
    assertTrue(conf.substring(b).contains("priority 150"), "lb-b is master of its own instance: " + conf);
    assertTrue(conf.contains("notify /x/notify.sh"), conf);
  }

  @Test
  void theNotifyScriptMovesEachEipToTheRightAddressOfThisNode() {
    String script = KeepalivedDaemon.notifyScript(PairLayout.NODE_A, Path.of("/x/notify.log"));
    assertTrue(script.contains("VI_A) alloc=" + PairLayout.EIP_A.allocationId() + " ip=10.98.0.11 ;;"), script);
    assertTrue(script.contains("VI_B) alloc=" + PairLayout.EIP_B.allocationId() + " ip=10.98.0.21 ;;"), script);
    assertTrue(script.contains("NetworkInterfaceId=" + PairLayout.NODE_A.eni()), script);
    assertTrue(script.contains("--aws-sigv4 aws:amz:us-east-1:ec2 --user lb-a:"),
        "signed like the SDK, the access key is the caller the fake records: " + script);
    assertTrue(script.indexOf(">> /x/notify.log") < script.indexOf("curl"), "timestamp before the call: " + script);
  }

  @Test
  void theAgentConfigurationIsTheBenchBaseWithTheSettingsKeysOnTop() {
    Map<String, String> p = AgentDaemon.properties(PairLayout.NODE_B, Map.of("membership.udp.profile", "aggressive",
        "strategy.failback-delay", "3s"));
    assertEquals("lb-b", p.get("node.id"));
    assertEquals("10.98.0.12", p.get("topology.node.lb-b.home-ips"));
    assertEquals("http://10.98.0.1:9002", p.get("ec2.imds-endpoint"));
    assertEquals("aggressive", p.get("membership.udp.profile"));
    assertEquals("3s", p.get("strategy.failback-delay"), "a setting overrides the base");
  }
}
