package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each peer was last heard, published for readers on other threads. Views are built on state
 * changes only, so a heartbeat costs no allocation; {@link #refresh} brings a view's {@code
 * lastHeard} up to date at read time instead (one allocation per read, none per heartbeat).
 * Written by the protocol thread, read by any.
 */
final class HeardTimes {
  private final AtomicLongArray lastHeardNanos;
  private final AtomicIntegerArray heardFlags;

  HeardTimes(int peers) {
    this.lastHeardNanos = new AtomicLongArray(peers);
    this.heardFlags = new AtomicIntegerArray(peers);
  }

  /** Peer {@code index} was heard at {@code now}. Protocol thread only. */
  void heard(int index, long now) {
    lastHeardNanos.set(index, now);
    heardFlags.set(index, 1); // after the time: a reader that sees the flag sees the time
  }

  /** {@code view} with each heard peer's {@code lastHeard} as last recorded. Thread-safe. */
  MembershipView refresh(MembershipView view, PeerRecord[] peers) {
    Map<NodeId, MemberEntry> members = null;
    for (PeerRecord p : peers) {
      if (heardFlags.get(p.index) == 0) {
        continue;
      }
      long heard = lastHeardNanos.get(p.index);
      MemberEntry s = view.members().get(p.id);
      if (s.lastHeard().isEmpty() || s.lastHeard().getAsLong() != heard) {
        if (members == null) {
          members = new TreeMap<>(view.members());
        }
        members.put(p.id, new MemberEntry(s.state(), s.since(), OptionalLong.of(heard), s.suspectedAt(),
            s.unauthenticatedSince(), s.hearsSelf()));
      }
    }
    return members == null ? view : new MembershipView(view.epoch(), view.self(), members, view.merged());
  }
}
