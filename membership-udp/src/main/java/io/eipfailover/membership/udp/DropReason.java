package io.eipfailover.membership.udp;

/**
 * Why a received datagram was dropped. Every drop is counted by reason ({@link
 * UdpMembershipCounters#dropped()}) and logged at a rate-limited WARN naming the source address.
 * A dropped datagram never changes a view.
 */
public enum DropReason {
  /** Shorter than its own header says (or than the smallest valid heartbeat). */
  TRUNCATED,
  /** Longer than {@code UdpMembership.MAX_DATAGRAM_BYTES}. */
  OVERSIZED,
  /** The first byte is not a wire-format version this node speaks. */
  WRONG_VERSION,
  /** Authentic-looking, but for another cluster name. */
  WRONG_CLUSTER,
  /** The sender id is not one of the configured peers (self included: we never hear ourselves). */
  UNKNOWN_SENDER,
  /** Signed with a key id this node's keyring does not hold. */
  UNKNOWN_KEY,
  /** The HMAC does not match: forged, corrupted, or signed with a different key under the same id. */
  BAD_MAC,
  /** Authentic, but a sequence number already seen or an older incarnation: a replay or duplicate. */
  REPLAYED,
  /** Structurally impossible: bad length fields, trailing bytes, unknown status, zero counters. */
  GARBAGE;

  /**
   * Whether a datagram dropped for this reason says "a speaker of our protocol we cannot accept"
   * (another wire version, cluster name, node id, key id or secret): from a configured peer's host,
   * it makes that peer <em>reachable but unauthenticated</em> ({@code
   * UdpMembershipCounters.authFailures}). Replays and line noise never do.
   */
  public boolean isAuthenticationFailure() {
    return switch (this) {
      case WRONG_VERSION, WRONG_CLUSTER, UNKNOWN_SENDER, UNKNOWN_KEY, BAD_MAC -> true;
      case TRUNCATED, OVERSIZED, REPLAYED, GARBAGE -> false;
    };
  }
}
