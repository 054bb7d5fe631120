package io.eipfailover.membership.udp;

import com.google.common.base.Ticker;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.membership.udp.internal.NioDatagramTransport;
import java.net.InetSocketAddress;
import java.util.Map;

/** Factories for {@link DatagramTransport}s. */
public final class DatagramTransports {
  private DatagramTransports() {}

  /**
   * The real UDP transport, the one {@link UdpMembershipBuilder#build()} creates when given no
   * transport: for wrapping it in a decorator of your own (fault injection, tracing) and handing the
   * wrapper to {@link UdpMembershipBuilder#transport}. It binds {@code bindAddress} and sends to
   * {@code peers}; with the detector's crash-detection socket on (and {@code crashConfirmations >
   * 0}) it also runs the TCP crash-detection links, reconnecting after a keepalive and backing off
   * to the deadtime. Nothing is opened before {@code start}.
   *
   * <p>Ownership: you create it; the membership it is given to starts it and stops it with {@link
   * DatagramTransport#close()}. Its TCP-link counters are its own: they do not show in the
   * membership's {@link UdpMembershipCounters}.
   *
   * @param ticker the same ticker as the membership's
   * @param detector the same settings as the membership's
   */
  public static DatagramTransport udp(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers,
      Ticker ticker, DetectorSettings detector) {
    Checks.notNull("self", self);
    Checks.notNull("bindAddress", bindAddress);
    Checks.notNull("peers", peers);
    peers.forEach((id, address) -> Checks.notNull("peer '" + id + "' address", address));
    return NioDatagramTransport.createStandalone(self, bindAddress, peers, Checks.notNull("ticker", ticker),
        Checks.notNull("detector", detector));
  }
}
