package io.eipfailover.membership.jgroups.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.jgroups.internal.Announcement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.junit.jupiter.api.Test;

/**
 * A raw JGroups member that is not one of ours joins the group: it is ignored, its garbage is
 * dropped and counted, and it cannot pass itself off as a topology node.
 */
class StrangersAndNoiseTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static String compatibleStack(int port, int peerPort) {
    return """
        <config xmlns="urn:org:jgroups">
          <TCP bind_addr="127.0.0.1" bind_port="%d" port_range="0"/>
          <TCPPING initial_hosts="127.0.0.1[%d]" port_range="0"/>
          <MERGE3 min_interval="300" max_interval="900"/>
          <FD_SOCK2/>
          <FD_ALL3 timeout="400" interval="100"/>
          <VERIFY_SUSPECT2 timeout="200"/>
          <pbcast.NAKACK2 use_mcast_xmit="false"/>
          <UNICAST3/>
          <pbcast.STABLE/>
          <pbcast.GMS join_timeout="600" print_local_addr="false"/>
          <FRAG4/>
        </config>
        """.formatted(port, peerPort);
  }

  @Test
  void aStrangerIsIgnoredAndItsNoiseAndImpersonationAreDroppedAndCounted() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(2)) {
      LoopbackCluster.Member n1 = c.start("n1");
      String cluster = "jgtest-" + n1.port;
      try (JChannel stranger = new JChannel(new ByteArrayInputStream(
          compatibleStack(LoopbackPorts.reserve(), n1.port).getBytes(StandardCharsets.UTF_8)))) {
        stranger.name("intruder").connect(cluster);
        Await.value("the stranger joins the JGroups group", WAIT, stranger::getView, v -> v.size() == 2);

        stranger.send(new BytesMessage(null, "not an announcement".getBytes(StandardCharsets.UTF_8)));
        stranger.send(new BytesMessage(null,
            new Announcement(NodeId.of("n2"), AnnouncedStatus.ALIVE, c.topology.fingerprint(), 1).encode()));
        Await.value("garbage and impersonation are both dropped and counted", WAIT, n1.membership::droppedMessages,
            dropped -> dropped >= 2);
        assertEquals(2, n1.membership.droppedMessages(), "exactly those two");
        assertEquals(MemberState.DEAD, n1.view().stateOf(NodeId.of("n2")), "the intruder did not become n2");
        assertEquals(2, n1.view().members().size(), "only topology nodes appear in the view");
        assertTrue(n1.recorder.views.stream().noneMatch(v -> v.stateOf(NodeId.of("n2")) != MemberState.DEAD));
      }
      c.start("n2");
      c.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.ALIVE, WAIT, "the real n2 ALIVE");
    }
  }
}
