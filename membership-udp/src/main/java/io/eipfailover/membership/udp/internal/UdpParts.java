package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code UdpMembershipBuilder} hands to the implementation: the node's identity and addresses,
 * its collaborators and the tunables ({@link DetectorSettings}), all validated. Not API.
 *
 * @param configFingerprint carried in every datagram; a peer with another one is reported
 * @param bindAddress where the real transport binds; null with a custom transport
 * @param peers peer ids and addresses in configuration order (null addresses only with a custom
 *     transport)
 * @param transport a custom transport, or null for the real UDP one (created and closed by us)
 */
public record UdpParts(NodeId self, String clusterName, long configFingerprint, InetSocketAddress bindAddress,
    Map<NodeId, InetSocketAddress> peers, UdpKeyring keyring, DetectorSettings detector, Ticker ticker, Clock clock,
    DatagramTransport transport) {
  public UdpParts {
    peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
  }
}
