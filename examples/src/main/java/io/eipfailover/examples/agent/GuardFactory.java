package io.eipfailover.examples.agent;

import io.eipfailover.aws.Ec2InstanceStateGuard;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Turns the {@code guard*} keys into one {@link SplitBrainGuard}. */
final class GuardFactory {
  private GuardFactory() {}

  /**
   * @param instanceIds node → EC2 instance id, for {@code ec2-instance-state} (may be empty otherwise)
   */
  static SplitBrainGuard create(AgentConfig.Guards g, ClusterTopology topology, Ec2Client ec2,
      Map<NodeId, String> instanceIds) {
    List<SplitBrainGuard> guards = new ArrayList<>();
    for (AgentConfig.GuardKind kind : g.kinds()) {
      guards.add(switch (kind) {
        case QUORUM -> SplitBrainGuards.quorum();
        case REACHABILITY -> SplitBrainGuards.reachability(g.reachabilityTargets(), g.reachabilityTimeout());
        case PEER_PROBE -> SplitBrainGuards.peerProbe(serviceAddresses(topology, g.peerProbePort()), g.peerProbeTimeout());
        case EC2_INSTANCE_STATE -> Ec2InstanceStateGuard.builder().ec2Client(ec2).instances(instanceIds).build();
        case UNGUARDED -> SplitBrainGuards.unguarded();
      });
    }
    if (guards.size() == 1) {
      return guards.get(0);
    }
    SplitBrainGuard[] array = guards.toArray(new SplitBrainGuard[0]);
    return g.anyOf() ? SplitBrainGuards.anyOf(array) : SplitBrainGuards.allOf(array);
  }

  /** Each node's first home IP at {@code port}: where its HAProxy answers if it is alive. */
  static Map<NodeId, InetSocketAddress> serviceAddresses(ClusterTopology topology, int port) {
    Map<NodeId, InetSocketAddress> out = new LinkedHashMap<>();
    for (NodeSpec n : topology.nodes().values()) {
      out.put(n.id(), new InetSocketAddress(n.homePoints().get(0).privateIp(), port));
    }
    return out;
  }
}
