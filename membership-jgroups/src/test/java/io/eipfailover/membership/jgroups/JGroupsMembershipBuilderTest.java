package io.eipfailover.membership.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jgroups.JChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class JGroupsMembershipBuilderTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final ClusterTopology TOPOLOGY = ClusterTopology.builder()
      .clusterName("prod")
      .node(N1, AttachmentPoint.primary("eni-10", "10.0.1.10"), AttachmentPoint.reserved("eni-11", "10.0.1.20"))
      .node(NodeId.of("n2"), AttachmentPoint.primary("eni-20", "10.0.2.10"), AttachmentPoint.reserved("eni-21", "10.0.2.20"))
      .elasticIp(ElasticIp.of("eipalloc-01", "203.0.113.1", "n1"))
      .build();

  @TempDir Path dir;

  private static JGroupsMembershipBuilder valid() {
    return JGroupsMembership.builder().self(N1).topology(TOPOLOGY).bindAddress(InetAddress.getLoopbackAddress())
        .initialMembers(List.of("127.0.0.1[7800]"));
  }

  private static void rejects(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
  }

  @Test
  void rejectsBadSettingsNamingTheSettingAndValue() {
    rejects("clusterName must be 1 to 64 characters of [A-Za-z0-9._-], was 'a b'", () -> valid().clusterName("a b"));
    rejects("bindPort must be between 1 and 65425, was 0", () -> valid().bindPort(0));
    rejects("bindPort must be between 1 and 65425, was 70000", () -> valid().bindPort(70000));
    rejects("initialMembers must not be empty, was []", () -> valid().initialMembers(List.of()));
    rejects("initialMembers entry must look like host[port], was '10.0.0.1:7800'",
        () -> valid().initialMembers(List.of("10.0.0.1:7800")));
    rejects("initialMembers entry port must be 1 to 65535, was 'h[99999]'", () -> valid().initialMembers(List.of("h[99999]")));
    rejects("stackFile must be a readable file, was", () -> valid().stackFile(dir.resolve("missing.xml")));
  }

  @Test
  void rejectsInconsistentCombinationsAtBuild() throws Exception {
    rejects("self must be set", () -> JGroupsMembership.builder().topology(TOPOLOGY).build());
    rejects("topology must be set", () -> JGroupsMembership.builder().self(N1).build());
    rejects("self 'n9' is not a node of the topology [n1, n2]", () -> valid().self(NodeId.of("n9")).build());
    rejects("bindAddress must be set for the default stack",
        () -> JGroupsMembership.builder().self(N1).topology(TOPOLOGY).initialMembers(List.of("127.0.0.1[1]")).build());
    rejects("initialMembers must be set for the default stack, was []", () -> JGroupsMembership.builder().self(N1)
        .topology(TOPOLOGY).bindAddress(InetAddress.getLoopbackAddress()).build());
    Path xml = Files.writeString(dir.resolve("stack.xml"), "<config/>");
    rejects("cannot be combined with stackFile", () -> valid().stackFile(xml).build());
    rejects("config heartbeat tunes the default stack and cannot be combined with stackFile",
        () -> JGroupsMembership.builder().self(N1).topology(TOPOLOGY).stackFile(xml)
            .config(JGroupsMembershipConfig.builder().heartbeat(Duration.ofMillis(100), Duration.ofMillis(400)).build())
            .build());
    try (JChannel ch = new JChannel(false)) {
      rejects("set channel or stackFile, not both",
          () -> JGroupsMembership.builder().self(N1).topology(TOPOLOGY).channel(ch).stackFile(xml).build());
      rejects("cannot be combined with channel", () -> valid().channel(ch).build());
    }
    JChannel closed = new JChannel(false);
    closed.close();
    rejects("channel must not be closed, was closed", () -> valid().channel(closed));
  }

  @Test
  void jgroupsLogsGoToSlf4jWithinABudget() {
    JGroupsMembership.builder();
    assertTrue(org.jgroups.logging.LogFactory.getLog(JGroupsMembershipBuilderTest.class)
        instanceof io.eipfailover.membership.jgroups.internal.BudgetedJGroupsLog);
  }

  @Test
  void beforeStartEveryPeerIsDeadAndSelfFollowsAnnounce() {
    try (JGroupsMembership m = valid().bindPort(7805).build()) {
      assertEquals(MemberState.DEAD, m.view().stateOf(NodeId.of("n2")));
      assertEquals(MemberState.ALIVE, m.view().stateOf(N1));
      m.announce(io.eipfailover.core.AnnouncedStatus.STANDBY);
      Await.value("self STANDBY after announce", Duration.ofSeconds(5), m::view, v -> v.stateOf(N1) == MemberState.STANDBY);
    }
  }

  @Test
  void startTwiceThrowsAndCloseIsIdempotent() {
    JGroupsMembership m = valid().bindPort(LoopbackPorts.reserve()).initialMembers(List.of("127.0.0.1[" + 1 + "]"))
        .config(JGroupsMembershipConfig.builder().joinTimeout(Duration.ofMillis(200)).build()).build();
    try {
      m.start();
      IllegalStateException e = assertThrows(IllegalStateException.class, m::start);
      assertTrue(e.getMessage().contains("already started"), e.getMessage());
    } finally {
      m.close();
      m.close();
    }
    assertThrows(IllegalStateException.class, m::start);
  }

  @Test
  void anInjectedSchedulerRunsTheMembershipAndIsNeverShutDown() {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      JGroupsMembership never = valid().scheduler(scheduler).build();
      never.close();
      assertFalse(scheduler.isShutdown(), "closed before start: the caller's scheduler is untouched");

      JGroupsMembership m = valid().bindPort(LoopbackPorts.reserve()).initialMembers(List.of("127.0.0.1[1]"))
          .config(JGroupsMembershipConfig.builder().joinTimeout(Duration.ofMillis(200)).build())
          .scheduler(scheduler).build();
      m.start();
      m.announce(io.eipfailover.core.AnnouncedStatus.STANDBY);
      Await.until("the loop, on the injected scheduler, applies the announcement", Duration.ofSeconds(20),
          () -> m.view().stateOf(N1) == MemberState.STANDBY, m::view);
      m.close();
      assertFalse(scheduler.isShutdown(), "a scheduler we were given is its owner's to shut down");
    } finally {
      scheduler.shutdownNow();
    }
  }

}
