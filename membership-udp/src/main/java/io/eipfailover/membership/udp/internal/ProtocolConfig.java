package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the protocol state machine needs, already validated by the public builder.
 *
 * @param self this node
 * @param clusterName carried in every datagram; others' datagrams are dropped
 * @param fingerprint the cluster configuration fingerprint ({@code ClusterTopology.fingerprint()})
 * @param peers the other nodes, in configuration order, self excluded
 * @param keyring the signing and accepted keys
 * @param detector the timing and detector settings
 * @param incarnation this run's incarnation (> 0, larger than any earlier run's)
 * @param peerAddresses where each peer's heartbeats come from (a peer missing here is never found
 *     "reachable but unauthenticated")
 */
record ProtocolConfig(NodeId self, String clusterName, long fingerprint, List<NodeId> peers, UdpKeyring keyring,
    DetectorSettings detector, long incarnation, Map<NodeId, SocketAddress> peerAddresses) {
  /** Without peer addresses. */
  ProtocolConfig(NodeId self, String clusterName, long fingerprint, List<NodeId> peers, UdpKeyring keyring,
      DetectorSettings detector, long incarnation) {
    this(self, clusterName, fingerprint, peers, keyring, detector, incarnation, Map.of());
  }

  ProtocolConfig {
    peerAddresses = Map.copyOf(peerAddresses);
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(clusterName, "clusterName");
    peers = List.copyOf(peers);
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(detector, "detector");
    if (incarnation <= 0) {
      throw new IllegalArgumentException("incarnation must be > 0, was " + incarnation);
    }
  }
}
