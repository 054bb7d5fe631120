package io.eipfailover.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@link SplitBrainGuard}s and their combinators. Recommended: for a pair, {@code
 * anyOf(reachability(gateway), ec2InstanceState)} from the {@code aws} module, or {@code
 * allOf(reachability(gateway), peerProbe(...))}; for three nodes or more, {@code quorum()}.
 */
public final class SplitBrainGuards {
  private SplitBrainGuards() {}

  /**
   * Allows a takeover only when this node can reach a strict majority of the topology (itself
   * included: nodes in state alive, standby or unhealthy count). A pair can never have a majority
   * with one node gone, so use it with three nodes or more, or inside {@link #anyOf}.
   */
  public static SplitBrainGuard quorum() {
    throw new UnsupportedOperationException("quorum: being written");
  }

  /**
   * Heartbeat's {@code ping} node: allows a takeover only when a TCP connection to at least one of
   * {@code targets} (the VPC gateway, the EC2 endpoint) succeeds within {@code timeout}. A node cut
   * off from the network cannot reach them and so does not steal. A longer time-out tolerates a
   * slow network but delays every takeover decision by up to that much.
   */
  public static SplitBrainGuard reachability(List<InetSocketAddress> targets, Duration timeout) {
    throw new UnsupportedOperationException("reachability: being written");
  }

  /**
   * Denies a takeover while the holder still accepts TCP connections on its service address
   * (e.g. HAProxy's port on its private IP): it is alive, only our heartbeats are lost. Allows when
   * the connection is refused or times out, or when the holder has no address in {@code
   * serviceAddresses}.
   */
  public static SplitBrainGuard peerProbe(Map<NodeId, InetSocketAddress> serviceAddresses, Duration timeout) {
    throw new UnsupportedOperationException("peerProbe: being written");
  }

  /** Allows only if every guard allows; stops at the first denial, whose reason it reports. */
  public static SplitBrainGuard allOf(SplitBrainGuard... guards) {
    throw new UnsupportedOperationException("allOf: being written");
  }

  /** Allows if any guard allows (first allowing reason reported); denies with all reasons otherwise. */
  public static SplitBrainGuard anyOf(SplitBrainGuard... guards) {
    throw new UnsupportedOperationException("anyOf: being written");
  }

  /**
   * Allows every takeover. Unsafe: a node that is merely cut off from its peers takes their EIPs
   * and the two fight. Logged at WARN when created and on every takeover it allows.
   */
  public static SplitBrainGuard unguarded() {
    throw new UnsupportedOperationException("unguarded: being written");
  }
}
