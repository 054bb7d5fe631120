package io.eipfailover.core.internal.guard;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Denies a takeover while the current holder still accepts TCP connections on its service address:
 * if it serves, only our heartbeats are lost, and taking its EIP would cut off working traffic.
 * Allows when there is no holder, the holder has no known address, or the connect fails. Immutable
 * and thread-safe.
 */
public final class PeerProbeGuard implements SplitBrainGuard {
  private final Map<NodeId, InetSocketAddress> addresses;
  private final Duration timeout;

  public PeerProbeGuard(Map<NodeId, InetSocketAddress> serviceAddresses, Duration timeout) {
    Objects.requireNonNull(serviceAddresses, "serviceAddresses must not be null");
    if (serviceAddresses.isEmpty()) {
      throw new IllegalArgumentException("serviceAddresses must name at least one node, was {}");
    }
    Map<NodeId, InetSocketAddress> copy = new TreeMap<>();
    for (Map.Entry<NodeId, InetSocketAddress> e : serviceAddresses.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "serviceAddresses must not contain a null node or address, was " + serviceAddresses);
      }
      copy.put(e.getKey(), e.getValue());
    }
    this.addresses = copy;
    this.timeout = TcpProbe.requireTimeout("timeout", timeout);
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    if (request.currentHolder().isEmpty()) {
      return GuardVerdict.allow("peerProbe: " + request.elasticIp().publicIp() + " has no holder to probe");
    }
    NodeId holder = request.currentHolder().get();
    InetSocketAddress address = addresses.get(holder);
    if (address == null) {
      return GuardVerdict.allow("peerProbe: no service address known for peer " + holder);
    }
    TcpProbe.Result r = TcpProbe.connect(address, timeout);
    if (r.connected()) {
      return GuardVerdict.deny("peerProbe: peer " + holder + " still serves on " + TcpProbe.format(address));
    }
    return GuardVerdict.allow("peerProbe: peer " + holder + " does not serve: " + r.detail());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("peerProbe({");
    addresses.forEach((n, a) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ")
        .append(n).append('=').append(TcpProbe.format(a)));
    return sb.append("}, ").append(timeout).append(')').toString();
  }
}
