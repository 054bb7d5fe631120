package io.eipfailover.membership.udp;

import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;

/**
 * A {@link Membership} over authenticated unicast UDP heartbeats, for nodes that know each other's
 * addresses (AWS VPCs have no multicast): Linux-HA Heartbeat's {@code ucast} done right.
 *
 * <p>Every {@link DetectorSettings#keepalive()} this node sends one datagram of at most {@value
 * #MAX_DATAGRAM_BYTES} bytes to every peer, carrying cluster name, sender, incarnation (new on
 * every start), sequence number, status, configuration fingerprint and the peers this node hears
 * (so each peer learns whether this node hears it: {@code MemberEntry.hearsSelf}), authenticated
 * with HMAC-SHA256 under the {@link UdpKeyring}'s primary key. Datagrams that are truncated, oversized,
 * of another version or cluster, from unknown senders, forged, or replayed are dropped, counted by
 * {@link DropReason} and logged at a rate-limited WARN; none can change a view or raise an
 * exception.
 *
 * <p>View contract, on top of {@link Membership}'s: every configured peer is in every view. A peer
 * not heard since start is SUSPECT for {@link DetectorSettings#initdead()}, then DEAD. A heard
 * peer is its announced status (ALIVE, STANDBY, UNHEALTHY) while heartbeats flow, SUSPECT after
 * {@link DetectorSettings#warntime()} of silence, DEAD when the detector or the crash fast path
 * convicts it, and comes back with its next authentic heartbeat (a view with {@code merged} set
 * when it returns from DEAD without having restarted: a partition healed). {@code MemberEntry}
 * timestamps are readings of the injected ticker; {@code lastHeard} is current in every {@link
 * #view()} (the epoch counts state changes, not heartbeats).
 *
 * <p>Thread-safety: all methods are thread-safe. The protocol runs on one thread (the transport's);
 * listeners run on their executors, in order, never under a lock of this membership.
 */
public interface UdpMembership extends Membership {
  /**
   * The most nodes (self included) a cluster of this membership may have: every heartbeat names the
   * peers its sender hears in a bitmap of one bit per node, at most 32 bytes.
   */
  int MAX_NODES = 256;

  /**
   * The largest datagram this membership sends or accepts: a heartbeat with a cluster name and node
   * id of 32 bytes each, in a cluster of {@link #MAX_NODES} nodes.
   */
  int MAX_DATAGRAM_BYTES = 158;

  /** A builder; see {@link UdpMembershipBuilder} for every setting and its default. */
  static UdpMembershipBuilder builder() {
    return new UdpMembershipBuilder();
  }

  /** This node. */
  NodeId self();

  /** This run's incarnation (0 before {@link #start()}); larger than any earlier run's. */
  long incarnation();

  /** The detector settings in force. */
  DetectorSettings detector();

  /** A snapshot of the counters, all zero before {@link #start()}. */
  UdpMembershipCounters counters();

  /**
   * Replaces the keyring without a restart (one step of a rotation, see {@link UdpKeyring}). Takes
   * effect on the protocol thread within one keepalive.
   */
  void updateKeyring(UdpKeyring keyring);
}
