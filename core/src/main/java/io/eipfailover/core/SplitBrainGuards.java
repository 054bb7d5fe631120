package io.eipfailover.core;

import io.eipfailover.core.internal.guard.AllOfGuard;
import io.eipfailover.core.internal.guard.AnyOfGuard;
import io.eipfailover.core.internal.guard.PeerProbeGuard;
import io.eipfailover.core.internal.guard.QuorumGuard;
import io.eipfailover.core.internal.guard.ReachabilityGuard;
import io.eipfailover.core.internal.guard.UnguardedGuard;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in {@link SplitBrainGuard}s and their combinators. Recommended: for a pair, {@code
 * allOf(reachability(gateway), peerProbe(...))} — take over only when this node still reaches the
 * network and the peer no longer serves (measured end to end: when only heartbeats are lost, no EIP
 * moves); {@code anyOf(..., ec2InstanceState)} from the {@code aws} module may be added inside the
 * {@code allOf} to allow takeovers EC2 itself vouches for. A guard that allows on reachability
 * alone lets two nodes that lost only each other's heartbeats take turns pulling an EIP (flap
 * damping bounds it). For three nodes or more, {@code quorum()}.
 */
public final class SplitBrainGuards {
  private SplitBrainGuards() {}

  /**
   * Allows a takeover only when this node can reach a strict majority of the topology (itself
   * included: nodes in state alive, standby or unhealthy count). A pair can never have a majority
   * with one node gone, so use it with three nodes or more, or inside {@link #anyOf}. The asking
   * node always counts itself; the denominator is the topology's node count. Reason, e.g.
   * {@code "quorum: 2 of 3 nodes reachable (need 2)"}.
   */
  public static SplitBrainGuard quorum() {
    return new QuorumGuard();
  }

  /**
   * Heartbeat's {@code ping} node: allows a takeover only when a TCP connection to at least one of
   * {@code targets} (the VPC gateway, the EC2 endpoint) succeeds within {@code timeout}. A node cut
   * off from the network cannot reach them and so does not steal. A longer time-out tolerates a
   * slow network but delays every takeover decision by up to that much.
   */
  public static SplitBrainGuard reachability(List<InetSocketAddress> targets, Duration timeout) {
    return new ReachabilityGuard(targets, timeout);
  }

  /** {@link #reachability(List, Duration)} with one target. */
  public static SplitBrainGuard reachability(InetSocketAddress target, Duration timeout) {
    Objects.requireNonNull(target, "target must not be null");
    return new ReachabilityGuard(List.of(target), timeout);
  }

  /**
   * Denies a takeover while the holder still accepts TCP connections on its service address
   * (e.g. HAProxy's port on its private IP): it is alive, only our heartbeats are lost. Allows when
   * the connection is refused or times out, or when the holder has no address in {@code
   * serviceAddresses}.
   */
  public static SplitBrainGuard peerProbe(Map<NodeId, InetSocketAddress> serviceAddresses, Duration timeout) {
    return new PeerProbeGuard(serviceAddresses, timeout);
  }

  /**
   * Allows only if every guard allows; stops at the first denial, whose reason it reports. A guard
   * that throws counts as a denial with the exception as its reason. At least one guard, no nulls.
   */
  public static SplitBrainGuard allOf(SplitBrainGuard... guards) {
    return new AllOfGuard(guards);
  }

  /**
   * Allows if any guard allows (first allowing reason reported); denies with all reasons otherwise.
   * A guard that throws counts as a denial. At least one guard, no nulls.
   */
  public static SplitBrainGuard anyOf(SplitBrainGuard... guards) {
    return new AnyOfGuard(guards);
  }

  /**
   * Allows every takeover. Unsafe: a node that is merely cut off from its peers takes their EIPs
   * and the two fight. Logged at WARN when created and on every takeover it allows.
   */
  public static SplitBrainGuard unguarded() {
    return new UnguardedGuard();
  }
}
