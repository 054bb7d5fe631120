package io.eipfailover.examples.agent.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.PeerState;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The metrics of a reachable but unauthenticated peer. */
class PrometheusTextTest {
  private static final NodeId A = NodeId.of("lb-a");
  private static final NodeId B = NodeId.of("lb-b");

  @Test
  void anUnauthenticatedPeerIsAGaugeAndItsFailuresACounterByReason() {
    ClusterTopology topology = ClusterTopology.builder().clusterName("t")
        .node(A, AttachmentPoint.primary("eni-0a", "10.0.1.10"), AttachmentPoint.reserved("eni-0a", "10.0.1.11"))
        .node(B, AttachmentPoint.primary("eni-0b", "10.0.2.10"), AttachmentPoint.reserved("eni-0b", "10.0.2.11"))
        .build();
    MembershipView view = new MembershipView(5, A, Map.of(A, PeerState.of(NodeState.ALIVE, 0),
        B, new PeerState(NodeState.SUSPECT, 2, OptionalLong.empty(), OptionalLong.of(2), OptionalLong.of(1))));
    FailoverStatus status = new FailoverStatus(A, true, false, NodeStatus.ALIVE, view, Map.of(), null, Optional.empty(),
        new FailoverStatus.Counters(0, 0, 0, 0, 0, 0, 0));
    UdpMembershipCounters heartbeats = new UdpMembershipCounters(10, 0, 40, 0, Map.of(DropReason.BAD_MAC, 40L), 0, 0,
        0, 0, 0, 0, 0, Map.of(B, Map.of(DropReason.BAD_MAC, 40L)));
    String text = PrometheusText.render(status, topology, new FailoverMetrics(), new Ec2CallMetrics(),
        Optional.of(heartbeats));
    assertTrue(text.contains("\neipfailover_peer_unauthenticated{node=\"lb-b\"} 1\n"), text);
    assertTrue(text.contains("\neipfailover_peer_unauthenticated{node=\"lb-a\"} 0\n"), text);
    assertTrue(text.contains("\neipfailover_heartbeat_auth_failures_total{peer=\"lb-b\",reason=\"bad_mac\"} 40\n"), text);
  }
}
