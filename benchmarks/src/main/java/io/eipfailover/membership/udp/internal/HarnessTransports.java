package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Gives the failover harness the membership's real NIO transport, so it can wrap it in an impairing
 * decorator (jitter, loss, no ICMP) and hand the wrapper to {@code UdpMembership.builder()
 * .transport(...)}. The module exposes the transport seam but not a factory for the real transport;
 * this class sits in the module's internal package inside the benchmarks jar (same runtime package
 * on the class path) instead of changing the module. Benchmarks only.
 */
public final class HarnessTransports {
  private HarnessTransports() {}

  /**
   * The real UDP transport, bound to {@code bindAddress}, sending to {@code peers}, with the TCP
   * crash-detection link the membership builds by default (reconnects after {@code keepalive},
   * backing off to {@code deadtime}). Its counters are not reported: the harness reads times
   * from events.
   */
  public static DatagramTransport nio(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers,
      Ticker ticker, Duration keepalive, Duration deadtime) {
    CrashLinks links = new CrashLinks(self, bindAddress, peers, keepalive.toNanos(), deadtime.toNanos(), new CounterSet());
    return new NioDatagramTransport(self, bindAddress, peers, ticker, links);
  }
}
