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
 * The validated settings of one UDP membership, as the public builder hands them over. Not API.
 *
 * @param bindAddress where the real transport binds; null with a custom transport
 * @param peers peer ids and addresses (null addresses only with a custom transport)
 * @param transport a custom transport, or null for the real UDP one
 * @param crashDetectionSocket whether the real transport runs the crash-detection TCP links
 */
public record UdpSettings(NodeId self, String clusterName, long fingerprint, InetSocketAddress bindAddress,
    Map<NodeId, InetSocketAddress> peers, UdpKeyring keyring, DetectorSettings detector, Ticker ticker, Clock clock,
    DatagramTransport transport, boolean crashDetectionSocket) {
  public UdpSettings {
    peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
  }
}
